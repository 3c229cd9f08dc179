package ai.omniflow.inbox;

import ai.omniflow.connector.spi.Channel;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One engagement of a contact that attribution can credit: a DM, a comment, a lead form, with the
 * campaign, ad and post it came through. Click touchpoints with UTM fields come with the
 * attribution issue. Immutable.
 *
 * @param sourceMessageId the message that made it, or {@code null}
 * @param threadId the thread of that message, or {@code null}
 */
public record Touchpoint(
    UUID id,
    UUID orgId,
    UUID contactId,
    Channel channel,
    @Nullable String campaignId,
    @Nullable String adId,
    @Nullable String postId,
    Instant occurredAt,
    @Nullable UUID sourceMessageId,
    @Nullable UUID threadId) {
  /**
   * @throws NullPointerException if a non-null component is null
   */
  public Touchpoint {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(contactId, "contactId");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(occurredAt, "occurredAt");
  }
}
