package ai.omniflow.sla.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.inbox.InboxThread;
import ai.omniflow.sla.BusinessCalendar;
import ai.omniflow.sla.SlaCalendar;
import ai.omniflow.sla.SlaClock;
import ai.omniflow.sla.SlaConfig;
import ai.omniflow.sla.SlaReading;
import ai.omniflow.sla.TimelineEvent;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
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
          BusinessCalendar calendar =
              tx.sla().calendars().stream()
                  .filter(c -> c.scope().kind() == SlaCalendar.Kind.ORG)
                  .map(SlaCalendar::calendar)
                  .findFirst()
                  .orElse(BusinessCalendar.alwaysOpen());
          return SlaClock.of(config.policy(), calendar)
              .read(thread.channel().id(), null, timeline(thread), clock.instant());
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
