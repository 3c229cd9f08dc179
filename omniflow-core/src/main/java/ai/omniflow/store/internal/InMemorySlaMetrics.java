package ai.omniflow.store.internal;

import ai.omniflow.leads.Lead;
import ai.omniflow.leads.LeadOutcome;
import ai.omniflow.sla.FirstResponse;
import ai.omniflow.sla.SpeedToLeadQuery;
import ai.omniflow.sla.SpeedToLeadReport;
import ai.omniflow.sla.WinRateReport;
import ai.omniflow.store.spi.JourneyRepository;
import ai.omniflow.store.spi.SlaMetricsRepository;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The {@link SlaMetricsRepository} of one in-memory transaction: first responses per thread, and
 * the figures computed as the JDBC store's SQL computes them (continuous percentiles in double
 * precision over microseconds). Not thread-safe: the store's lock guards it.
 */
final class InMemorySlaMetrics implements SlaMetricsRepository {
  private final InMemoryTables tables;
  private final InMemoryContext tx;
  private final UUID org;

  InMemorySlaMetrics(InMemoryTables tables, InMemoryContext tx) {
    this.tables = tables;
    this.tx = tx;
    this.org = tx.org();
  }

  @Override
  public void save(FirstResponse response) {
    tx.requireOpen();
    Owned<FirstResponse> row = tables.firstResponses.get(response.threadId());
    if (row != null && !row.org().equals(org)) {
      throw new IllegalStateException("the thread belongs to another org");
    }
    tx.put(tables.firstResponses, response.threadId(), new Owned<>(org, response));
  }

  @Override
  public Optional<FirstResponse> find(UUID threadId) {
    tx.requireOpen();
    Owned<FirstResponse> row = tables.firstResponses.get(threadId);
    return row == null || !row.org().equals(org) ? Optional.empty() : Optional.of(row.value());
  }

  @Override
  public List<SpeedToLeadReport.Group> speedToLead(
      Instant from,
      Instant to,
      SpeedToLeadQuery.@Nullable GroupBy groupBy,
      Instant now,
      int limit) {
    tx.requireOpen();
    if (groupBy == SpeedToLeadQuery.GroupBy.PACK) {
      throw new IllegalArgumentException("the pack is not a store's grouping");
    }
    if (limit < 1 || limit > SpeedToLeadReport.MAX_GROUPS + 1) {
      throw new IllegalArgumentException("limit out of range");
    }
    Map<String, List<FirstResponse>> byKey = new HashMap<>();
    List<FirstResponse> noKey = new ArrayList<>();
    for (Owned<FirstResponse> row : tables.firstResponses.values()) {
      FirstResponse r = row.value();
      if (!row.org().equals(org) || r.startedAt().isBefore(from) || !r.startedAt().isBefore(to)) {
        continue;
      }
      String key = groupBy == null ? null : key(r, groupBy);
      if (key == null) {
        noKey.add(r);
      } else {
        byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
      }
    }
    List<SpeedToLeadReport.Group> groups = new ArrayList<>();
    byKey.forEach((k, rows) -> groups.add(group(k, rows, now)));
    if (!noKey.isEmpty()) {
      groups.add(group(null, noKey, now));
    }
    groups.sort(
        Comparator.comparingLong(SpeedToLeadReport.Group::clocks)
            .reversed()
            .thenComparing(
                SpeedToLeadReport.Group::key, Comparator.nullsLast(InMemorySlaMetrics::utf8)));
    return List.copyOf(groups.subList(0, Math.min(limit, groups.size())));
  }

  @Override
  public List<WinRateReport.Bucket> winRateByFirstResponse(Instant from, Instant to) {
    tx.requireOpen();
    List<WinRateReport.Bucket> buckets = WinRateReport.BUCKETS;
    long[][] counts = new long[buckets.size()][3];
    for (Owned<FirstResponse> row : tables.firstResponses.values()) {
      FirstResponse r = row.value();
      if (!row.org().equals(org) || r.startedAt().isBefore(from) || !r.startedAt().isBefore(to)) {
        continue;
      }
      Lead lead = firstLead(r.threadId());
      if (lead == null) {
        continue;
      }
      int outcome =
          lead.outcome() == null ? 2 : lead.outcome().status() == LeadOutcome.Status.WON ? 0 : 1;
      counts[bucket(r.wall(), buckets)][outcome]++;
    }
    List<WinRateReport.Bucket> out = new ArrayList<>();
    for (int i = 0; i < buckets.size(); i++) {
      out.add(buckets.get(i).withCounts(counts[i][0], counts[i][1], counts[i][2]));
    }
    return List.copyOf(out);
  }

  // The bucket of a wait: the first whose upper bound it stays under, else the open-ended one;
  // no wait (no reply) is the last bucket.
  private static int bucket(@Nullable Duration wall, List<WinRateReport.Bucket> buckets) {
    if (wall == null) {
      return buckets.size() - 1;
    }
    for (int i = 0; i < buckets.size() - 1; i++) {
      Duration to = buckets.get(i).to();
      if (to == null || wall.compareTo(to) < 0) {
        return i;
      }
    }
    throw new IllegalStateException("the buckets end open-ended");
  }

  private @Nullable String key(FirstResponse r, SpeedToLeadQuery.GroupBy groupBy) {
    return switch (groupBy) {
      case CHANNEL -> r.channel();
      case AGENT -> r.agentUserId() == null ? null : r.agentUserId().toString();
      case SOURCE -> {
        Lead lead = firstLead(r.threadId());
        yield lead == null || lead.sourceChannel() == null ? null : lead.sourceChannel().id();
      }
      case CAMPAIGN -> {
        Lead lead = firstLead(r.threadId());
        yield lead == null ? null : lead.campaignId();
      }
      case PACK -> throw new IllegalArgumentException("the pack is not a store's grouping");
    };
  }

  /** The thread's first lead: the oldest, ties by id as PostgreSQL orders uuids. */
  private @Nullable Lead firstLead(UUID threadId) {
    return tables.leads.values().stream()
        .map(Sequenced::value)
        .filter(l -> l.orgId().equals(org) && threadId.equals(l.threadId()))
        .min(
            Comparator.comparing(Lead::createdAt)
                .thenComparing(Lead::id, JourneyRepository.CONTACT_ORDER))
        .orElse(null);
  }

  private static SpeedToLeadReport.Group group(
      @Nullable String key, List<FirstResponse> rows, Instant now) {
    long responded = 0;
    long met = 0;
    long breached = 0;
    List<Long> business = new ArrayList<>();
    List<Long> wall = new ArrayList<>();
    for (FirstResponse r : rows) {
      boolean late = r.breachedAt(now);
      if (late) {
        breached++;
      }
      if (r.respondedAt() != null) {
        responded++;
        if (!late) {
          met++;
        }
        business.add(micros(r.counted()));
        wall.add(micros(r.wall()));
      }
    }
    return new SpeedToLeadReport.Group(
        key,
        rows.size(),
        responded,
        met,
        breached,
        percentile(business, 0.5),
        percentile(business, 0.9),
        percentile(wall, 0.5),
        percentile(wall, 0.9));
  }

  private static long micros(@Nullable Duration d) {
    return java.util.Objects.requireNonNull(d).toNanos() / 1000;
  }

  /** PostgreSQL's percentile_cont over float8: first + (second - first) * proportion. */
  static @Nullable Duration percentile(List<Long> values, double p) {
    if (values.isEmpty()) {
      return null;
    }
    double[] sorted = values.stream().mapToDouble(Long::doubleValue).sorted().toArray();
    double pos = p * (sorted.length - 1);
    int first = (int) Math.floor(pos);
    int second = (int) Math.ceil(pos);
    double value = sorted[first];
    if (second != first) {
      value = value + (sorted[second] - value) * (pos - first);
    }
    return Duration.ofNanos(Math.round(value) * 1000);
  }

  private static int utf8(String a, String b) {
    return Arrays.compareUnsigned(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
