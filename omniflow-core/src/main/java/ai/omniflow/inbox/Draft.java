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
 * @param status where it is on its way out
 * @param claimedAt when a send claimed it, or {@code null} unless {@link DraftStatus#SENDING} or
 *     {@link DraftStatus#UNKNOWN}
 * @param lastError the error code of the last failed or unresolved send, or {@code null}
 */
public record Draft(
    UUID id,
    UUID orgId,
    UUID threadId,
    String text,
    @Nullable UUID authorUserId,
    Instant createdAt,
    @Nullable UUID sentMessageId,
    @Nullable Instant sentAt,
    DraftStatus status,
    @Nullable Instant claimedAt,
    @Nullable String lastError) {
  /** The longest draft, in characters. */
  public static final int MAX_TEXT = 4096;

  /** The longest {@link #lastError}, in characters. */
  public static final int MAX_ERROR = 200;

  /**
   * @throws NullPointerException if a non-null component is null
   * @throws IllegalArgumentException if {@code text} is blank or longer than {@value #MAX_TEXT}, if
   *     {@code status} is {@link DraftStatus#SENT} without a sent message or another status with
   *     one, or {@code lastError} is longer than {@value #MAX_ERROR}
   */
  public Draft {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(threadId, "threadId");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(status, "status");
    if (text.isBlank() || text.length() > MAX_TEXT) {
      throw new IllegalArgumentException("text must be 1 to " + MAX_TEXT + " characters");
    }
    Limits.text("text", text, MAX_TEXT);
    if ((status == DraftStatus.SENT) != (sentMessageId != null)) {
      throw new IllegalArgumentException("a draft has a sent message exactly when it is sent");
    }
    if (lastError != null && lastError.length() > MAX_ERROR) {
      throw new IllegalArgumentException("lastError must be at most " + MAX_ERROR + " characters");
    }
  }

  /** A draft that is sent when it has a sent message, else a plain {@link DraftStatus#DRAFT}. */
  public Draft(
      UUID id,
      UUID orgId,
      UUID threadId,
      String text,
      @Nullable UUID authorUserId,
      Instant createdAt,
      @Nullable UUID sentMessageId,
      @Nullable Instant sentAt) {
    this(
        id,
        orgId,
        threadId,
        text,
        authorUserId,
        createdAt,
        sentMessageId,
        sentAt,
        sentMessageId == null ? DraftStatus.DRAFT : DraftStatus.SENT,
        null,
        null);
  }

  /** A new, unsent draft. */
  public static Draft of(
      UUID id,
      UUID orgId,
      UUID threadId,
      String text,
      @Nullable UUID authorUserId,
      Instant createdAt) {
    return new Draft(
        id,
        orgId,
        threadId,
        text,
        authorUserId,
        createdAt,
        null,
        null,
        DraftStatus.DRAFT,
        null,
        null);
  }

  /** Whether it has been sent. */
  public boolean isSent() {
    return status == DraftStatus.SENT;
  }

  /** A copy marked sent as {@code messageId} at {@code at}. */
  public Draft sentAs(UUID messageId, Instant at) {
    return new Draft(
        id,
        orgId,
        threadId,
        text,
        authorUserId,
        createdAt,
        messageId,
        at,
        DraftStatus.SENT,
        claimedAt,
        null);
  }

  /** A copy claimed by a send at {@code at}. */
  public Draft claimedAt(Instant at) {
    return withState(DraftStatus.SENDING, at, null);
  }

  /** A copy with another status, claim time and error (not for {@link DraftStatus#SENT}). */
  public Draft withState(
      DraftStatus newStatus, @Nullable Instant newClaimedAt, @Nullable String error) {
    return new Draft(
        id,
        orgId,
        threadId,
        text,
        authorUserId,
        createdAt,
        null,
        null,
        newStatus,
        newClaimedAt,
        error);
  }
}
