package ai.omniflow.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.jdbc.testing.PostgresTestDatabase;
import ai.omniflow.jdbc.testing.TestDatabase;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Org;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("The org directory lists org ids across tenants and nothing else")
@ExtendWith(PostgresTestDatabase.class)
class OrgDirectoryTest {
  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
  private final TestDatabase db;
  private final Store store;

  OrgDirectoryTest(TestDatabase db) {
    this.db = db;
    this.store = JdbcStore.create(db.appDataSource(), db.schema());
  }

  private UUID newOrg() {
    UUID id = UUID.randomUUID();
    store.inTransaction(
        Actor.system(id),
        tx -> {
          tx.orgs().insert(new Org(id, "Org", null, null, T0));
          return null;
        });
    return id;
  }

  @Test
  void anOrgCreatedThroughTheStoreIsListedWithoutAnyOrgScope() {
    UUID a = newOrg();
    UUID b = newOrg();
    assertThat(store.orgIds()).contains(a, b);
  }

  @Test
  void theAppRoleCannotAddAnotherOrgsIdNorChangeOrRemoveEntries() throws SQLException {
    UUID a = newOrg();
    String s = db.schema();
    try (Connection c = db.appDataSource().getConnection()) {
      c.setAutoCommit(false);
      RawSql.setOrg(c, a);
      try (Statement st = c.createStatement()) {
        assertThatThrownBy(
                () ->
                    st.execute(
                        "insert into "
                            + s
                            + ".org_directory (org_id, created_at) values ('"
                            + newOrg()
                            + "', now())"))
            .isInstanceOf(SQLException.class);
      }
      c.rollback();
      RawSql.setOrg(c, a);
      try (Statement st = c.createStatement()) {
        assertThatThrownBy(() -> st.execute("delete from " + s + ".org_directory"))
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("permission denied");
      }
      c.rollback();
      RawSql.setOrg(c, a);
      try (Statement st = c.createStatement()) {
        assertThatThrownBy(
                () -> st.execute("update " + s + ".org_directory set created_at = now()"))
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("permission denied");
      }
      c.rollback();
    }
    assertThat(store.orgIds()).contains(a);
  }
}
