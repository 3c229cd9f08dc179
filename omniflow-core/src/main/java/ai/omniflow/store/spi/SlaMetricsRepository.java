package ai.omniflow.store.spi;

import ai.omniflow.sla.FirstResponse;
import ai.omniflow.sla.SpeedToLeadQuery;
import ai.omniflow.sla.SpeedToLeadReport;
import ai.omniflow.sla.WinRateReport;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The first responses of the transaction's org, one per thread, and the speed-to-lead figures over
 * them (docs/sla.md, "Speed-to-lead metrics"). The JDBC store keeps {@code sla_first_responses} and
 * aggregates in SQL ({@code percentile_cont}); the in-memory store computes the same figures.
 *
 * <p>Percentiles are continuous (interpolated between the two nearest values, as PostgreSQL's
 * {@code percentile_cont}) over microseconds, rounded to the nearest microsecond.
 */
public interface SlaMetricsRepository {
  /** Inserts or replaces the thread's first response. */
  void save(FirstResponse response);

  Optional<FirstResponse> find(UUID threadId);

  /**
   * The figures of the first-response clocks that started in {@code [from, to)}, unanswered ones
   * judged at {@code now}: one group per key of {@code groupBy} (most clocks first, then by key as
   * UTF-8 bytes, no key last, at most {@code limit}), or, for {@code null}, one group of every
   * clock with a {@code null} key (none if there is no clock).
   *
   * @param groupBy {@code CHANNEL}, {@code AGENT}, {@code SOURCE}, {@code CAMPAIGN}, or {@code
   *     null}; {@code PACK} is not a store's grouping
   * @throws IllegalArgumentException for {@code PACK} or a limit not in 1–{@link
   *     SpeedToLeadReport#MAX_GROUPS}+1
   */
  List<SpeedToLeadReport.Group> speedToLead(
      Instant from, Instant to, SpeedToLeadQuery.@Nullable GroupBy groupBy, Instant now, int limit);

  /**
   * The first leads of the threads whose first-response clock started in {@code [from, to)} (each
   * thread's oldest lead, ties by id; threads without a lead left out), counted won, lost and open
   * per bucket of {@link WinRateReport#BUCKETS} by the wall time from the clock's start to the
   * reply: a bucket holds the waits at least its {@code from} and under its {@code to}; {@code
   * no_reply} the threads not replied to.
   *
   * @return the buckets of {@link WinRateReport#BUCKETS} in that order, with their counts
   */
  List<WinRateReport.Bucket> winRateByFirstResponse(Instant from, Instant to);
}
