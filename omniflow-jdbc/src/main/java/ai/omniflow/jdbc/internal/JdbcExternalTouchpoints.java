package ai.omniflow.jdbc.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.attribution.ExternalTouchpoint;
import ai.omniflow.store.spi.ExternalTouchpointRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The {@link ExternalTouchpointRepository} of one JDBC transaction, with the SQL it runs. Not
 * thread-safe.
 */
final class JdbcExternalTouchpoints implements ExternalTouchpointRepository {
  static final String INSERT =
      "insert into <schema>.external_touchpoints (id, org_id, contact_id, channel, campaign, "
          + "ad_id, content_id, utm_source, utm_medium, utm_campaign, utm_content, utm_term, "
          + "click_id_kind, click_id, anonymous_key, email, phone, occurred_at, recorded_at) "
          + "select cast(:id as uuid), cast(:org_id as uuid), cast(:contact_id as uuid), "
          + ":channel, :campaign, :ad_id, :content_id, :utm_source, :utm_medium, :utm_campaign, "
          + ":utm_content, :utm_term, :click_id_kind, :click_id, :anonymous_key, :email, :phone, "
          + "cast(:occurred_at as timestamptz), cast(:recorded_at as timestamptz) where "
          + "cast(:contact_id as uuid) is null or exists (select 1 from <schema>.contacts c "
          + "where c.org_id = :org and c.id = cast(:contact_id as uuid))";

  static final String FIND =
      "select id, org_id, contact_id, channel, campaign, ad_id, content_id, utm_source, "
          + "utm_medium, utm_campaign, utm_content, utm_term, click_id_kind, click_id, "
          + "anonymous_key, email, phone, occurred_at, recorded_at from "
          + "<schema>.external_touchpoints where org_id = :org and id = :id";

  static final String CONTACT_EXISTS =
      "select count(*) from <schema>.contacts where org_id = :org and id = :contact_id";

  static final String LINK_KEY =
      "update <schema>.external_touchpoints set contact_id = :contact_id where org_id = :org "
          + "and contact_id is null and anonymous_key = :anonymous_key";

  static final String LINK_IDENTITIES =
      "update <schema>.external_touchpoints t set contact_id = coalesce((select i.contact_id "
          + "from <schema>.contact_identities i where i.org_id = :org and i.kind = 'email' and "
          + "i.normalized_value = t.email), (select i.contact_id from "
          + "<schema>.contact_identities i where i.org_id = :org and i.kind = 'phone' and "
          + "i.normalized_value = t.phone)) where t.org_id = :org and t.contact_id is null and "
          + "exists (select 1 from <schema>.contact_identities i where i.org_id = :org and "
          + "((i.kind = 'email' and i.normalized_value = t.email) or (i.kind = 'phone' and "
          + "i.normalized_value = t.phone)))";

  private final JdbcContext tx;
  private final UUID org;

  JdbcExternalTouchpoints(JdbcContext tx) {
    this.tx = tx;
    this.org = tx.org();
  }

  @Override
  public void insert(ExternalTouchpoint t) {
    tx.requireOrg(t.orgId(), "the touchpoint");
    ExternalTouchpoint.ClickId click = t.clickId();
    int rows =
        tx.guarded(
            "external_touchpoints.insert",
            () ->
                tx.change(INSERT)
                    .bind("id", t.id())
                    .bind("org_id", t.orgId())
                    .bindByType("contact_id", t.contactId(), UUID.class)
                    .bind("channel", t.channel())
                    .bind("campaign", t.campaign())
                    .bind("ad_id", t.adId())
                    .bind("content_id", t.contentId())
                    .bind("utm_source", t.utm().source())
                    .bind("utm_medium", t.utm().medium())
                    .bind("utm_campaign", t.utm().campaign())
                    .bind("utm_content", t.utm().content())
                    .bind("utm_term", t.utm().term())
                    .bind("click_id_kind", click == null ? null : click.kind().wireName())
                    .bind("click_id", click == null ? null : click.value())
                    .bind("anonymous_key", t.anonymousKey())
                    .bind("email", t.email())
                    .bind("phone", t.phone())
                    .bind("occurred_at", t.occurredAt())
                    .bind("recorded_at", t.recordedAt())
                    .bind("org", org)
                    .execute());
    if (rows == 0) {
      throw OmniFlowException.notFound("The contact");
    }
  }

  @Override
  public Optional<ExternalTouchpoint> find(UUID id) {
    Objects.requireNonNull(id, "id");
    return tx.step(
        "external_touchpoints.find",
        () ->
            tx.select(FIND)
                .bind("org", org)
                .bind("id", id)
                .map(JdbcExternalTouchpoints::touchpoint)
                .findOne());
  }

  @Override
  public int linkAnonymousKey(String anonymousKey, UUID contactId) {
    Objects.requireNonNull(anonymousKey, "anonymousKey");
    Objects.requireNonNull(contactId, "contactId");
    long exists =
        tx.step(
            "contacts.exists",
            () ->
                tx.select(CONTACT_EXISTS)
                    .bind("org", org)
                    .bind("contact_id", contactId)
                    .mapTo(Long.class)
                    .one());
    if (exists == 0) {
      throw OmniFlowException.notFound("The contact");
    }
    return tx.step(
        "external_touchpoints.link_key",
        () ->
            tx.change(LINK_KEY)
                .bind("org", org)
                .bind("contact_id", contactId)
                .bind("anonymous_key", anonymousKey)
                .execute());
  }

  @Override
  public int linkMatchingIdentities() {
    return tx.step(
        "external_touchpoints.link_identities",
        () -> tx.change(LINK_IDENTITIES).bind("org", org).execute());
  }

  private static ExternalTouchpoint touchpoint(ResultSet rs, StatementContext ctx)
      throws SQLException {
    String kind = rs.getString("click_id_kind");
    return new ExternalTouchpoint(
        Columns.uuid(rs, "id"),
        Columns.uuid(rs, "org_id"),
        Columns.nullableUuid(rs, "contact_id"),
        rs.getString("channel"),
        rs.getString("campaign"),
        rs.getString("ad_id"),
        rs.getString("content_id"),
        new ExternalTouchpoint.Utm(
            rs.getString("utm_source"),
            rs.getString("utm_medium"),
            rs.getString("utm_campaign"),
            rs.getString("utm_content"),
            rs.getString("utm_term")),
        kind == null
            ? null
            : new ExternalTouchpoint.ClickId(
                ExternalTouchpoint.ClickIdKind.parse(kind), rs.getString("click_id")),
        rs.getString("anonymous_key"),
        rs.getString("email"),
        rs.getString("phone"),
        Columns.instant(rs, "occurred_at"),
        Columns.instant(rs, "recorded_at"));
  }
}
