package ai.omniflow.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.jdbc.testing.PostgresTestDatabase;
import ai.omniflow.jdbc.testing.TestDatabase;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Org;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("The migrations")
@ExtendWith(PostgresTestDatabase.class)
class MigrationTest {
  private final TestDatabase db;

  MigrationTest(TestDatabase db) {
    this.db = db;
  }

  @Test
  void canRunAgainWithoutChangingAnything() throws SQLException {
    String history =
        "select version || ' ' || success::text from "
            + db.schema()
            + ".flyway_schema_history where version is not null order by installed_rank";
    var before = RawSql.column(db.adminDataSource(), history);

    OmniFlowSchema.migrate(db.ownerDataSource(), db.schema(), db.appRole());
    OmniFlowSchema.migrate(db.ownerDataSource(), db.schema(), db.appRole());

    assertThat(RawSql.column(db.adminDataSource(), history)).isEqualTo(before).contains("1 true");
    assertThatCode(() -> OmniFlowSchema.verify(db.ownerDataSource(), db.schema(), db.appRole()))
        .doesNotThrowAnyException();
  }

  @Test
  void workIntoASchemaOfAnyNameThatTheStoreThenUses() throws SQLException {
    String schema = "host_crm_omniflow_" + UUID.randomUUID().toString().substring(0, 8);
    try {
      OmniFlowSchema.migrate(db.ownerDataSource(), schema, db.appRole());
      OmniFlowSchema.verify(db.ownerDataSource(), schema, db.appRole());
      assertThat(
              RawSql.column(
                  db.adminDataSource(),
                  "select pg_get_userbyid(nspowner) from pg_namespace where nspname = ?",
                  schema))
          .containsExactly(db.ownerRole());

      UUID orgId = UUID.randomUUID();
      Store store = JdbcStore.create(db.appDataSource(), schema);
      Org org = new Org(orgId, "Elsewhere", null, null, Instant.parse("2026-11-25T10:00:00Z"));
      store.inTransaction(
          Actor.system(orgId),
          tx -> {
            tx.orgs().insert(org);
            return null;
          });
      assertThat(store.<Optional<Org>>inTransaction(Actor.system(orgId), tx -> tx.orgs().current()))
          .contains(org);
      assertThat(
              RawSql.column(
                  db.adminDataSource(), "select name from " + schema + ".orgs where id = ?", orgId))
          .containsExactly("Elsewhere");
    } finally {
      RawSql.execute(db.adminDataSource(), "drop schema if exists " + schema + " cascade");
    }
  }

  @Test
  void reGrantTheApplicationRoleOnEveryRun() throws SQLException {
    String events = db.schema() + ".events";
    RawSql.execute(db.ownerDataSource(), "revoke insert on " + events + " from " + db.appRole());
    OmniFlowSchema.migrate(db.ownerDataSource(), db.schema(), db.appRole());
    assertThat(
            RawSql.column(
                db.adminDataSource(),
                "select has_table_privilege(?, ?, 'INSERT')::text",
                db.appRole(),
                events))
        .containsExactly("true");
  }

  @Test
  void refuseAnApplicationRoleThatDoesNotExist() {
    assertThatThrownBy(
            () ->
                OmniFlowSchema.migrate(db.ownerDataSource(), db.schema(), "omniflow_no_such_role"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("omniflow_no_such_role does not exist")
        .hasMessageContaining("ensureAppRole");
  }

  @Test
  void ensureAppRoleIsIdempotentAndMakesAnOrdinaryLoginRole() throws SQLException {
    String role = "omniflow_test_role_" + UUID.randomUUID().toString().substring(0, 8);
    try {
      // A role of that name with the wrong attributes is brought into line.
      RawSql.execute(db.adminDataSource(), "create role " + role + " nologin createdb bypassrls");
      OmniFlowSchema.ensureAppRole(db.adminDataSource(), role, "first-password");
      OmniFlowSchema.ensureAppRole(db.adminDataSource(), role, "second 'quoted' password");
      assertThat(
              RawSql.column(
                  db.adminDataSource(),
                  "select concat_ws(' ', rolcanlogin, rolsuper, rolbypassrls, rolcreatedb,"
                      + " rolcreaterole) from pg_roles where rolname = ?",
                  role))
          .containsExactly("t f f f f");
      // Only a SCRAM verifier was sent and stored, never the password itself.
      assertThat(
              RawSql.column(
                  db.adminDataSource(),
                  "select rolpassword from pg_authid where rolname = ?",
                  role))
          .singleElement()
          .asString()
          .startsWith("SCRAM-SHA-256$")
          .doesNotContain("quoted");
    } finally {
      RawSql.execute(db.adminDataSource(), "drop role if exists " + role);
    }
  }
}
