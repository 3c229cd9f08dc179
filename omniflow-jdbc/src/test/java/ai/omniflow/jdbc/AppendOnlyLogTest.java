package ai.omniflow.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.audit.AuditEntry;
import ai.omniflow.events.DomainEvent;
import ai.omniflow.jdbc.testing.PostgresTestDatabase;
import ai.omniflow.jdbc.testing.TestDatabase;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("The event and audit logs are append-only, for the application role and the owner")
@ExtendWith(PostgresTestDatabase.class)
class AppendOnlyLogTest {
  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

  private final TestDatabase db;
  private final Store store;
  private Actor actor;

  AppendOnlyLogTest(TestDatabase db) {
    this.db = db;
    this.store = JdbcStore.create(db.appDataSource(), db.schema());
  }

  @BeforeEach
  void appendOneEventAndOneAuditEntry() {
    actor = Actor.system(UUID.randomUUID());
    store.inTransaction(
        actor,
        tx -> {
          tx.events()
              .append(
                  new DomainEvent(
                      UUID.randomUUID(),
                      actor.orgId(),
                      "test.kept",
                      "org",
                      actor.orgId().toString(),
                      Map.of(),
                      T0,
                      null,
                      Role.OWNER));
          tx.audit()
              .append(
                  new AuditEntry(
                      UUID.randomUUID(),
                      actor.orgId(),
                      null,
                      Role.OWNER,
                      "test.keep",
                      "org",
                      actor.orgId().toString(),
                      null,
                      Map.of("k", "v"),
                      null,
                      T0));
          return null;
        });
  }

  /** Runs {@code sql} in a transaction scoped to the actor's org, then rolls back. */
  private void inOrg(DataSource ds, String sql) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement()) {
      c.setAutoCommit(false);
      try {
        RawSql.setOrg(c, actor.orgId());
        st.execute(sql);
      } finally {
        c.rollback();
      }
    }
  }

  private String[] changes(String table) {
    String t = db.schema() + "." + table;
    return new String[] {
      "update " + t + " set org_id = org_id", "delete from " + t, "truncate " + t,
    };
  }

  @ParameterizedTest(name = "on {0}")
  @ValueSource(strings = {"audit_log", "events"})
  void theApplicationRoleMayNotUpdateDeleteOrTruncate(String table) {
    for (String change : changes(table)) {
      assertThatThrownBy(() -> inOrg(db.appDataSource(), change))
          .as(change)
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("permission denied");
    }
  }

  @ParameterizedTest(name = "on {0}")
  @ValueSource(strings = {"audit_log", "events"})
  void theOwnerMayNotUpdateDeleteOrTruncateEither(String table) {
    for (String change : changes(table)) {
      assertThatThrownBy(() -> inOrg(db.ownerDataSource(), change))
          .as(change)
          .isInstanceOf(SQLException.class)
          .hasMessageContaining(table + " is append-only");
    }
  }

  @ParameterizedTest(name = "on {0}")
  @ValueSource(strings = {"audit_log", "events"})
  void evenAChangeThatMatchesNoRowIsRefused(String table) {
    String t = db.schema() + "." + table;
    assertThatThrownBy(() -> inOrg(db.ownerDataSource(), "delete from " + t + " where false"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("append-only");
  }

  @ParameterizedTest(name = "on {0}")
  @ValueSource(strings = {"audit_log", "events"})
  void theRowsAreStillThereAfterwards(String table) throws SQLException {
    for (String change : changes(table)) {
      try {
        inOrg(db.ownerDataSource(), change);
      } catch (SQLException expected) {
        // refused, as the other tests show
      }
    }
    assertThat(
            RawSql.column(
                db.adminDataSource(),
                "select count(*) from " + db.schema() + "." + table + " where org_id = ?",
                actor.orgId()))
        .containsExactly("1");
  }
}
