package ai.omniflow.jdbc;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.jdbc.testing.PostgresTestDatabase;
import ai.omniflow.jdbc.testing.TestDatabase;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Each test breaks the schema as its owner could, then repairs it, so the next test starts from a
 * verified schema again.
 */
@DisplayName("OmniFlowSchema.verify catches a schema or role that would let tenants leak")
@ExtendWith(PostgresTestDatabase.class)
class SchemaVerificationTest {
  private final TestDatabase db;

  SchemaVerificationTest(TestDatabase db) {
    this.db = db;
  }

  private void verify() {
    OmniFlowSchema.verify(db.ownerDataSource(), db.schema(), db.appRole());
  }

  private void verifyAs(String appRole) {
    OmniFlowSchema.verify(db.ownerDataSource(), db.schema(), appRole);
  }

  @Test
  void passesOnAFreshlyMigratedSchema() {
    assertThatCode(this::verify).doesNotThrowAnyException();
  }

  @Test
  void aDroppedPolicyIsCaughtAndTheTableNamed() throws SQLException {
    String table = db.schema() + ".api_keys";
    RawSql.execute(db.ownerDataSource(), "drop policy api_keys_of_current_org on " + table);
    try {
      assertThatThrownBy(this::verify)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("table " + table + " has no row level security policy");
    } finally {
      RawSql.execute(
          db.ownerDataSource(),
          "create policy api_keys_of_current_org on "
              + table
              + " using (org_id = "
              + db.schema()
              + ".current_org_id()) with check (org_id = "
              + db.schema()
              + ".current_org_id())");
    }
    assertThatCode(this::verify).doesNotThrowAnyException();
  }

  @Test
  void rowLevelSecurityThatIsNoLongerForcedIsCaught() throws SQLException {
    String table = db.schema() + ".memberships";
    RawSql.execute(db.ownerDataSource(), "alter table " + table + " no force row level security");
    try {
      assertThatThrownBy(this::verify)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("table " + table + " does not force row level security");
    } finally {
      RawSql.execute(db.ownerDataSource(), "alter table " + table + " force row level security");
    }
    assertThatCode(this::verify).doesNotThrowAnyException();
  }

  @Test
  void everyProblemIsNamedAtOnce() throws SQLException {
    String s = db.schema();
    RawSql.execute(
        db.ownerDataSource(),
        "alter table " + s + ".users disable row level security",
        "alter table " + s + ".events no force row level security",
        "alter table " + s + ".audit_log disable trigger audit_log_append_only",
        "create table " + s + ".notes (org_id uuid not null, body text)");
    try {
      assertThatThrownBy(this::verify)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("table " + s + ".users does not have row level security enabled")
          .hasMessageContaining("table " + s + ".events does not force row level security")
          .hasMessageContaining(
              "table " + s + ".audit_log has no enabled trigger refusing UPDATE, DELETE")
          .hasMessageContaining("table " + s + ".notes does not have row level security enabled")
          .hasMessageContaining("table " + s + ".notes has no row level security policy")
          .hasMessageContaining("6 problems");
    } finally {
      RawSql.execute(
          db.ownerDataSource(),
          "alter table " + s + ".users enable row level security",
          "alter table " + s + ".events force row level security",
          "alter table " + s + ".audit_log enable trigger audit_log_append_only",
          "drop table " + s + ".notes");
    }
    assertThatCode(this::verify).doesNotThrowAnyException();
  }

  @Test
  void anAppRoleThatIsSuperuserOrBypassesRlsOrOwnsATableIsCaught() throws SQLException {
    // A throwaway role: the shared test app role must stay sound for other test classes.
    String role = "omniflow_test_bad_" + UUID.randomUUID().toString().substring(0, 8);
    String owned = db.schema() + ".owned_by_app";
    RawSql.execute(
        db.adminDataSource(),
        "create role " + role + " superuser bypassrls",
        "create table " + owned + " (org_id uuid)",
        "alter table " + owned + " owner to " + role);
    try {
      assertThatThrownBy(() -> verifyAs(role))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("the application role " + role + " is a superuser")
          .hasMessageContaining("the application role " + role + " has BYPASSRLS")
          .hasMessageContaining("the application role " + role + " owns table " + owned)
          .hasMessageContaining("table " + owned + " is owned by the application role");
    } finally {
      RawSql.execute(db.adminDataSource(), "drop table " + owned, "drop role " + role);
    }
  }

  @Test
  void anAppRoleThatIsAMemberOfTheOwnerIsCaught() throws SQLException {
    String role = "omniflow_test_member_" + UUID.randomUUID().toString().substring(0, 8);
    RawSql.execute(
        db.adminDataSource(), "create role " + role, "grant " + db.ownerRole() + " to " + role);
    try {
      assertThatThrownBy(() -> verifyAs(role))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("is a member of " + db.ownerRole());
    } finally {
      RawSql.execute(db.adminDataSource(), "drop role " + role);
    }
  }

  @Test
  void aMissingSchemaOrRoleIsNamed() {
    assertThatThrownBy(
            () -> OmniFlowSchema.verify(db.ownerDataSource(), "no_such_schema", "nobody_x"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("schema no_such_schema does not exist")
        .hasMessageContaining("the application role nobody_x does not exist");
  }

  @Test
  void namesThatAreNotPlainIdentifiersAreRefused() {
    assertThatThrownBy(
            () -> OmniFlowSchema.verify(db.ownerDataSource(), "x; drop schema y", db.appRole()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("schema");
    assertThatThrownBy(() -> OmniFlowSchema.migrate(db.ownerDataSource(), db.schema(), "App"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("appRole");
  }
}
