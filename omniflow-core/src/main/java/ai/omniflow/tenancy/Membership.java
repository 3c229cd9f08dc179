package ai.omniflow.tenancy;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The link between a user and an org, with the role it grants.
 *
 * @param orgId the org
 * @param userId the user
 * @param role what the user may do in the org
 * @param createdAt when the membership was made
 */
public record Membership(UUID orgId, UUID userId, Role role, Instant createdAt) {
  public Membership {
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
