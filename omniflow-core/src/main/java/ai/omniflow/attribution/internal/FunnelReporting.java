package ai.omniflow.attribution.internal;

import ai.omniflow.attribution.AttributionService;
import ai.omniflow.attribution.FunnelReport;
import ai.omniflow.attribution.ReportQuery;
import ai.omniflow.pack.PackCatalog;
import ai.omniflow.pack.VerticalPack;
import ai.omniflow.store.spi.JourneyRepository;
import ai.omniflow.store.spi.Store;
import ai.omniflow.store.spi.StoreTransaction;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Org;
import ai.omniflow.tenancy.Permission;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The funnel use case: the store counts each step per channel (in SQL, for a database), this adds
 * the rates and the total. {@link AttributionService#funnel} delegates to it (decision 0033); its
 * Javadoc is the spec. Not API. Thread-safe.
 */
public final class FunnelReporting {
  /** The stage key from which, in pipeline order, an open lead counts as qualified. */
  static final String QUALIFIED = "qualified";

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private final Store store;
  private final PackCatalog packs;

  public FunnelReporting(Store store, PackCatalog packs) {
    this.store = Objects.requireNonNull(store, "store");
    this.packs = Objects.requireNonNull(packs, "packs");
  }

  /** As {@link AttributionService#funnel}. */
  public FunnelReport funnel(Actor actor, Instant from, Instant to) {
    Permission.ATTRIBUTION_READ.check(actor);
    ReportQuery.checkRange(from, to);
    return store.inTransaction(
        actor,
        tx -> {
          List<String> stages = qualifiedStages(tx);
          List<JourneyRepository.FunnelCounts> counts =
              tx.journeys()
                  .funnel(from, to, new LinkedHashSet<>(stages), FunnelReport.MAX_CHANNELS + 1);
          boolean truncated = counts.size() > FunnelReport.MAX_CHANNELS;
          List<FunnelReport.Row> rows = new ArrayList<>();
          long e = 0;
          long th = 0;
          long l = 0;
          long q = 0;
          long w = 0;
          for (JourneyRepository.FunnelCounts c :
              counts.subList(0, Math.min(counts.size(), FunnelReport.MAX_CHANNELS))) {
            rows.add(
                row(c.channel(), c.engagements(), c.threads(), c.leads(), c.qualified(), c.won()));
            e += c.engagements();
            th += c.threads();
            l += c.leads();
            q += c.qualified();
            w += c.won();
          }
          return new FunnelReport(from, to, stages, rows, row("all", e, th, l, q, w), truncated);
        });
  }

  // The stages from the one keyed "qualified" on, in pipeline order, that end nothing.
  private List<String> qualifiedStages(StoreTransaction tx) {
    Org org = tx.orgs().current().orElse(null);
    VerticalPack pack =
        org == null ? null : ai.omniflow.internal.OrgPacks.find(tx, packs, org).orElse(null);
    List<String> out = new ArrayList<>();
    if (pack == null) {
      return out;
    }
    boolean from = false;
    for (VerticalPack.Stage s : pack.stages()) {
      from |= s.key().equals(QUALIFIED);
      if (from && s.outcome() == null) {
        out.add(s.key());
      }
    }
    return out;
  }

  private static FunnelReport.Row row(
      String channel, long engagements, long threads, long leads, long qualified, long won) {
    return new FunnelReport.Row(
        channel,
        engagements,
        threads,
        leads,
        qualified,
        won,
        rate(threads, engagements),
        rate(leads, threads),
        rate(qualified, leads),
        rate(won, qualified),
        rate(won, leads));
  }

  private static @Nullable BigDecimal rate(long part, long whole) {
    if (whole == 0) {
      return null;
    }
    return BigDecimal.valueOf(part)
        .multiply(HUNDRED)
        .divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_EVEN);
  }
}
