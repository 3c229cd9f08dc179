package ai.omniflow.sla.internal;

import ai.omniflow.Page;
import ai.omniflow.PageRequest;
import ai.omniflow.inbox.InboxThread;
import ai.omniflow.inbox.ThreadFilter;
import ai.omniflow.sla.SlaThreadQuery;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Lists threads by their SLA clocks' state and due time. Not API: the spec is {@link
 * ai.omniflow.sla.SlaService#threads}. Thread-safe.
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
}
