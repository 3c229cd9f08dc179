package ai.omniflow.sla.internal;

import ai.omniflow.Limits;
import ai.omniflow.OmniFlowException;
import ai.omniflow.inbox.InboxThread;
import ai.omniflow.sla.BusinessCalendar;
import ai.omniflow.sla.SlaClock;
import ai.omniflow.sla.SlaConfig;
import ai.omniflow.sla.SlaReading;
import ai.omniflow.sla.ThreadClock;
import ai.omniflow.sla.ThreadSla;
import ai.omniflow.sla.TimelineEvent;
import ai.omniflow.store.spi.SlaClockRepository;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads a thread's SLA clock from what the thread row knows today. Not API: the spec is {@link
 * ai.omniflow.sla.SlaService#threadReading}.
 */
public final class SlaReadings {
  private final Store store;
  private final Clock clock;

  public SlaReadings(Store store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** As {@link ai.omniflow.sla.SlaService#threadReading}. */
  public SlaReading thread(Actor actor, UUID threadId) {
    Permission.INBOX_READ.check(actor);
    Permission.SLA_READ.check(actor);
    Objects.requireNonNull(threadId, "threadId");
    return store.inTransaction(
        actor,
        tx -> {
          InboxThread thread =
              tx.inbox()
                  .findThread(threadId)
                  .orElseThrow(() -> OmniFlowException.notFound("The thread"));
          SlaConfig config = SlaConfigs.effective(tx);
          BusinessCalendar calendar = ClockKeeping.calendarOf(tx, thread.assigneeUserId());
          SlaClock sla = SlaClock.of(config.policy(), calendar);
          Optional<ThreadClock> kept = tx.slaClocks().find(threadId);
          return kept.isPresent()
              ? sla.read(kept.get(), clock.instant())
              : sla.read(thread.channel().id(), null, timeline(thread), clock.instant());
        });
  }

  /**
   * The stored clocks of the org's threads among {@code threadIds}, read now; a thread without a
   * stored clock is left out.
   */
  public Map<UUID, ThreadSla> threads(Actor actor, Collection<UUID> threadIds) {
    Permission.INBOX_READ.check(actor);
    Permission.SLA_READ.check(actor);
    Limits.list("thread_ids", threadIds, SlaClockRepository.MAX_FIND);
    Instant now = clock.instant();
    return store.inTransaction(
        actor,
        tx -> {
          Map<UUID, ThreadClock> clocks = tx.slaClocks().find(threadIds);
          Map<UUID, ThreadSla> out = new LinkedHashMap<>();
          if (clocks.isEmpty()) {
            return out;
          }
          SlaConfig config = SlaConfigs.effective(tx);
          SlaClock org = SlaClock.of(config.policy(), ClockKeeping.calendarOf(tx, null));
          for (Map.Entry<UUID, ThreadClock> e : clocks.entrySet()) {
            out.put(e.getKey(), new ThreadSla(org.read(e.getValue(), now), e.getValue()));
          }
          return out;
        });
  }

  /**
   * The timeline the row allows: the last inbound message, then a reply if the last outbound one
   * came at or after it. Earlier messages and whether a reply was automatic are not on the row.
   */
  static List<TimelineEvent> timeline(InboxThread thread) {
    Instant in = thread.lastInboundAt();
    if (in == null) {
      return List.of();
    }
    Instant out = thread.lastOutboundAt();
    return out != null && !out.isBefore(in)
        ? List.of(TimelineEvent.inbound(in), TimelineEvent.humanReply(out))
        : List.of(TimelineEvent.inbound(in));
  }
}
