package ai.omniflow.attribution;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How long the leads won in a range took, from the contact's first touch to the win, as counts in
 * fixed buckets, per channel of that first touch and in all.
 *
 * <pre>{@code
 * TimeToConvertReport t = omniFlow.attribution().timeToConvert(actor, from, to);
 * t.total().counts();   // one count per bucket of t.buckets()
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param from the start of the range
 * @param to the end of the range (excluded)
 * @param buckets the buckets, shortest first
 * @param channels one group per channel with a won lead, by channel name
 * @param total every won lead in the range
 * @param truncated whether some channels were left out past {@link FunnelReport#MAX_CHANNELS}
 */
public record TimeToConvertReport(
    Instant from,
    Instant to,
    List<Bucket> buckets,
    List<Group> channels,
    Group total,
    boolean truncated) {
  /** Copies the lists. */
  public TimeToConvertReport {
    buckets = List.copyOf(buckets);
    channels = List.copyOf(channels);
  }

  /**
   * One bucket: times at least {@code from} and below {@code to}.
   *
   * @param label its name on the wire, such as {@code 1d_7d}
   * @param from the shortest time in it
   * @param to the time it ends before, or {@code null} for the last
   */
  public record Bucket(String label, Duration from, @Nullable Duration to) {}

  /**
   * The won leads of one channel (or {@code all}).
   *
   * @param channel the channel of the first touch, {@code unknown} without any, or {@code all}
   * @param conversions the won leads
   * @param counts how many fell in each bucket, in the order of the buckets
   */
  public record Group(String channel, long conversions, List<Long> counts) {
    /** Copies the counts. */
    public Group {
      counts = List.copyOf(counts);
    }
  }
}
