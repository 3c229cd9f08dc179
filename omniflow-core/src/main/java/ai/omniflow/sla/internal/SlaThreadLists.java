package ai.omniflow.sla.internal;

import ai.omniflow.Page;
import ai.omniflow.PageRequest;
import ai.omniflow.inbox.InboxThread;
import ai.omniflow.inbox.ThreadFilter;
import ai.omniflow.leads.Lead;
import ai.omniflow.leads.LeadFilter;
import ai.omniflow.sla.SlaState;
import ai.omniflow.sla.SlaThreadQuery;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Set;

/**
 * Lists threads by their SLA clocks' state and due time, and leads by their conversation's
 * first-response clock's state. Not API: the spec is {@link ai.omniflow.sla.SlaService#threads} and
 * {@link ai.omniflow.sla.SlaService#leads}. Thread-safe.
 */
public final class SlaThreadLists {
  private final Store store;
  private final Clock clock;

  public SlaThreadLists(Store store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** As {@link ai.omniflow.sla.SlaService#threads}. */
  public Page<InboxThread> threads(
      Actor actor, ThreadFilter filter, SlaThreadQuery query, PageRequest page) {
    Permission.INBOX_READ.check(actor);
    Permission.SLA_READ.check(actor);
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(page, "page");
    // To the microsecond, as the store keeps instants: both stores compare the same instant.
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    return store.inTransaction(
        actor,
        tx -> {
          double threshold = SlaConfigs.effective(tx).policy().warningThreshold();
          return tx.slaClocks().threads(filter, query, now, threshold, page);
        });
  }

  /** As {@link ai.omniflow.sla.SlaService#leads}. */
  public Page<Lead> leads(Actor actor, LeadFilter filter, Set<SlaState> states, PageRequest page) {
    Permission.LEADS_READ.check(actor);
    Permission.SLA_READ.check(actor);
    Objects.requireNonNull(filter, "filter");
    Set<SlaState> kept = Set.copyOf(Objects.requireNonNull(states, "states"));
    Objects.requireNonNull(page, "page");
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    return store.inTransaction(
        actor,
        tx -> {
          double threshold = SlaConfigs.effective(tx).policy().warningThreshold();
          return tx.slaClocks().leads(filter, kept, now, threshold, page);
        });
  }
}
