package ai.omniflow.leads;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A first-to-claim offer of an unowned lead to a routing group: its members may claim the lead
 * until {@code expiresAt}; after that, routing moves on to the group's fallback.
 */
public record LeadOffer(
    UUID orgId, UUID leadId, String group, Instant offeredAt, Instant expiresAt) {
  public LeadOffer {
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(leadId, "leadId");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(offeredAt, "offeredAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (!expiresAt.isAfter(offeredAt)) {
      throw new IllegalArgumentException("an offer must expire after it is made");
    }
  }
}
