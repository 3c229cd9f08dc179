package ai.omniflow.attribution.internal;

import ai.omniflow.attribution.Journey;
import ai.omniflow.attribution.Touch;
import ai.omniflow.leads.LeadOutcome;
import ai.omniflow.store.spi.ContactActivity;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Cuts a contact's activity into journeys for a report over {@code [from, to)}: each lead closed in
 * the range ends one journey (its touches after the previous close, at most {@code lookback} before
 * its own), and the touches after the last close form an open journey when the last of them lies in
 * the range. Journeys with more than {@link Journey#MAX_TOUCHES} touches keep the latest. Counts
 * what it leaves out. docs/attribution.md ("Journeys from the store") is the spec. Not API; not
 * thread-safe (one per report).
 */
public final class JourneyAssembly {
  private final Instant from;
  private final Instant to;
  private final Duration lookback;
  private final @Nullable String currency;
  private long journeys;
  private long untouched;
  private long otherCurrency;

  /**
   * @param currency the currency whose won leads convert; won leads in any other are left out
   */
  public JourneyAssembly(Instant from, Instant to, Duration lookback, @Nullable String currency) {
    this.from = Objects.requireNonNull(from, "from");
    this.to = Objects.requireNonNull(to, "to");
    this.lookback = Objects.requireNonNull(lookback, "lookback");
    this.currency = currency;
  }

  /** The journeys handed on. */
  public long journeys() {
    return journeys;
  }

  /** Leads won in the range without a touch in their lookback. */
  public long untouched() {
    return untouched;
  }

  /** Leads won in the range in another currency, or with more than 2 decimals. */
  public long otherCurrency() {
    return otherCurrency;
  }

  /** Cuts one contact's activity into journeys and hands each to {@code sink}. */
  public void add(ContactActivity activity, Consumer<Journey> sink) {
    List<Touch> touches = activity.touches();
    int n = touches.size();
    List<ContactActivity.LeadMark> closed = new ArrayList<>();
    ContactActivity.LeadMark open = null;
    for (ContactActivity.LeadMark l : activity.leads()) {
      if (l.outcome() == null) {
        open = l;
      } else {
        closed.add(l);
      }
    }
    closed.sort(Comparator.comparing(l -> Objects.requireNonNull(l.outcome()).closedAt()));
    int start = 0;
    for (ContactActivity.LeadMark l : closed) {
      LeadOutcome o = Objects.requireNonNull(l.outcome());
      Instant end = o.closedAt();
      int k = start;
      while (k < n && !at(touches.get(k)).isAfter(end)) {
        k++;
      }
      if (inRange(end)) {
        emit(touches, start, k, end, l, o, sink);
      }
      start = k;
    }
    if (start < n) {
      Instant last = at(touches.get(n - 1));
      if (inRange(last)) {
        emit(touches, start, n, last, open, null, sink);
      }
    }
  }

  private void emit(
      List<Touch> touches,
      int lo,
      int hi,
      Instant end,
      ContactActivity.@Nullable LeadMark lead,
      @Nullable LeadOutcome outcome,
      Consumer<Journey> sink) {
    Instant earliest = end.minus(lookback);
    int a = lo;
    while (a < hi && at(touches.get(a)).isBefore(earliest)) {
      a++;
    }
    a = Math.max(a, hi - Journey.MAX_TOUCHES);
    boolean won = outcome != null && outcome.status() == LeadOutcome.Status.WON;
    BigDecimal amount = outcome == null ? null : outcome.amount();
    if (won) {
      if (amount == null
          || currency == null
          || !currency.equals(outcome.currency())
          || amount.stripTrailingZeros().scale() > Journey.MAX_VALUE_SCALE) {
        otherCurrency++;
        return;
      }
      if (a == hi) {
        untouched++;
        return;
      }
    } else if (a == hi) {
      return;
    }
    List<Touch> path = touches.subList(a, hi);
    Journey j =
        won ? Journey.converted(amount, path).withConvertedAt(end) : Journey.notConverted(path);
    if (lead != null) {
      int leadAt = -1;
      for (int i = 0; i < path.size() && !at(path.get(i)).isAfter(lead.createdAt()); i++) {
        leadAt = i;
      }
      if (leadAt >= 0) {
        j = j.withLeadAt(leadAt);
      }
    }
    journeys++;
    sink.accept(j);
  }

  private boolean inRange(Instant at) {
    return !at.isBefore(from) && at.isBefore(to);
  }

  private static Instant at(Touch t) {
    return Objects.requireNonNull(t.at(), "a stored touch has a time");
  }
}
