package ai.omniflow.sla;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What slowness costs: the leads of the threads whose first-response clock started in a range, in
 * buckets of how long the first human reply took in wall time (what the customer waited), with how
 * many were won, lost and are still open (docs/sla.md, "Win rate by first response"). A thread
 * counts with its first lead (the oldest naming it), as source and campaign groupings read it; a
 * thread without a lead is not counted.
 *
 * <pre>{@code
 * WinRateReport r = omniFlow.sla().winRateByFirstResponse(owner, query);
 * r.buckets().get(0).winRate(); // under 5 minutes
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param query the range read ({@code groupBy} plays no part)
 * @param buckets {@link #BUCKETS} in that order, each with its counts
 */
public record WinRateReport(SpeedToLeadQuery query, List<Bucket> buckets) {
  /** The buckets' wire names and bounds, in the order every report lists them. */
  public static final List<Bucket> BUCKETS =
      List.of(
          Bucket.empty("under_5m", Duration.ZERO, Duration.ofMinutes(5)),
          Bucket.empty("5m_to_30m", Duration.ofMinutes(5), Duration.ofMinutes(30)),
          Bucket.empty("30m_to_2h", Duration.ofMinutes(30), Duration.ofHours(2)),
          Bucket.empty("over_2h", Duration.ofHours(2), null),
          Bucket.empty("no_reply", null, null));

  public WinRateReport {
    Objects.requireNonNull(query, "query");
    buckets = List.copyOf(buckets);
    if (buckets.size() != BUCKETS.size()) {
      throw new IllegalArgumentException("one count per bucket");
    }
  }

  /**
   * One bucket: the leads whose thread's first human reply came at least {@code from} and less than
   * {@code to} after the first inbound message (wall time); {@code no_reply} has neither bound and
   * holds the threads not replied to yet.
   *
   * @param label the wire name: {@code under_5m}, {@code 5m_to_30m}, {@code 30m_to_2h}, {@code
   *     over_2h}, {@code no_reply}
   * @param from the shortest wait in it, or {@code null} for {@code no_reply}
   * @param to the wait it stays under, or {@code null} for the open-ended ones
   * @param won leads won
   * @param lost leads lost
   * @param open leads without an outcome yet
   */
  public record Bucket(
      String label,
      @Nullable Duration from,
      @Nullable Duration to,
      long won,
      long lost,
      long open) {
    public Bucket {
      Objects.requireNonNull(label, "label");
      if (won < 0 || lost < 0 || open < 0) {
        throw new IllegalArgumentException("counts are not negative");
      }
    }

    static Bucket empty(String label, @Nullable Duration from, @Nullable Duration to) {
      return new Bucket(label, from, to, 0, 0, 0);
    }

    /** This bucket with the counts given. */
    public Bucket withCounts(long won, long lost, long open) {
      return new Bucket(label, from, to, won, lost, open);
    }

    /** All leads in the bucket. */
    public long leads() {
      return won + lost + open;
    }

    /**
     * {@code won / (won + lost)}, from 0 to 1, or {@code null} when no lead of the bucket is
     * closed: no data, not 0 %.
     */
    public @Nullable Double winRate() {
      long closed = won + lost;
      return closed == 0 ? null : (double) won / closed;
    }
  }
}
