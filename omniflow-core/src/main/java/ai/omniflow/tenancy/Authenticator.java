package ai.omniflow.tenancy;

import ai.omniflow.OmniFlowException;
import ai.omniflow.internal.Wiring;
import ai.omniflow.store.spi.Store;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Turns a claimed identity (org, user and, optionally, a role) into the {@link Actor} OmniFlow
 * trusts: the user must be a member of the org, and the role in force is never higher than the
 * membership's. Hosts that authenticate users themselves call this after they have; the reference
 * server calls it for its development headers.
 *
 * <pre>{@code
 * Actor actor = omniFlow.authenticator().resolve(orgId, userId, Role.VIEWER, requestId);
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class Authenticator {
  static {
    // Only OmniFlow.builder() builds services (decision 0032).
    Wiring.register(Authenticator.class, w -> new Authenticator(w.store()));
  }

  private final Store store;

  Authenticator(Store store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /**
   * @param requestedRole the role the caller asks to act with, or {@code null} for the
   *     membership's; a higher one than the membership's is capped at it
   * @throws OmniFlowException {@code unauthenticated} if the user is not a member of the org (or
   *     the org does not exist)
   */
  public Actor resolve(
      UUID orgId, UUID userId, @Nullable Role requestedRole, @Nullable String requestId) {
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(userId, "userId");
    Membership membership =
        store.inTransaction(
            Actor.system(orgId),
            tx ->
                tx.memberships()
                    .find(userId)
                    .orElseThrow(
                        () ->
                            OmniFlowException.unauthenticated(
                                "No member with that user id in that org.")));
    Role role = requestedRole == null ? membership.role() : requestedRole.capAt(membership.role());
    return new Actor(orgId, userId, role, requestId);
  }
}
