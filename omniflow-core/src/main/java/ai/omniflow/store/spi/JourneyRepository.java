package ai.omniflow.store.spi;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The transaction org's journeys as raw activity: touchpoints and leads per contact, read as a
 * stream so that an org of any size is never held in memory at once.
 *
 * <p>Rules for implementers: both methods see only the transaction's org; {@code activity} hands
 * each contact exactly once, in ascending contact id order, and may read its rows with a cursor.
 */
public interface JourneyRepository {
  /**
   * Hands {@code each} the activity of every contact with a touchpoint (of the inbox, or external
   * and linked to it) at or after {@code since} and before {@code until}, or a lead closed in that
   * window: its touches in that window in time order (on equal times, inbox touchpoints first, then
   * in the order they were stored) and its leads created before {@code until} that are open or
   * closed at or after {@code since}, by creation then closing.
   */
  void activity(Instant since, Instant until, Consumer<ContactActivity> each);

  /**
   * The distinct currencies of leads won at or after {@code from} and before {@code until}, sorted,
   * at most {@code limit}.
   */
  List<String> wonCurrencies(Instant from, Instant until, int limit);
}
