package ai.omniflow.attribution.internal;

import ai.omniflow.attribution.AttributionService;
import ai.omniflow.attribution.FunnelReport;
import ai.omniflow.attribution.ReportQuery;
import ai.omniflow.attribution.TimeToConvertReport;
import ai.omniflow.store.spi.JourneyRepository;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The time-to-convert use case: the store counts won leads per channel and bucket (in SQL, for a
 * database), this lays them out with the total. {@link AttributionService#timeToConvert} delegates
 * to it (decision 0033); its Javadoc is the spec. Not API. Thread-safe.
 */
public final class TimeToConvertReporting {
  /** The bucket bounds: 1 hour, 1, 7, 30 and 90 days. */
  static final List<Duration> BOUNDS =
      List.of(
          Duration.ofHours(1),
          Duration.ofDays(1),
          Duration.ofDays(7),
          Duration.ofDays(30),
          Duration.ofDays(90));

  static final List<TimeToConvertReport.Bucket> BUCKETS =
      List.of(
          new TimeToConvertReport.Bucket("under_1h", Duration.ZERO, BOUNDS.get(0)),
          new TimeToConvertReport.Bucket("1h_1d", BOUNDS.get(0), BOUNDS.get(1)),
          new TimeToConvertReport.Bucket("1d_7d", BOUNDS.get(1), BOUNDS.get(2)),
          new TimeToConvertReport.Bucket("7d_30d", BOUNDS.get(2), BOUNDS.get(3)),
          new TimeToConvertReport.Bucket("30d_90d", BOUNDS.get(3), BOUNDS.get(4)),
          new TimeToConvertReport.Bucket("over_90d", BOUNDS.get(4), null));

  private final Store store;

  public TimeToConvertReporting(Store store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /** As {@link AttributionService#timeToConvert}. */
  public TimeToConvertReport timeToConvert(Actor actor, Instant from, Instant to) {
    Permission.ATTRIBUTION_READ.check(actor);
    ReportQuery.checkRange(from, to);
    int width = BUCKETS.size();
    int limit = (FunnelReport.MAX_CHANNELS + 1) * width;
    List<JourneyRepository.ConvertCount> counts =
        store.inTransaction(actor, tx -> tx.journeys().timesToConvert(from, to, BOUNDS, limit));
    Map<String, long[]> byChannel = new LinkedHashMap<>();
    for (JourneyRepository.ConvertCount c : counts) {
      if (c.bucket() < 0 || c.bucket() >= width) {
        throw new IllegalStateException("the store answered a bucket out of range");
      }
      if (!byChannel.containsKey(c.channel()) && byChannel.size() == FunnelReport.MAX_CHANNELS) {
        break;
      }
      byChannel.computeIfAbsent(c.channel(), k -> new long[width])[c.bucket()] += c.count();
    }
    boolean truncated =
        counts.size() == limit
            || counts.stream().map(JourneyRepository.ConvertCount::channel).distinct().count()
                > FunnelReport.MAX_CHANNELS;
    long[] all = new long[width];
    List<TimeToConvertReport.Group> groups = new ArrayList<>();
    for (Map.Entry<String, long[]> e : byChannel.entrySet()) {
      long[] c = e.getValue();
      for (int i = 0; i < width; i++) {
        all[i] += c[i];
      }
      groups.add(group(e.getKey(), c));
    }
    return new TimeToConvertReport(from, to, BUCKETS, groups, group("all", all), truncated);
  }

  private static TimeToConvertReport.Group group(String channel, long[] counts) {
    List<Long> list = new ArrayList<>(counts.length);
    for (long c : counts) {
      list.add(c);
    }
    return new TimeToConvertReport.Group(channel, Arrays.stream(counts).sum(), list);
  }
}
