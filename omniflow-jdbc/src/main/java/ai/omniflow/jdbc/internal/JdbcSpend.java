package ai.omniflow.jdbc.internal;

import ai.omniflow.attribution.Spend;
import ai.omniflow.store.spi.SpendRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.statement.StatementContext;
import org.jspecify.annotations.Nullable;

/** The {@link SpendRepository} of one JDBC transaction, with the SQL it runs. Not thread-safe. */
final class JdbcSpend implements SpendRepository {
  static final String FIND =
      "select org_id, day, channel, campaign, amount, currency, recorded_at from "
          + "<schema>.attribution_spend where org_id = :org and day = :day and channel = "
          + ":channel and campaign = :campaign";

  static final String FIND_FOR_UPDATE = FIND + " for update";

  static final String UPSERT =
      "insert into <schema>.attribution_spend (org_id, day, channel, campaign, amount, "
          + "currency, recorded_at) values (:org, :day, :channel, :campaign, :amount, :currency, "
          + ":recorded_at) on conflict (org_id, day, channel, campaign) do update set amount = "
          + "excluded.amount, currency = excluded.currency, recorded_at = excluded.recorded_at";

  static final String TOTALS =
      "select channel, campaign, currency, sum(amount) as amount from "
          + "<schema>.attribution_spend where org_id = :org and day >= :from and day <= :to "
          + "group by channel, campaign, currency order by channel collate \"C\", campaign "
          + "collate \"C\", currency collate \"C\"";

  private final JdbcContext tx;
  private final UUID org;

  JdbcSpend(JdbcContext tx) {
    this.tx = tx;
    this.org = tx.org();
  }

  @Override
  public Optional<Spend> put(Spend s) {
    tx.requireOrg(s.orgId(), "the spend");
    String campaign = s.campaign() == null ? "" : s.campaign();
    return tx.guarded(
        "attribution_spend.put",
        () -> {
          Optional<Spend> old =
              tx.select(FIND_FOR_UPDATE)
                  .bind("org", org)
                  .bind("day", s.day())
                  .bind("channel", s.channel())
                  .bind("campaign", campaign)
                  .map(JdbcSpend::spend)
                  .findOne();
          tx.change(UPSERT)
              .bind("org", org)
              .bind("day", s.day())
              .bind("channel", s.channel())
              .bind("campaign", campaign)
              .bind("amount", s.amount())
              .bind("currency", s.currency())
              .bind("recorded_at", s.recordedAt())
              .execute();
          return old;
        });
  }

  @Override
  public Optional<Spend> find(LocalDate day, String channel, @Nullable String campaign) {
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(channel, "channel");
    return tx.step(
        "attribution_spend.find",
        () ->
            tx.select(FIND)
                .bind("org", org)
                .bind("day", day)
                .bind("channel", channel)
                .bind("campaign", campaign == null ? "" : campaign)
                .map(JdbcSpend::spend)
                .findOne());
  }

  @Override
  public List<Total> totals(LocalDate from, LocalDate to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    return tx.step(
        "attribution_spend.totals",
        () ->
            tx.select(TOTALS)
                .bind("org", org)
                .bind("from", from)
                .bind("to", to)
                .map(
                    (rs, ctx) -> {
                      String campaign = rs.getString("campaign");
                      return new Total(
                          rs.getString("channel"),
                          campaign.isEmpty() ? null : campaign,
                          rs.getString("currency"),
                          rs.getBigDecimal("amount")
                              .setScale(2, java.math.RoundingMode.UNNECESSARY));
                    })
                .list());
  }

  private static Spend spend(ResultSet rs, StatementContext ctx) throws SQLException {
    String campaign = rs.getString("campaign");
    return new Spend(
        Columns.uuid(rs, "org_id"),
        rs.getObject("day", LocalDate.class),
        rs.getString("channel"),
        campaign.isEmpty() ? null : campaign,
        rs.getBigDecimal("amount"),
        rs.getString("currency"),
        Columns.instant(rs, "recorded_at"));
  }
}
