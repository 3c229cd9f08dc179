package ai.omniflow.inbox;

import ai.omniflow.connector.spi.DeliveryStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One item of a thread, inbound or outbound. Immutable.
 *
 * @param providerMessageId the platform's id of the message (for an outbound one, what the send
 *     returned), or {@code null} before it is sent
 * @param deliveryStatus for an outbound message, the platform's latest news; {@code null} for
 *     inbound ones
 * @param failureReason the platform's reason when {@code deliveryStatus} is failed, else {@code
 *     null}
 * @param authorUserId for an outbound message, the member who wrote it ({@code null} if automated)
 * @param sentAt when it was sent on the platform
 */
public record Message(
    UUID id,
    UUID orgId,
    UUID threadId,
    MessageDirection direction,
    String text,
    List<Attachment> attachments,
    @Nullable String providerMessageId,
    @Nullable DeliveryStatus deliveryStatus,
    @Nullable String failureReason,
    @Nullable UUID authorUserId,
    Instant sentAt,
    Instant createdAt) {
  /** The longest text kept. */
  public static final int MAX_TEXT = 20_000;

  /**
   * Copies {@code attachments}.
   *
   * @throws NullPointerException if a non-null component is null
   * @throws IllegalArgumentException if {@code text} is longer than {@value #MAX_TEXT}
   */
  public Message {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(threadId, "threadId");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(text, "text");
    attachments = List.copyOf(attachments);
    Objects.requireNonNull(sentAt, "sentAt");
    Objects.requireNonNull(createdAt, "createdAt");
    if (text.length() > MAX_TEXT) {
      throw new IllegalArgumentException("text must be at most " + MAX_TEXT + " characters");
    }
  }

  /** A copy with the platform's delivery news. */
  public Message withDelivery(DeliveryStatus status, @Nullable String reason) {
    return new Message(
        id,
        orgId,
        threadId,
        direction,
        text,
        attachments,
        providerMessageId,
        status,
        reason,
        authorUserId,
        sentAt,
        createdAt);
  }
}
