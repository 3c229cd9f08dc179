package ai.omniflow.sla;

import ai.omniflow.Limits;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A thread's first-response clock as speed-to-lead metrics read it: when it started, on which
 * channel, when it was due, and, once a person replied, when and who, with the time the clock
 * counted. The clock keeping writes it in the message's transaction whenever the first-response
 * clock moves; a next-response clock never changes it.
 *
 * <pre>{@code
 * FirstResponse r = FirstResponse.of(clock, "instagram_dm", agentUserId);
 * r.respondedAt(); r.counted(); r.wall();
 * }</pre>
 *
 * <p>Instants are kept to the microsecond. Immutable and thread-safe.
 *
 * @param threadId the thread
 * @param channel the thread's channel id, 1 to 64 characters
 * @param agentUserId who replied, once replied; until then the thread's assignee, or {@code null}
 * @param startedAt the first inbound message
 * @param dueAt when the window is used up, or {@code null} (paused in time, or never reachable)
 * @param respondedAt the first human reply, or {@code null} while unanswered
 * @param counted the time the clock counted until the reply (business time, or wall time for a
 *     wall-time clock; pauses left out); present exactly when {@code respondedAt} is
 * @param wallTime whether the clock counted wall time
 * @param breached whether the clock went past its due time before the reply or a pause
 * @throws ai.omniflow.OmniFlowException {@code invalid_first_response} (invalid input) for instants
 *     outside 2000–2250, a reply before the start, a negative or missing counted time, or a channel
 *     that is blank or too long
 */
public record FirstResponse(
    UUID threadId,
    String channel,
    @Nullable UUID agentUserId,
    Instant startedAt,
    @Nullable Instant dueAt,
    @Nullable Instant respondedAt,
    @Nullable Duration counted,
    boolean wallTime,
    boolean breached) {
  /** The longest channel id kept. */
  public static final int MAX_CHANNEL = 64;

  public FirstResponse {
    Objects.requireNonNull(threadId, "threadId");
    Objects.requireNonNull(channel, "channel");
    if (channel.isBlank() || channel.length() > MAX_CHANNEL) {
      throw SlaProblems.invalid("first_response", "channel must be 1 to 64 characters.");
    }
    startedAt = micros(startedAt);
    dueAt = dueAt == null ? null : micros(dueAt);
    respondedAt = respondedAt == null ? null : micros(respondedAt);
    if ((respondedAt == null) != (counted == null)) {
      throw SlaProblems.invalid("first_response", "a counted time goes with a reply.");
    }
    if (respondedAt != null && respondedAt.isBefore(startedAt)) {
      throw SlaProblems.invalid("first_response", "a reply cannot come before the start.");
    }
    if (counted != null
        && (counted.isNegative() || counted.compareTo(Duration.ofDays(100_000)) > 0)) {
      throw SlaProblems.invalid("first_response", "counted time out of range.");
    }
  }

  private static Instant micros(Instant at) {
    Objects.requireNonNull(at, "at");
    if (at.isBefore(Limits.EARLIEST) || at.isAfter(ai.omniflow.sla.internal.TimeAxis.HORIZON)) {
      throw SlaProblems.invalid("first_response", "instants must lie from 2000 to 2250.");
    }
    return at.truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * The first response a first-response clock stands for.
   *
   * @param agentUserId who replied if the clock is stopped, else the thread's assignee
   * @throws IllegalArgumentException for a next-response clock
   */
  public static FirstResponse of(ThreadClock clock, String channel, @Nullable UUID agentUserId) {
    if (clock.kind() != SlaReading.Clock.FIRST_RESPONSE) {
      throw new IllegalArgumentException("not a first-response clock");
    }
    boolean stopped = clock.phase() == ThreadClock.Phase.STOPPED;
    return new FirstResponse(
        clock.threadId(),
        channel,
        agentUserId,
        clock.startedAt(),
        clock.dueAt(),
        stopped ? clock.stoppedAt() : null,
        stopped ? clock.used() : null,
        clock.wallTime(),
        clock.breached());
  }

  /** The wall time from the first inbound message to the reply, or {@code null} if unanswered. */
  public @Nullable Duration wall() {
    return respondedAt == null ? null : Duration.between(startedAt, respondedAt);
  }

  /**
   * Whether the clock is breached at {@code now}: it breached before the reply or a pause, or it is
   * unanswered with its due time at or before {@code now}.
   */
  public boolean breachedAt(Instant now) {
    return breached || (respondedAt == null && dueAt != null && !dueAt.isAfter(now));
  }
}
