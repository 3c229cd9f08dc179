package ai.omniflow.sla.internal;

import ai.omniflow.inbox.InboxThread;
import ai.omniflow.internal.SlaClocksWithin;
import ai.omniflow.leads.Lead;
import ai.omniflow.sla.BusinessCalendar;
import ai.omniflow.sla.FirstResponse;
import ai.omniflow.sla.SlaCalendar;
import ai.omniflow.sla.SlaClock;
import ai.omniflow.sla.SlaConfig;
import ai.omniflow.sla.SlaReading;
import ai.omniflow.sla.SlaStep;
import ai.omniflow.sla.ThreadClock;
import ai.omniflow.sla.TimelineEvent;
import ai.omniflow.store.spi.StoreTransaction;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
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
    apply(
        tx,
        thread,
        at,
        kind,
        () -> SlaConfigs.effective(tx),
        () -> calendarOf(tx, thread.assigneeUserId()));
  }

  /**
   * A keeper for {@code tx}'s messages that reads the policy in force once and each assignee's
   * calendar once: an ingest of several messages in one transaction (decision 0081) reads them
   * once, not once a message. Inside one transaction they are what a first read found, as if every
   * message had come at that moment. Its map holds one calendar per assignee of the transaction's
   * threads and lives as long as the transaction's work.
   */
  @Override
  public SlaClocksWithin within(StoreTransaction tx) {
    Objects.requireNonNull(tx, "tx");
    return new SlaClocksWithin() {
      private @Nullable SlaConfig config;
      private final Map<Optional<UUID>, BusinessCalendar> calendars = new HashMap<>();

      @Override
      public void message(StoreTransaction t, InboxThread thread, Instant at, Kind kind) {
        if (t != tx) {
          throw new IllegalArgumentException("a keeper within one transaction got another");
        }
        Objects.requireNonNull(thread, "thread");
        apply(
            tx,
            thread,
            at,
            kind,
            () -> {
              SlaConfig c = config;
              if (c == null) {
                c = SlaConfigs.effective(tx);
                config = c;
              }
              return c;
            },
            () ->
                calendars.computeIfAbsent(
                    Optional.ofNullable(thread.assigneeUserId()),
                    a -> calendarOf(tx, a.orElse(null))));
      }
    };
  }

  /**
   * Locks the clock first: a message that leaves it as it is ({@link #leavesAsIs}) reads nothing
   * more and writes nothing. Otherwise the policy and the calendar are read, the score band only
   * for a clock that starts (the one place {@link SlaClock#apply} reads it), and the clock is saved
   * with its steps in one store call.
   */
  private static void apply(
      StoreTransaction tx,
      InboxThread thread,
      Instant at,
      Kind kind,
      Supplier<SlaConfig> configs,
      Supplier<BusinessCalendar> calendars) {
    ThreadClock before = tx.slaClocks().lock(thread.id()).orElse(null);
    if (leavesAsIs(before, kind)) {
      return;
    }
    TimelineEvent event =
        switch (kind) {
          case INBOUND -> TimelineEvent.inbound(at);
          case HUMAN_REPLY -> TimelineEvent.humanReply(at);
          case AUTOMATIC_REPLY -> TimelineEvent.automaticReply(at);
        };
    SlaConfig config = configs.get();
    SlaClock clock = SlaClock.of(config.policy(), calendars.get());
    boolean starts = before == null || before.phase() == ThreadClock.Phase.STOPPED;
    @Nullable String band = starts ? band(tx, thread) : null;
    ThreadClock after = clock.apply(before, thread.id(), thread.channel().id(), band, event);
    if (after == null || after.equals(before)) {
      return;
    }
    tx.slaClocks().save(after, SlaStep.of(tx.actor().orgId(), after, config.policy()));
    if (after.kind() == SlaReading.Clock.FIRST_RESPONSE) {
      // Who replied, once a person did; until then the thread's assignee.
      UUID agent =
          after.phase() == ThreadClock.Phase.STOPPED && tx.actor().userId() != null
              ? tx.actor().userId()
              : thread.assigneeUserId();
      tx.slaMetrics().save(FirstResponse.of(after, thread.channel().id(), agent));
    }
  }

  /**
   * Whether a message of {@code kind} leaves {@code before} as it is under every policy and
   * calendar, as {@link SlaClock#apply} decides it: an inbound message while the clock runs, a
   * human reply with no clock or a stopped one, an automatic reply to a clock that does not run.
   */
  static boolean leavesAsIs(@Nullable ThreadClock before, Kind kind) {
    ThreadClock.@Nullable Phase phase = before == null ? null : before.phase();
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
    SlaCalendar org = null;
    SlaCalendar group = null;
    // Oldest first: the first of each kind wins.
    for (SlaCalendar c : tx.sla().calendarsForAssignee(assignee)) {
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

  /** The score band of the contact's open lead, or {@code null}. */
  static @Nullable String band(StoreTransaction tx, InboxThread thread) {
    return tx.leads()
        .findOpen(thread.contactId())
        .map(Lead::band)
        .map(b -> b.wireName())
        .orElse(null);
  }
}
