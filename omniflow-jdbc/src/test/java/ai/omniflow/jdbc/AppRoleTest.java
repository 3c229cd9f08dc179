package ai.omniflow.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.jdbc.testing.PostgresTestDatabase;
import ai.omniflow.jdbc.testing.TestDatabase;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("The application role is an ordinary role that row-level security binds")
@ExtendWith(PostgresTestDatabase.class)
class AppRoleTest {
  private final TestDatabase db;

  AppRoleTest(TestDatabase db) {
    this.db = db;
  }

  @Test
  void isNeitherSuperuserNorBypassRls() throws SQLException {
    assertThat(
            RawSql.column(
                db.adminDataSource(),
                "select rolsuper::text || ' ' || rolbypassrls::text || ' ' || rolcreaterole::text"
                    + " || ' ' || rolcreatedb::text from pg_roles where rolname = ?",
                db.appRole()))
        .containsExactly("false false false false");
  }

  @Test
  void ownsNothing() throws SQLException {
    assertThat(
            RawSql.column(
                db.adminDataSource(),
                "select pg_describe_object(d.classid, d.objid, d.objsubid) from pg_shdepend d"
                    + " join pg_roles r on r.oid = d.refobjid"
                    + " where d.deptype = 'o' and r.rolname = ?",
                db.appRole()))
        .isEmpty();
    assertThat(
            RawSql.column(
                db.adminDataSource(),
                "select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                    + " where n.nspname = ? and pg_get_userbyid(c.relowner) = ?",
                db.schema(),
                db.appRole()))
        .isEmpty();
  }

  @Test
  void logsInAsItselfAndIsSubjectToRowLevelSecurity() throws SQLException {
    assertThat(RawSql.column(db.appDataSource(), "select current_user"))
        .containsExactly(db.appRole());
    assertThat(
            RawSql.column(
                db.appDataSource(),
                "select row_security_active(?::regclass)::text",
                db.schema() + ".events"))
        .containsExactly("true");
  }

  @Test
  void cannotCreateObjectsOrTurnSecurityOff() {
    String s = db.schema();
    for (String ddl :
        new String[] {
          "create table " + s + ".sneaky (org_id uuid)",
          "alter table " + s + ".events disable row level security",
          "alter table " + s + ".audit_log no force row level security",
          "drop policy events_of_current_org on " + s + ".events",
          "alter table " + s + ".audit_log disable trigger audit_log_append_only",
        }) {
      assertThatThrownBy(() -> RawSql.execute(db.appDataSource(), ddl))
          .as(ddl)
          .isInstanceOf(SQLException.class)
          .satisfies(
              e -> assertThat(e.getMessage()).containsAnyOf("permission denied", "must be owner"));
    }
  }

  @Test
  void mayOnlyReadAndAppendTheLogs() throws SQLException {
    assertThat(RawSql.privileges(db, List.of("events", "audit_log")))
        .containsExactly("audit_log:INSERT", "audit_log:SELECT", "events:INSERT", "events:SELECT");
  }
}
