package ai.omniflow.jdbc.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.contacts.ConsentChange;
import ai.omniflow.contacts.ConsentEntry;
import ai.omniflow.contacts.ConsentSource;
import ai.omniflow.store.spi.ConsentRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The {@link ConsentRepository} of one JDBC transaction: rows of {@code contact_consents}, which
 * the application role may only read and insert. Not thread-safe.
 */
final class JdbcConsents implements ConsentRepository {
  static final String INSERT =
      "insert into <schema>.contact_consents (id, org_id, contact_id, channel, change, source,"
          + " reason, message_id, user_id, at) select cast(:id as uuid), cast(:org as uuid),"
          + " cast(:contact_id as uuid), cast(:channel as text), cast(:change as text),"
          + " cast(:source as text), cast(:reason as text), cast(:message_id as uuid),"
          + " cast(:user_id as uuid), cast(:at as timestamptz) where exists (select 1 from"
          + " <schema>.contacts c where c.org_id = :org and c.id = :contact_id)";

  static final String NEWEST =
      "select id, org_id, contact_id, channel, change, source, reason, message_id, user_id, at"
          + " from <schema>.contact_consents where org_id = :org and contact_id = :contact_id"
          + " order by at desc, seq desc limit :limit";

  private final JdbcContext tx;
  private final UUID org;

  JdbcConsents(JdbcContext tx) {
    this.tx = tx;
    this.org = tx.org();
  }

  @Override
  public void append(ConsentEntry e) {
    tx.requireOrg(e.orgId(), "the consent entry");
    int rows =
        tx.guarded(
            "contact_consents.insert",
            () ->
                tx.change(INSERT)
                    .bind("id", e.id())
                    .bind("org", org)
                    .bind("contact_id", e.contactId())
                    .bind("channel", e.channel() == null ? null : e.channel().id())
                    .bind("change", e.change().wireName())
                    .bind("source", e.source().wireName())
                    .bind("reason", e.reason())
                    .bind("message_id", e.messageId())
                    .bind("user_id", e.userId())
                    .bind("at", e.at())
                    .execute());
    if (rows == 0) {
      throw OmniFlowException.notFound("The contact");
    }
  }

  @Override
  public List<ConsentEntry> newest(UUID contactId, int limit) {
    Objects.requireNonNull(contactId, "contactId");
    if (limit < 1 || limit > MAX_NEWEST) {
      throw new IllegalArgumentException("limit must be 1 to " + MAX_NEWEST);
    }
    return tx.step(
        "contact_consents.newest",
        () ->
            tx.select(NEWEST)
                .bind("org", org)
                .bind("contact_id", contactId)
                .bind("limit", limit)
                .map((rs, ctx) -> entry(rs, ctx))
                .list());
  }

  private static ConsentEntry entry(ResultSet rs, StatementContext ctx) throws SQLException {
    String channel = rs.getString("channel");
    return new ConsentEntry(
        Columns.uuid(rs, "id"),
        Columns.uuid(rs, "org_id"),
        Columns.uuid(rs, "contact_id"),
        channel == null ? null : Channel.fromId(channel),
        ConsentChange.valueOf(rs.getString("change").toUpperCase(Locale.ROOT)),
        ConsentSource.valueOf(rs.getString("source").toUpperCase(Locale.ROOT)),
        rs.getString("reason"),
        Columns.nullableUuid(rs, "message_id"),
        Columns.nullableUuid(rs, "user_id"),
        Columns.instant(rs, "at"));
  }
}
