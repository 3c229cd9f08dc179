package ai.omniflow.jdbc.internal;

import ai.omniflow.attribution.Touch;
import ai.omniflow.leads.LeadOutcome;
import ai.omniflow.store.spi.ContactActivity;
import ai.omniflow.store.spi.JourneyRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The {@link JourneyRepository} of one JDBC transaction: one query, ordered by contact, read with a
 * cursor ({@link #FETCH} rows at a time) and grouped per contact as it streams, so an org of any
 * size is never in memory at once. Not thread-safe.
 */
final class JdbcJourneys implements JourneyRepository {
  /** Rows fetched per round trip. */
  static final int FETCH = 2_000;

  // kind 0: inbox touchpoint, 1: external touchpoint, 2: lead. Leads sort after touches.
  static final String ACTIVITY =
      "select * from (select contact_id, 0 as kind, occurred_at as at, seq as ord, channel, campaign_id as "
          + "campaign, null::timestamptz as closed_at, null::text as outcome, null::numeric as "
          + "amount, null::text as currency from <schema>.touchpoints where org_id = :org and "
          + "occurred_at >= :since and occurred_at < :until "
          + "union all select contact_id, 1, occurred_at, seq, channel, campaign, null, null, "
          + "null, null from <schema>.external_touchpoints where org_id = :org and contact_id is "
          + "not null and occurred_at >= :since and occurred_at < :until "
          + "union all select contact_id, 2, created_at, 0, null, null, closed_at, outcome, "
          + "amount, currency from <schema>.leads where org_id = :org and created_at < :until and "
          + "(closed_at is null or closed_at >= :since)) a "
          + "order by contact_id, (kind = 2), at, kind, ord, closed_at nulls last";

  static final String WON_CURRENCIES =
      "select distinct currency from <schema>.leads where org_id = :org and outcome = 'won' "
          + "and closed_at >= :from and closed_at < :until and currency is not null order by "
          + "currency limit :limit";

  private record Row(
      UUID contact,
      int kind,
      Instant at,
      @Nullable String channel,
      @Nullable String campaign,
      @Nullable LeadOutcome outcome) {}

  private final JdbcContext tx;
  private final UUID org;

  JdbcJourneys(JdbcContext tx) {
    this.tx = tx;
    this.org = tx.org();
  }

  @Override
  public void activity(Instant since, Instant until, Consumer<ContactActivity> each) {
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(until, "until");
    Objects.requireNonNull(each, "each");
    tx.step(
        "journeys.activity",
        () -> {
          try (Stream<Row> rows =
              tx
                  .select(ACTIVITY)
                  .bind("org", org)
                  .bind("since", since)
                  .bind("until", until)
                  .setFetchSize(FETCH)
                  .map(
                      (rs, ctx) -> {
                        int kind = rs.getInt("kind");
                        Instant at = Columns.instant(rs, ctx, "at");
                        LeadOutcome outcome = null;
                        String status = rs.getString("outcome");
                        if (kind == 2 && status != null) {
                          outcome =
                              new LeadOutcome(
                                  LeadOutcome.Status.parse(status),
                                  rs.getBigDecimal("amount"),
                                  rs.getString("currency"),
                                  Columns.instant(rs, ctx, "closed_at"),
                                  null);
                        }
                        return new Row(
                            Columns.uuid(rs, ctx, "contact_id"),
                            kind,
                            at,
                            rs.getString("channel"),
                            rs.getString("campaign"),
                            outcome);
                      })
                  .stream()) {
            group(rows.iterator(), since, until, each);
          }
          return null;
        });
  }

  private static void group(
      Iterator<Row> rows, Instant since, Instant until, Consumer<ContactActivity> each) {
    UUID current = null;
    List<Touch> touches = new ArrayList<>();
    List<ContactActivity.LeadMark> leads = new ArrayList<>();
    boolean closedInWindow = false;
    while (rows.hasNext()) {
      Row r = rows.next();
      if (!r.contact().equals(current)) {
        emit(current, touches, leads, closedInWindow, each);
        current = r.contact();
        touches = new ArrayList<>();
        leads = new ArrayList<>();
        closedInWindow = false;
      }
      if (r.kind() == 2) {
        leads.add(new ContactActivity.LeadMark(r.at(), r.outcome()));
        LeadOutcome o = r.outcome();
        closedInWindow |=
            o != null && !o.closedAt().isBefore(since) && o.closedAt().isBefore(until);
      } else {
        touches.add(Touch.of(Objects.requireNonNull(r.channel()), r.campaign(), r.at()));
      }
    }
    emit(current, touches, leads, closedInWindow, each);
  }

  // Contacts with open leads only (no touch, nothing closed in the window) are not handed on.
  private static void emit(
      @Nullable UUID contact,
      List<Touch> touches,
      List<ContactActivity.LeadMark> leads,
      boolean closedInWindow,
      Consumer<ContactActivity> each) {
    if (contact != null && (!touches.isEmpty() || closedInWindow)) {
      each.accept(new ContactActivity(contact, touches, leads));
    }
  }

  @Override
  public List<String> wonCurrencies(Instant from, Instant until, int limit) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(until, "until");
    return tx.step(
        "journeys.won_currencies",
        () ->
            tx.select(WON_CURRENCIES)
                .bind("org", org)
                .bind("from", from)
                .bind("until", until)
                .bind("limit", limit)
                .mapTo(String.class)
                .list());
  }
}
