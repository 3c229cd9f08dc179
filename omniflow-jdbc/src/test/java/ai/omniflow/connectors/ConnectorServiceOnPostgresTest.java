package ai.omniflow.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.jdbc.JdbcStore;
import ai.omniflow.jdbc.testing.PostgresTestDatabase;
import ai.omniflow.jdbc.testing.TestDatabase;
import ai.omniflow.store.spi.Store;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The connector service's tests, on PostgreSQL as the application role. */
@DisplayName("Connector accounts, OAuth and the token vault on PostgreSQL")
@ExtendWith(PostgresTestDatabase.class)
class ConnectorServiceOnPostgresTest extends ConnectorServiceTest {
  private final TestDatabase db;

  ConnectorServiceOnPostgresTest(TestDatabase db) {
    this.db = db;
  }

  @Override
  protected Store newStore() {
    return JdbcStore.create(db.appDataSource(), db.schema());
  }

  @Test
  void theDatabaseHoldsNoPlaintextTokenCodeOrState() throws SQLException {
    AuthorizationStart start = omniFlow.connectors().start(owner, "meta");
    omniFlow.connectors().complete(owner, "meta", "code-PLAINTEXT-1", start.state());
    omniFlow
        .connectors()
        .healthcheck(owner, "meta", omniFlow.connectors().accounts(owner).get(0).accountRef());
    // Tokens and the code; the PKCE verifier is kept, by design, beside its hashed state.
    List<String> secrets =
        new ArrayList<>(
            meta.issuedSecrets.stream()
                .filter(
                    x ->
                        x.startsWith("ACCESS-")
                            || x.startsWith("REFRESH-")
                            || x.startsWith("code-"))
                .toList());
    assertThat(secrets).hasSizeGreaterThanOrEqualTo(3);
    secrets.add(start.state());

    String dump = dumpSchema();
    assertThat(dump).contains("page-1"); // the dump does see the rows
    for (String secret : secrets) {
      assertThat(dump).as("plaintext in the database").doesNotContain(secret);
    }
  }

  /**
   * Every row of every table of the schema, as text (bytea decoded as UTF-8 too), read as admin.
   */
  private String dumpSchema() throws SQLException {
    StringBuilder out = new StringBuilder();
    try (Connection c = db.adminDataSource().getConnection();
        Statement st = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs =
          st.executeQuery(
              "select tablename from pg_tables where schemaname = '" + db.schema() + "'")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      for (String table : tables) {
        try (ResultSet rs = st.executeQuery("select * from " + db.schema() + "." + table)) {
          ResultSetMetaData md = rs.getMetaData();
          while (rs.next()) {
            for (int i = 1; i <= md.getColumnCount(); i++) {
              Object v = rs.getObject(i);
              out.append(v instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : v)
                  .append('|');
            }
            out.append('\n');
          }
        }
      }
    }
    return out.toString();
  }
}
