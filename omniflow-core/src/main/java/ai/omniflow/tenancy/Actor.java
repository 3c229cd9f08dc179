package ai.omniflow.tenancy;

import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Who is doing a call: the org it acts in, the user and the role in force. Every service call takes
 * one explicitly; core keeps no thread-local actor.
 *
 * <pre>{@code
 * Actor actor = Actor.of(orgId, userId, Role.ADMIN).withRequestId("req-42");
 * }</pre>
 *
 * @param orgId the org the call acts in
 * @param userId the user, or {@code null} for OmniFlow itself (seeding, scheduled work)
 * @param role the effective role, never higher than the user's membership
 * @param requestId the host's request id, copied into audit entries, or {@code null}
 */
public record Actor(UUID orgId, @Nullable UUID userId, Role role, @Nullable String requestId) {
  public Actor {
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(role, "role");
  }

  public static Actor of(UUID orgId, UUID userId, Role role) {
    return new Actor(orgId, Objects.requireNonNull(userId, "userId"), role, null);
  }

  /**
   * OmniFlow acting on its own in an org: for seeding, authentication look-ups and scheduled work.
   * It has the owner's permissions and no user.
   */
  public static Actor system(UUID orgId) {
    return new Actor(orgId, null, Role.OWNER, null);
  }

  /** Whether this is OmniFlow acting on its own rather than a user. */
  public boolean isSystem() {
    return userId == null;
  }

  public Actor withRequestId(@Nullable String requestId) {
    return new Actor(orgId, userId, role, requestId);
  }
}
