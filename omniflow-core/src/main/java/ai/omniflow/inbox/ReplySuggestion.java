package ai.omniflow.inbox;

import ai.omniflow.assist.Suggestion;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A suggested reply for a thread, with what it was computed from: the message it answers, whether
 * the contact opted out and the state of the channel's reply window at the time of the suggestion.
 * Made by {@link InboxService#suggestReply}; nothing is written.
 *
 * <pre>{@code
 * ReplySuggestion r = omniFlow.inbox().suggestReply(actor, threadId);
 * r.suggestion().reply();  // "Hi Ana, thanks for your interest! ..." or null after an opt-out
 * r.intent();              // "showing_request"
 * r.windowClosed();        // true more than 24 h after the contact last wrote on Instagram
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param threadId the thread
 * @param messageId the newest inbound message, the one the suggestion answers
 * @param suggestion the suggester's answer: intent, confidence, reply, next action, facts used and
 *     warnings
 * @param optedOut whether the contact opted out, by {@link InboxService#optOut} or by an opt-out
 *     message among the thread's newest messages
 * @param windowClosed whether the channel's reply window had closed when the suggestion was made
 * @param windowClosesAt when the window closes (or closed), or {@code null} for a channel without
 *     one
 * @param suggestedAt the time of the suggestion, from the OmniFlow clock
 */
public record ReplySuggestion(
    UUID threadId,
    UUID messageId,
    Suggestion suggestion,
    boolean optedOut,
    boolean windowClosed,
    @Nullable Instant windowClosesAt,
    Instant suggestedAt) {

  /**
   * @throws NullPointerException if a required argument is null
   */
  public ReplySuggestion {
    Objects.requireNonNull(threadId, "threadId");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(suggestion, "suggestion");
    Objects.requireNonNull(suggestedAt, "suggestedAt");
  }

  /** The intent found in the message, a key of the pack's intents. */
  public String intent() {
    return suggestion.intent();
  }

  /** The guardrail and fallback warnings of the suggestion. */
  public List<String> warnings() {
    return suggestion.warnings();
  }

  /** The names of the facts the reply states. */
  public List<String> factsUsed() {
    return suggestion.factsUsed();
  }
}
