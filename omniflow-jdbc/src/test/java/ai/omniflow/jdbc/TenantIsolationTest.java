package ai.omniflow.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.PageRequest;
import ai.omniflow.events.DomainEvent;
import ai.omniflow.jdbc.testing.DataSourceAdapter;
import ai.omniflow.jdbc.testing.PostgresTestDatabase;
import ai.omniflow.jdbc.testing.TestDatabase;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Membership;
import ai.omniflow.tenancy.Org;
import ai.omniflow.tenancy.Role;
import ai.omniflow.tenancy.User;
import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("Tenant isolation holds in PostgreSQL itself, for raw SQL as the application role")
@ExtendWith(PostgresTestDatabase.class)
class TenantIsolationTest {
  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

  private final TestDatabase db;
  private final Store store;

  TenantIsolationTest(TestDatabase db) {
    this.db = db;
    this.store = JdbcStore.create(db.appDataSource(), db.schema());
  }

  /** A committed org with an owner, one event and one audit-worthy API key, via the store. */
  private Actor orgWithAnEvent(String marker) {
    UUID orgId = UUID.randomUUID();
    UUID userId = UUID.randomUUID();
    Actor actor = Actor.of(orgId, userId, Role.OWNER);
    store.inTransaction(
        actor,
        tx -> {
          tx.orgs().insert(new Org(orgId, "Org " + marker, null, null, T0));
          tx.users().insert(new User(userId, userId + "@example.test", "Owner", T0));
          tx.memberships().insert(new Membership(orgId, userId, Role.OWNER, T0));
          tx.events()
              .append(
                  new DomainEvent(
                      UUID.randomUUID(),
                      orgId,
                      "test.marked",
                      "org",
                      orgId.toString(),
                      Map.of("marker", marker),
                      T0,
                      userId,
                      Role.OWNER));
          return null;
        });
    return actor;
  }

  @Test
  void anUnfilteredSelectSeesOnlyTheOrgOfTheTransaction() throws SQLException {
    Actor a = orgWithAnEvent("a");
    Actor b = orgWithAnEvent("b");
    try (Connection c = db.appDataSource().getConnection()) {
      c.setAutoCommit(false);
      RawSql.setOrg(c, a.orgId());
      String s = db.schema();
      assertThat(RawSql.column(c, "select org_id from " + s + ".events"))
          .containsOnly(a.orgId().toString())
          .isNotEmpty();
      assertThat(RawSql.column(c, "select id from " + s + ".orgs"))
          .containsExactly(a.orgId().toString());
      assertThat(RawSql.column(c, "select id from " + s + ".users"))
          .containsExactly(a.userId().toString())
          .doesNotContain(b.userId().toString());
      assertThat(RawSql.column(c, "select org_id from " + s + ".memberships"))
          .containsOnly(a.orgId().toString());
      c.rollback();
    }
  }

  @Test
  void insertingARowForAnotherOrgIsRefused() throws SQLException {
    Actor a = orgWithAnEvent("a");
    Actor b = orgWithAnEvent("b");
    try (Connection c = db.appDataSource().getConnection()) {
      c.setAutoCommit(false);
      RawSql.setOrg(c, a.orgId());
      assertThatThrownBy(
              () ->
                  RawSql.column(
                      c,
                      "insert into "
                          + db.schema()
                          + ".events (id, org_id, type, subject_type, subject_id, payload,"
                          + " occurred_at, actor_role) values (gen_random_uuid(), ?::uuid,"
                          + " 'test.forged', 'org', 'x', '{}', now(), 'owner') returning seq",
                      b.orgId().toString()))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("row-level security");
      c.rollback();
    }
  }

  @Test
  void updatesReachOnlyTheOrgOfTheTransaction() throws SQLException {
    Actor a = orgWithAnEvent("a");
    Actor b = orgWithAnEvent("b");
    try (Connection c = db.appDataSource().getConnection();
        Statement st = c.createStatement()) {
      c.setAutoCommit(false);
      RawSql.setOrg(c, a.orgId());
      assertThat(st.executeUpdate("update " + db.schema() + ".orgs set name = 'Renamed'"))
          .isEqualTo(1);
      c.commit();
    }
    assertThat(
            RawSql.column(
                db.adminDataSource(),
                "select name from " + db.schema() + ".orgs where id = ?",
                b.orgId()))
        .containsExactly("Org b");
  }

  @Test
  void aUserIsChangedOnlyThroughAMembershipInTheCurrentOrg() throws SQLException {
    Actor a = orgWithAnEvent("a");
    Actor b = orgWithAnEvent("b");
    UUID newcomer = UUID.randomUUID();
    try (Connection c = db.appDataSource().getConnection();
        Statement st = c.createStatement()) {
      c.setAutoCommit(false);
      RawSql.setOrg(c, b.orgId());
      String users = db.schema() + ".users";
      assertThat(
              st.executeUpdate(
                  "update "
                      + users
                      + " set display_name = 'Hijacked' where id = '"
                      + a.userId()
                      + "'"))
          .isZero();
      // An org creates users as its own rows (decision 0030); they stay invisible until a
      // membership links them.
      assertThat(
              st.executeUpdate(
                  "insert into "
                      + users
                      + " (id, org_id, email, display_name, created_at) values ('"
                      + newcomer
                      + "', '"
                      + b.orgId()
                      + "', '"
                      + newcomer
                      + "@example.test', 'New', now())"))
          .isEqualTo(1);
      assertThat(RawSql.column(c, "select id from " + users + " where id = ?", newcomer)).isEmpty();
      c.commit();
    }
    try (Connection c = db.appDataSource().getConnection();
        Statement st = c.createStatement()) {
      c.setAutoCommit(false);
      RawSql.setOrg(c, b.orgId());
      String planted = UUID.randomUUID().toString();
      assertThatThrownBy(
              () ->
                  st.executeUpdate(
                      "insert into "
                          + db.schema()
                          + ".users (id, org_id, email, display_name, created_at) values ('"
                          + planted
                          + "', '"
                          + a.orgId()
                          + "', 'x@example.test', 'Planted', now())"))
          .as("a user row of another org")
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("row-level security");
      c.rollback();
    }
    assertThat(
            RawSql.column(
                db.adminDataSource(),
                "select display_name from " + db.schema() + ".users where id = ?",
                a.userId()))
        .containsExactly("Owner");
  }

  @Test
  void noOrgSetIsAnErrorNotAnEmptyResult() throws SQLException {
    orgWithAnEvent("a");
    for (String table : new String[] {"events", "audit_log", "orgs", "users", "memberships"}) {
      assertThatThrownBy(
              () -> RawSql.column(db.appDataSource(), "select * from " + db.schema() + "." + table))
          .as(table)
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("no org is set");
    }
    try (Connection c = db.appDataSource().getConnection()) {
      c.setAutoCommit(false);
      RawSql.column(c, "select set_config('app.org_id', '', true)");
      assertThatThrownBy(() -> RawSql.column(c, "select * from " + db.schema() + ".events"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("no org is set");
      c.rollback();
    }
  }

  @Test
  void aPooledConnectionCarriesNoOrgAfterTheStoresTransaction() throws SQLException {
    Actor a = orgWithAnEvent("a");
    try (Connection physical = db.appDataSource().getConnection()) {
      OneConnectionPool pool = new OneConnectionPool(physical);
      Store pooled = JdbcStore.create(pool, db.schema());

      int seen =
          pooled.inTransaction(a, tx -> tx.events().list(PageRequest.first()).items().size());
      assertThat(seen).isEqualTo(1);
      assertThat(pool.borrowed).isEqualTo(1);

      // The next borrower of the same connection has no org: a query fails instead of leaking.
      assertThat(RawSql.column(physical, "select current_setting('app.org_id', true)"))
          .containsExactly("");
      assertThatThrownBy(() -> RawSql.column(physical, "select * from " + db.schema() + ".events"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("no org is set");

      // And a store transaction that fails leaves no org behind either.
      assertThatThrownBy(
              () ->
                  pooled.inTransaction(
                      a,
                      tx -> {
                        tx.events().list(PageRequest.first());
                        throw new IllegalStateException("boom");
                      }))
          .hasMessage("boom");
      assertThat(RawSql.column(physical, "select current_setting('app.org_id', true)"))
          .containsExactly("");
    }
  }

  /** A pool of one connection: every borrower gets the same physical connection back. */
  private static final class OneConnectionPool extends DataSourceAdapter {
    private final Connection physical;
    int borrowed;

    OneConnectionPool(Connection physical) {
      this.physical = physical;
    }

    @Override
    public Connection getConnection() {
      borrowed++;
      return (Connection)
          Proxy.newProxyInstance(
              Connection.class.getClassLoader(),
              new Class<?>[] {Connection.class},
              (proxy, method, args) -> {
                if (method.getName().equals("close")) {
                  physical.setAutoCommit(true); // what a pool does on return
                  return null;
                }
                if (method.getName().equals("isClosed")) {
                  return false;
                }
                try {
                  return method.invoke(physical, args);
                } catch (java.lang.reflect.InvocationTargetException e) {
                  throw e.getCause();
                }
              });
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}
  }
}
