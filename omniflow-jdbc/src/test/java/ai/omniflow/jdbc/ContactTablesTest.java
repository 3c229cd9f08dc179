package ai.omniflow.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.OmniFlow;
import ai.omniflow.contacts.Contact;
import ai.omniflow.contacts.IdentityClaim;
import ai.omniflow.contacts.IdentityKind;
import ai.omniflow.jdbc.testing.PostgresTestDatabase;
import ai.omniflow.jdbc.testing.TestDatabase;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import ai.omniflow.tenancy.User;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("The contact tables, seen with raw SQL")
@ExtendWith(PostgresTestDatabase.class)
class ContactTablesTest {
  private static final List<String> TABLES =
      List.of("contacts", "contact_identities", "contact_merges");

  private final TestDatabase db;
  private final OmniFlow omniFlow;

  ContactTablesTest(TestDatabase db) {
    this.db = db;
    this.omniFlow =
        OmniFlow.builder().store(JdbcStore.create(db.appDataSource(), db.schema())).build();
  }

  private Actor orgWithAContact(String phone) {
    UUID org = UUID.randomUUID();
    User u = new User(UUID.randomUUID(), org + "@example.test", "Owner", Instant.now());
    omniFlow.tenancy().createOrg(org, "Org", u);
    Actor owner = Actor.of(org, u.id(), Role.OWNER);
    Contact a =
        omniFlow
            .contacts()
            .resolve(owner, List.of(IdentityClaim.of(IdentityKind.PHONE, phone)), null);
    Contact b =
        omniFlow
            .contacts()
            .resolve(
                owner, List.of(IdentityClaim.of(IdentityKind.EMAIL, org + "@example.com")), null);
    omniFlow.contacts().merge(owner, a.id(), b.id(), null);
    return owner;
  }

  @Test
  void theApplicationRoleSeesOnlyTheOrgsRowsAndNothingWithoutAnOrg() throws SQLException {
    Actor a = orgWithAContact("+1 415 555 0101");
    orgWithAContact("+1 415 555 0101");
    RawSql.assertOnlyTheOrgsRowsAndNothingWithoutAnOrg(
        db.appDataSource(), db.schema(), TABLES, a.orgId());
  }

  @Test
  void theApplicationRoleMayReadInsertAndUpdateButNeverDelete() throws SQLException {
    assertThat(RawSql.privileges(db, TABLES))
        .containsExactly(
            "contact_identities:INSERT",
            "contact_identities:SELECT",
            "contact_identities:UPDATE",
            "contact_merges:INSERT",
            "contact_merges:SELECT",
            "contact_merges:UPDATE",
            "contacts:INSERT",
            "contacts:SELECT",
            "contacts:UPDATE");
  }

  @Test
  void identitiesAreUniqueByOrgKindAndNormalizedValue() throws SQLException {
    assertThat(
            RawSql.column(
                db.adminDataSource(),
                "select pg_get_indexdef(i.indexrelid) from pg_index i"
                    + " join pg_class c on c.oid = i.indexrelid"
                    + " join pg_namespace n on n.oid = c.relnamespace"
                    + " where n.nspname = ? and c.relname = 'contact_identities_value_key'"
                    + " and i.indisunique",
                db.schema()))
        .singleElement()
        .asString()
        .contains("(org_id, kind, normalized_value)");
  }

  @Test
  void orgsDefaultToTheUsRegionAndRefuseOtherShapes() throws SQLException {
    Actor a = orgWithAContact("+1 415 555 0102");
    assertThat(
            RawSql.column(
                db.adminDataSource(),
                "select default_region from " + db.schema() + ".orgs where id = ?",
                a.orgId()))
        .containsExactly("US");
    assertThatThrownBy(
            () ->
                RawSql.execute(
                    db.adminDataSource(),
                    "update "
                        + db.schema()
                        + ".orgs set default_region = 'usa' where id = '"
                        + a.orgId()
                        + "'"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("orgs_default_region_check");
  }
}
