package ai.omniflow.jdbc.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.Page;
import ai.omniflow.PageRequest;
import ai.omniflow.contacts.Contact;
import ai.omniflow.contacts.ContactErrors;
import ai.omniflow.contacts.Identity;
import ai.omniflow.contacts.IdentityKind;
import ai.omniflow.store.spi.ContactRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.Update;

/** The {@link ContactRepository} of one JDBC transaction, with the SQL it runs. Not thread-safe. */
final class JdbcContacts implements ContactRepository {
  static final String CONTACT_INSERT =
      "insert into <schema>.contacts (id, org_id, display_name, created_at, updated_at, "
          + "merged_into_id, language, language_set_by_agent) values (:id, :org_id, :display_name, "
          + ":created_at, :updated_at, :merged_into_id, :language, :language_set_by_agent) on "
          + "conflict do nothing";

  static final String CONTACT_UPDATE =
      "update <schema>.contacts set display_name = :display_name, created_at = "
          + ":created_at, updated_at = :updated_at, merged_into_id = :merged_into_id, language = "
          + ":language, language_set_by_agent = :language_set_by_agent where org_id = :org and "
          + "id = :id";

  static final String CONTACT_FIND =
      "select id, org_id, display_name, created_at, updated_at, merged_into_id, language, "
          + "language_set_by_agent from "
          + "<schema>.contacts where org_id = :org and id = :id";

  static final String CONTACT_LOCK =
      "select id, org_id, display_name, created_at, updated_at, merged_into_id, language, "
          + "language_set_by_agent from "
          + "<schema>.contacts where org_id = :org and id = :id for update";

  static final String CONTACT_COUNT =
      "select count(*) from <schema>.contacts where org_id = :org and merged_into_id is " + "null";

  static final String CONTACT_LIST =
      "select id, org_id, display_name, created_at, updated_at, merged_into_id, language, "
          + "language_set_by_agent from "
          + "<schema>.contacts where org_id = :org and merged_into_id is null order by "
          + "created_at, seq limit :limit offset :offset";

  static final String IDENTITY_INSERT =
      "insert into <schema>.contact_identities (id, org_id, contact_id, kind, handle, "
          + "normalized_value, first_seen_at, last_seen_at) select cast(:id as uuid), "
          + "cast(:org_id as uuid), cast(:contact_id as uuid), cast(:kind as text), "
          + "cast(:handle as text), cast(:normalized_value as text), cast(:first_seen_at as "
          + "timestamptz), cast(:last_seen_at as timestamptz) where exists (select 1 from "
          + "<schema>.contacts c where c.org_id = :org and c.id = :contact_id)";

  static final String IDENTITY_UPDATE =
      "update <schema>.contact_identities set contact_id = :contact_id, handle = "
          + ":handle, first_seen_at = :first_seen_at, last_seen_at = :last_seen_at where "
          + "org_id = :org and id = :id and exists (select 1 from <schema>.contacts c where "
          + "c.org_id = :org and c.id = :contact_id)";

  static final String IDENTITY_FIND =
      "select id, org_id, contact_id, kind, handle, normalized_value, first_seen_at, "
          + "last_seen_at from <schema>.contact_identities where org_id = :org and kind = "
          + ":kind and normalized_value = :normalized_value";

  static final String IDENTITY_FIND_ALL =
      "select id, org_id, contact_id, kind, handle, normalized_value, first_seen_at, "
          + "last_seen_at from <schema>.contact_identities where org_id = :org and kind = "
          + ":kind and normalized_value = any(:normalized_values)";

  static final String IDENTITY_LIST =
      "select id, org_id, contact_id, kind, handle, normalized_value, first_seen_at, "
          + "last_seen_at from <schema>.contact_identities where org_id = :org and contact_id "
          + "= :contact_id order by first_seen_at, seq";

  private final JdbcContext tx;
  private final UUID org;

  JdbcContacts(JdbcContext tx) {
    this.tx = tx;
    this.org = tx.org();
  }

  @Override
  public void insert(Contact c) {
    tx.requireOrg(c.orgId(), "the contact");
    int rows =
        tx.step(
            "contacts.insert",
            () ->
                tx.change(CONTACT_INSERT)
                    .bind("id", c.id())
                    .bind("org_id", c.orgId())
                    .bind("display_name", c.displayName())
                    .bind("created_at", c.createdAt())
                    .bind("updated_at", c.updatedAt())
                    .bind("merged_into_id", c.mergedIntoId())
                    .bind("language", c.language())
                    .bind("language_set_by_agent", c.languageSetByAgent())
                    .execute());
    if (rows == 0) {
      throw OmniFlowException.conflict(ContactErrors.CONTACT_EXISTS, "The contact exists already.");
    }
  }

  @Override
  public void update(Contact c) {
    tx.requireOrg(c.orgId(), "the contact");
    int rows =
        tx.guarded(
            "contacts.update",
            () ->
                tx.change(CONTACT_UPDATE)
                    .bind("display_name", c.displayName())
                    .bind("created_at", c.createdAt())
                    .bind("updated_at", c.updatedAt())
                    .bind("merged_into_id", c.mergedIntoId())
                    .bind("language", c.language())
                    .bind("language_set_by_agent", c.languageSetByAgent())
                    .bind("org", org)
                    .bind("id", c.id())
                    .execute());
    if (rows == 0) {
      throw OmniFlowException.notFound("The contact");
    }
  }

  @Override
  public Optional<Contact> find(UUID contactId) {
    Objects.requireNonNull(contactId, "contactId");
    return tx.step(
        "contacts.find",
        () ->
            tx.select(CONTACT_FIND)
                .bind("org", org)
                .bind("id", contactId)
                .map((rs, ctx) -> contact(rs, ctx))
                .findOne());
  }

  @Override
  public Optional<Contact> lock(UUID contactId) {
    Objects.requireNonNull(contactId, "contactId");
    return tx.step(
        "contacts.lock",
        () ->
            tx.select(CONTACT_LOCK)
                .bind("org", org)
                .bind("id", contactId)
                .map((rs, ctx) -> contact(rs, ctx))
                .findOne());
  }

  @Override
  public Page<Contact> list(PageRequest page) {
    Objects.requireNonNull(page, "page");
    return tx.step(
        "contacts.list",
        () -> {
          long total = tx.count(CONTACT_COUNT);
          List<Contact> items =
              tx.select(CONTACT_LIST)
                  .bind("org", org)
                  .bind("limit", page.limit())
                  .bind("offset", page.offset())
                  .map((rs, ctx) -> contact(rs, ctx))
                  .list();
          return Page.of(items, page, total);
        });
  }

  @Override
  public void insertIdentity(Identity i) {
    tx.requireOrg(i.orgId(), "the identity");
    // A unique violation is how a concurrent resolve shows, and the caller decides what to do
    // about it. In a strict transaction the row is kept back and written with the others before
    // the commit or the next statement on identities (decision 0095), and the violation fails the
    // transaction; else at once, in a savepoint.
    if (tx.keepsBack()) {
      tx.append(
          "contact_identities.insert",
          IDENTITY_INSERT,
          s -> bindIdentity(s, i),
          () -> OmniFlowException.notFound("The contact"));
      return;
    }
    int rows =
        tx.guarded(
            "contact_identities.insert",
            () -> {
              Update u = tx.change(IDENTITY_INSERT);
              bindIdentity(u, i);
              return u.execute();
            });
    if (rows == 0) {
      throw OmniFlowException.notFound("The contact");
    }
  }

  private void bindIdentity(SqlStatement<?> s, Identity i) {
    s.bind("id", i.id())
        .bind("org_id", i.orgId())
        .bind("contact_id", i.contactId())
        .bind("kind", i.kind().wireName())
        .bind("handle", i.handle())
        .bind("normalized_value", i.normalizedValue())
        .bind("first_seen_at", i.firstSeenAt())
        .bind("last_seen_at", i.lastSeenAt())
        .bind("org", org);
  }

  @Override
  public void updateIdentity(Identity i) {
    tx.requireOrg(i.orgId(), "the identity");
    int rows =
        tx.guarded(
            "contact_identities.update",
            () ->
                tx.change(IDENTITY_UPDATE)
                    .bind("contact_id", i.contactId())
                    .bind("handle", i.handle())
                    .bind("first_seen_at", i.firstSeenAt())
                    .bind("last_seen_at", i.lastSeenAt())
                    .bind("org", org)
                    .bind("id", i.id())
                    .execute());
    if (rows == 0) {
      throw OmniFlowException.notFound("The identity");
    }
  }

  @Override
  public Optional<Identity> findIdentity(IdentityKind kind, String normalizedValue) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(normalizedValue, "normalizedValue");
    return tx.step(
        "contact_identities.find",
        () ->
            tx.select(IDENTITY_FIND)
                .bind("org", org)
                .bind("kind", kind.wireName())
                .bind("normalized_value", normalizedValue)
                .map((rs, ctx) -> identity(rs, ctx))
                .findOne());
  }

  @Override
  public List<Identity> findIdentities(IdentityKind kind, Collection<String> normalizedValues) {
    Objects.requireNonNull(kind, "kind");
    if (normalizedValues.size() > MAX_IDENTITY_VALUES) {
      throw new IllegalArgumentException("at most " + MAX_IDENTITY_VALUES + " values");
    }
    List<String> values = new ArrayList<>(normalizedValues.size());
    for (String v : normalizedValues) {
      values.add(Objects.requireNonNull(v, "value"));
    }
    if (values.isEmpty()) {
      return List.of();
    }
    return tx.step(
        "contact_identities.find",
        () ->
            tx.select(IDENTITY_FIND_ALL)
                .bind("org", org)
                .bind("kind", kind.wireName())
                .bindArray("normalized_values", String.class, values)
                .map((rs, ctx) -> identity(rs, ctx))
                .list());
  }

  @Override
  public List<Identity> identities(UUID contactId) {
    Objects.requireNonNull(contactId, "contactId");
    return tx.step(
        "contact_identities.list",
        () ->
            tx.select(IDENTITY_LIST)
                .bind("org", org)
                .bind("contact_id", contactId)
                .map((rs, ctx) -> identity(rs, ctx))
                .list());
  }

  private static Contact contact(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Contact(
        Columns.uuid(rs, "id"),
        Columns.uuid(rs, "org_id"),
        rs.getString("display_name"),
        Columns.instant(rs, "created_at"),
        Columns.instant(rs, "updated_at"),
        Columns.nullableUuid(rs, "merged_into_id"),
        rs.getString("language"),
        rs.getBoolean("language_set_by_agent"));
  }

  private static Identity identity(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Identity(
        Columns.uuid(rs, "id"),
        Columns.uuid(rs, "org_id"),
        Columns.uuid(rs, "contact_id"),
        IdentityKind.valueOf(rs.getString("kind").toUpperCase(Locale.ROOT)),
        rs.getString("handle"),
        rs.getString("normalized_value"),
        Columns.instant(rs, "first_seen_at"),
        Columns.instant(rs, "last_seen_at"));
  }
}
