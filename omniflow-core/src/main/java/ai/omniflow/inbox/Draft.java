package ai.omniflow.inbox;

import ai.omniflow.Limits;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A saved outbound reply on a thread, written by a member and sent at most once by {@link
 * InboxService#send}. Immutable.
 *
 * @param authorUserId the member who wrote it, or {@code null} if automated
 * @param sentMessageId the outbound message it became, or {@code null} while unsent
 * @param sentAt when it was sent, or {@code null} while unsent
 */
public record Draft(
    UUID id,
    UUID orgId,
    UUID threadId,
    String text,
    @Nullable UUID authorUserId,
    Instant createdAt,
    @Nullable UUID sentMessageId,
    @Nullable Instant sentAt) {
  /** The longest draft, in characters. */
  public static final int MAX_TEXT = 4096;

  /**
   * @throws NullPointerException if a non-null component is null
   * @throws IllegalArgumentException if {@code text} is blank or longer than {@value #MAX_TEXT}
   */
  public Draft {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(threadId, "threadId");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(createdAt, "createdAt");
    if (text.isBlank() || text.length() > MAX_TEXT) {
      throw new IllegalArgumentException("text must be 1 to " + MAX_TEXT + " characters");
    }
    Limits.text("text", text, MAX_TEXT);
  }

  /** Whether it has been sent. */
  public boolean isSent() {
    return sentMessageId != null;
  }

  /** A copy marked sent as {@code messageId} at {@code at}. */
  public Draft sentAs(UUID messageId, Instant at) {
    return new Draft(id, orgId, threadId, text, authorUserId, createdAt, messageId, at);
  }
}
