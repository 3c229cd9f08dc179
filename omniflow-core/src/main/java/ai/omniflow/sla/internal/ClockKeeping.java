package ai.omniflow.sla.internal;

import ai.omniflow.inbox.InboxThread;
import ai.omniflow.internal.SlaClocksWithin;
import ai.omniflow.sla.BusinessCalendar;
import ai.omniflow.sla.FirstResponse;
import ai.omniflow.sla.SlaCalendar;
import ai.omniflow.sla.SlaClock;
import ai.omniflow.sla.SlaConfig;
import ai.omniflow.sla.SlaReading;
import ai.omniflow.sla.SlaStep;
import ai.omniflow.sla.ThreadClock;
import ai.omniflow.sla.TimelineEvent;
import ai.omniflow.store.spi.SlaClockKeepingRepository;
import ai.omniflow.store.spi.StoreTransaction;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Keeps threads' stored SLA clocks in step with their messages, inside the inbox's transaction
 * ({@link SlaClocksWithin}): locks the clock row, applies the message with {@link SlaClock#apply}
 * under the policy in force and the thread's calendar, saves the clock and replaces its scheduled
 * steps, and keeps the thread's {@link FirstResponse} in step with its first-response clock. Not
 * API. Thread-safe.
 */
public final class ClockKeeping implements SlaClocksWithin {
  @Override
  public void message(StoreTransaction tx, InboxThread thread, Instant at, Kind kind) {
    Objects.requireNonNull(thread, "thread");
    apply(tx, thread, at, kind, new Reads());
  }

  /**
   * A keeper for {@code tx}'s messages that reads the policy in force once and each assignee's
   * calendar once: an ingest of several messages in one transaction (decision 0081) reads them
   * once, not once a message (the lock of a later message does not ask for them again). Inside one
   * transaction they are what a first read found, as if every message had come at that moment. Its
   * map holds one calendar per assignee of the transaction's threads and lives as long as the
   * transaction's work.
   */
  @Override
  public SlaClocksWithin within(StoreTransaction tx) {
    Objects.requireNonNull(tx, "tx");
    Reads reads = new Reads();
    return (t, thread, at, kind) -> {
      if (t != tx) {
        throw new IllegalArgumentException("a keeper within one transaction got another");
      }
      Objects.requireNonNull(thread, "thread");
      apply(tx, thread, at, kind, reads);
    };
  }

  /**
   * The policy and the calendars a keeper has read: nothing for one message, what the transaction's
   * earlier messages read for a keeper {@link #within} it.
   */
  private static final class Reads {
    private @Nullable SlaConfig config;
    private final Map<Optional<UUID>, BusinessCalendar> calendars = new HashMap<>();
  }

  /**
   * Locks the clock and, in the same store call, reads what a message that moves it needs (decision
   * 0100): the policy and the assignee's calendar unless {@code reads} has them, the open lead's
   * band for a clock that starts (the one place {@link SlaClock#apply} reads it). A message that
   * leaves the clock as it is ({@link #leavesAsIs}) reads nothing more and writes nothing. The
   * clock is saved with its steps, and with its first response for a first-response clock, in one
   * store call.
   */
  private static void apply(
      StoreTransaction tx, InboxThread thread, Instant at, Kind kind, Reads reads) {
    Optional<UUID> assignee = Optional.ofNullable(thread.assigneeUserId());
    BusinessCalendar known = reads.calendars.get(assignee);
    SlaClockKeepingRepository.Locked locked =
        tx.slaClockKeeping()
            .lock(
                new SlaClockKeepingRepository.Ask(
                    thread.id(),
                    !leavesPhaseAsIs(null, kind),
                    moving(kind),
                    reads.config == null,
                    known == null,
                    thread.assigneeUserId(),
                    thread.contactId()));
    ThreadClock before = locked.clock();
    if (!locked.moves()) {
      return;
    }
    SlaConfig config = reads.config;
    if (config == null) {
      config = SlaConfigs.of(locked.policy(), locked.packSlug());
      reads.config = config;
    }
    BusinessCalendar calendar = known;
    if (calendar == null) {
      calendar = calendarOf(locked.calendars());
      reads.calendars.put(assignee, calendar);
    }
    TimelineEvent event =
        switch (kind) {
          case INBOUND -> TimelineEvent.inbound(at);
          case HUMAN_REPLY -> TimelineEvent.humanReply(at);
          case AUTOMATIC_REPLY -> TimelineEvent.automaticReply(at);
        };
    SlaClock clock = SlaClock.of(config.policy(), calendar);
    @Nullable String band = locked.band() == null ? null : locked.band().wireName();
    ThreadClock after = clock.apply(before, thread.id(), thread.channel().id(), band, event);
    if (after == null || after.equals(before)) {
      return;
    }
    FirstResponse response = null;
    if (after.kind() == SlaReading.Clock.FIRST_RESPONSE) {
      // Who replied, once a person did; until then the thread's assignee.
      UUID agent =
          after.phase() == ThreadClock.Phase.STOPPED && tx.actor().userId() != null
              ? tx.actor().userId()
              : thread.assigneeUserId();
      response = FirstResponse.of(after, thread.channel().id(), agent);
    }
    tx.slaClockKeeping()
        .save(after, SlaStep.of(tx.actor().orgId(), after, config.policy()), response);
  }

  /**
   * The phases of a clock that a message of {@code kind} may move: those it does not leave as is.
   */
  static Set<ThreadClock.Phase> moving(Kind kind) {
    Set<ThreadClock.Phase> out = EnumSet.noneOf(ThreadClock.Phase.class);
    for (ThreadClock.Phase p : ThreadClock.Phase.values()) {
      if (!leavesPhaseAsIs(p, kind)) {
        out.add(p);
      }
    }
    return out;
  }

  /**
   * Whether a message of {@code kind} leaves {@code before} as it is under every policy and
   * calendar, as {@link SlaClock#apply} decides it: an inbound message while the clock runs, a
   * human reply with no clock or a stopped one, an automatic reply to a clock that does not run.
   */
  static boolean leavesAsIs(@Nullable ThreadClock before, Kind kind) {
    return leavesPhaseAsIs(before == null ? null : before.phase(), kind);
  }

  /** {@link #leavesAsIs(ThreadClock, Kind)} of a clock in {@code phase}, {@code null} for none. */
  static boolean leavesPhaseAsIs(ThreadClock.@Nullable Phase phase, Kind kind) {
    return switch (kind) {
      case INBOUND -> phase == ThreadClock.Phase.RUNNING;
      case HUMAN_REPLY -> phase == null || phase == ThreadClock.Phase.STOPPED;
      case AUTOMATIC_REPLY -> phase != ThreadClock.Phase.RUNNING;
    };
  }

  /**
   * The calendar a thread's clock counts on: its assignee's (the calendar of a routing agent who
   * signs in as the assignee), else that of a routing group such an agent is a member of (the
   * oldest, if several of them have one), else the org's, else open around the clock (decision
   * 0077).
   */
  static BusinessCalendar calendarOf(StoreTransaction tx, @Nullable UUID assignee) {
    return calendarOf(tx.sla().calendarsForAssignee(assignee));
  }

  /** {@link #calendarOf(StoreTransaction, UUID)} among an assignee's calendars, oldest first. */
  static BusinessCalendar calendarOf(List<SlaCalendar> forAssignee) {
    SlaCalendar org = null;
    SlaCalendar group = null;
    // Oldest first: the first of each kind wins.
    for (SlaCalendar c : forAssignee) {
      switch (c.scope().kind()) {
        case AGENT -> {
          return c.calendar();
        }
        case GROUP -> group = group == null ? c : group;
        case ORG -> org = c;
      }
    }
    SlaCalendar chosen = group != null ? group : org;
    return chosen == null ? BusinessCalendar.alwaysOpen() : chosen.calendar();
  }
}
