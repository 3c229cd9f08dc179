package ai.omniflow.store.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The transaction org's journeys as raw activity: touchpoints and leads per contact, read as a
 * stream so that an org of any size is never held in memory at once.
 *
 * <p>Rules for implementers: every method sees only the transaction's org; {@code activity} hands
 * each contact exactly once, in ascending contact id order as PostgreSQL orders {@code uuid} (its
 * 16 bytes unsigned: {@link #CONTACT_ORDER}, not {@link java.util.UUID#compareTo}, which compares
 * signed halves), and may read its rows with a cursor; {@code funnel} and {@code timesToConvert}
 * aggregate where the data lives (in SQL for a database) and return only counts, at most {@code
 * limit} rows, by channel name.
 */
public interface JourneyRepository {
  /** The order {@code activity} hands contacts in: their ids' 16 bytes compared unsigned. */
  Comparator<UUID> CONTACT_ORDER =
      Comparator.comparing(
              (UUID id) -> id.getMostSignificantBits(), (x, y) -> Long.compareUnsigned(x, y))
          .thenComparing(UUID::getLeastSignificantBits, (x, y) -> Long.compareUnsigned(x, y));

  /**
   * What each touch of {@link #activity} carries besides its channel, campaign and time: the
   * content it came through, or the agent of its conversation, read only when a report groups by
   * it.
   */
  enum TouchDetail {
    /** Channel, campaign and time only. */
    NONE,
    /**
     * Also the content: an inbox touchpoint's post id, else its ad id; an external one's content
     * id, else its ad id, else its {@code utm_content}.
     */
    CONTENT,
    /**
     * Also the agent: the user assigned to the inbox thread an inbox touchpoint belongs to (as
     * assigned now), as the user id's string; external touchpoints have none.
     */
    AGENT
  }

  /**
   * Hands {@code each} the activity of every contact with a touchpoint (of the inbox, or external
   * and linked to it) at or after {@code since} and before {@code until}, or a lead closed in that
   * window: its touches in that window in time order (on equal times, inbox touchpoints first, then
   * in the order they were stored), each with the {@code detail} asked for, and its leads created
   * before {@code until} that are open or closed at or after {@code since}, by creation then
   * closing.
   */
  void activity(Instant since, Instant until, TouchDetail detail, Consumer<ContactActivity> each);

  /**
   * The distinct currencies of leads won at or after {@code from} and before {@code until}, sorted,
   * at most {@code limit}.
   */
  List<String> wonCurrencies(Instant from, Instant until, int limit);

  /**
   * One channel's steps of the funnel over a range.
   *
   * @param channel the channel
   * @param engagements touchpoints in the range: the inbox's and every external one (linked to a
   *     contact or still anonymous)
   * @param threads inbox threads created in the range
   * @param leads leads created in the range, by their source channel, else their thread's, else
   *     {@code unknown}
   * @param qualified of those leads, the ones won or still open at a qualified stage
   * @param won of those leads, the ones won (at any time up to now)
   */
  record FunnelCounts(
      String channel, long engagements, long threads, long leads, long qualified, long won) {}

  /**
   * The funnel's counts per channel for {@code [from, until)}, by channel name, at most {@code
   * limit} channels (the first by name).
   *
   * @param qualifiedStages the stage keys at which an open lead counts as qualified
   */
  List<FunnelCounts> funnel(Instant from, Instant until, Set<String> qualifiedStages, int limit);

  /**
   * How many leads won in a range took how long, per channel and bucket.
   *
   * @param channel the channel of the contact's first touch at or before the win (else the lead's
   *     source channel, else {@code unknown})
   * @param bucket the bucket index: 0 below {@code bounds[0]}, {@code i} from {@code bounds[i-1]}
   *     up to {@code bounds[i]}, {@code bounds.size()} from the last bound on
   * @param count the leads
   */
  record ConvertCount(String channel, int bucket, long count) {}

  /**
   * The leads won in {@code [from, until)}, counted by channel and by the bucket of the time from
   * the contact's first touch (inbox, or external and linked) at or before the close, else from the
   * lead's creation, to the close; ordered by channel and bucket, at most {@code limit} rows.
   *
   * @param bounds ascending, positive bucket bounds
   */
  List<ConvertCount> timesToConvert(Instant from, Instant until, List<Duration> bounds, int limit);
}
