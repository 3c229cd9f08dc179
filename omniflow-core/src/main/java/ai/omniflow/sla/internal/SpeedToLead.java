package ai.omniflow.sla.internal;

import ai.omniflow.sla.SpeedToLeadQuery;
import ai.omniflow.sla.SpeedToLeadReport;
import ai.omniflow.sla.WinRateReport;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Speed-to-lead figures over the org's first responses. Not API: the spec is {@link
 * ai.omniflow.sla.SlaService#speedToLead}.
 */
public final class SpeedToLead {
  private final Store store;
  private final Clock clock;

  public SpeedToLead(Store store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** As {@link ai.omniflow.sla.SlaService#speedToLead}. */
  public SpeedToLeadReport report(Actor actor, SpeedToLeadQuery query) {
    Permission.SLA_READ.check(actor);
    Objects.requireNonNull(query, "query");
    Instant now = clock.instant();
    return store.inTransaction(
        actor,
        tx -> {
          var metrics = tx.slaMetrics();
          List<SpeedToLeadReport.Group> all =
              metrics.speedToLead(query.from(), query.to(), null, now, 1);
          SpeedToLeadReport.Group total =
              all.isEmpty() ? SpeedToLeadReport.Group.empty(null) : all.get(0);
          List<SpeedToLeadReport.Group> groups;
          if (query.groupBy() == SpeedToLeadQuery.GroupBy.PACK) {
            // An org has one pack: one group, keyed by it (no key without a pack).
            String pack = tx.orgs().current().map(o -> o.packSlug()).orElse(null);
            groups = all.isEmpty() ? List.of() : List.of(total.withKey(pack));
          } else {
            groups =
                metrics.speedToLead(
                    query.from(),
                    query.to(),
                    query.groupBy(),
                    now,
                    SpeedToLeadReport.MAX_GROUPS + 1);
          }
          boolean truncated = groups.size() > SpeedToLeadReport.MAX_GROUPS;
          return new SpeedToLeadReport(
              query,
              now,
              total,
              truncated ? groups.subList(0, SpeedToLeadReport.MAX_GROUPS) : groups,
              truncated);
        });
  }

  /** As {@link ai.omniflow.sla.SlaService#winRateByFirstResponse}. */
  public WinRateReport winRate(Actor actor, SpeedToLeadQuery query) {
    Permission.SLA_READ.check(actor);
    Objects.requireNonNull(query, "query");
    return store.inTransaction(
        actor,
        tx ->
            new WinRateReport(
                query, tx.slaMetrics().winRateByFirstResponse(query.from(), query.to())));
  }
}
