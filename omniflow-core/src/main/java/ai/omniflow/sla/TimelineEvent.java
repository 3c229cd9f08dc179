package ai.omniflow.sla;

import ai.omniflow.Limits;
import java.time.Instant;
import java.util.Objects;

/**
 * One message of a thread as the SLA clock sees it: when, and whether it came in, was a reply a
 * person sent, or was sent automatically (an auto-reply, a playbook step).
 *
 * <pre>{@code
 * List<TimelineEvent> timeline = List.of(
 *     TimelineEvent.inbound(Instant.parse("2026-03-06T21:00:00Z")),
 *     TimelineEvent.automaticReply(Instant.parse("2026-03-06T21:00:02Z")),
 *     TimelineEvent.humanReply(Instant.parse("2026-03-09T14:05:00Z")));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * <p>Throws {@link ai.omniflow.OmniFlowException} {@code invalid_at} (invalid input) for an instant
 * outside {@link Limits#EARLIEST}–{@link Limits#LATEST}
 */
public record TimelineEvent(Instant at, Kind kind) {
  /** What sort of message an event is. */
  public enum Kind {
    /** A message from the customer. */
    INBOUND,
    /** A reply a person sent: it stops the clock. */
    HUMAN_REPLY,
    /** A reply sent without a person (auto-reply, playbook step): it does not stop the clock. */
    AUTOMATIC_REPLY
  }

  public TimelineEvent {
    Limits.instant("at", Objects.requireNonNull(at, "at"));
    Objects.requireNonNull(kind, "kind");
  }

  public static TimelineEvent inbound(Instant at) {
    return new TimelineEvent(at, Kind.INBOUND);
  }

  public static TimelineEvent humanReply(Instant at) {
    return new TimelineEvent(at, Kind.HUMAN_REPLY);
  }

  public static TimelineEvent automaticReply(Instant at) {
    return new TimelineEvent(at, Kind.AUTOMATIC_REPLY);
  }
}
