package ai.omniflow.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.jdbc.JdbcStore;
import ai.omniflow.jdbc.testing.PostgresTestDatabase;
import ai.omniflow.jdbc.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

@DisplayName("A Spring Boot host with Flyway migrations of its own and the starter")
@ExtendWith(PostgresTestDatabase.class)
class OmniFlowMigrationHostTest {
  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final String hostSchema = "host_app_" + suffix;
  private final String omniflowSchema = "host_omniflow_" + suffix;
  private final TestDatabase db;

  OmniFlowMigrationHostTest(TestDatabase db) {
    this.db = db;
  }

  private ApplicationContextRunner host() {
    return new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(FlywayAutoConfiguration.class, OmniFlowAutoConfiguration.class))
        .withBean(DataSource.class, db::adminDataSource)
        .withPropertyValues(
            "spring.flyway.schemas=" + hostSchema,
            "omniflow.jdbc.schema=" + omniflowSchema,
            "omniflow.jdbc.app-role=" + db.appRole());
  }

  @AfterEach
  void dropSchemas() throws SQLException {
    try (Connection c = db.adminDataSource().getConnection();
        Statement st = c.createStatement()) {
      st.execute("drop schema if exists " + hostSchema + " cascade");
      st.execute("drop schema if exists " + omniflowSchema + " cascade");
    }
  }

  @Test
  void appliesBothMigrationSetsEachInItsOwnSchemaAndHistoryAfterTheHostsOwn() {
    host()
        .withPropertyValues("omniflow.jdbc.migrate=true")
        .run(
            context -> {
              assertThat(context).hasNotFailed().hasSingleBean(JdbcStore.class);
              assertThat(context.getBean(OmniFlowMigration.class).schema())
                  .isEqualTo(omniflowSchema);

              assertThat(history(hostSchema)).containsExactly("1 host customers");
              assertThat(tables(hostSchema)).containsExactly("customers", "flyway_schema_history");

              List<String> omniflowHistory = history(omniflowSchema);
              assertThat(omniflowHistory).hasSizeGreaterThan(1).doesNotContain("1 host customers");
              assertThat(omniflowHistory.get(0)).isEqualTo("1 tenancy events audit");
              assertThat(tables(omniflowSchema))
                  .contains("orgs", "leads")
                  .doesNotContain("customers");

              assertThat(installedFirst(hostSchema))
                  .as("the host's migrations ran before OmniFlow's")
                  .isBeforeOrEqualTo(installedFirst(omniflowSchema));
            });
  }

  @Test
  void leavesOmniFlowsSchemaAloneUnlessAsked() {
    host()
        .run(
            context -> {
              assertThat(context).hasNotFailed().doesNotHaveBean(OmniFlowMigration.class);
              assertThat(history(hostSchema)).containsExactly("1 host customers");
              assertThat(tables(omniflowSchema)).isEmpty();
            });
  }

  private List<String> history(String schema) throws SQLException {
    return column(
        "select version || ' ' || description from "
            + schema
            + ".flyway_schema_history where version is not null order by installed_rank");
  }

  private java.sql.Timestamp installedFirst(String schema) throws SQLException {
    try (Connection c = db.adminDataSource().getConnection();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "select min(installed_on) from "
                    + schema
                    + ".flyway_schema_history where version is not null")) {
      rs.next();
      return rs.getTimestamp(1);
    }
  }

  private List<String> tables(String schema) throws SQLException {
    try (Connection c = db.adminDataSource().getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "select tablename from pg_tables where schemaname = ? order by tablename")) {
      ps.setString(1, schema);
      return rows(ps.executeQuery());
    }
  }

  private List<String> column(String sql) throws SQLException {
    try (Connection c = db.adminDataSource().getConnection();
        Statement st = c.createStatement()) {
      return rows(st.executeQuery(sql));
    }
  }

  private static List<String> rows(ResultSet rs) throws SQLException {
    try (rs) {
      List<String> values = new ArrayList<>();
      while (rs.next()) {
        values.add(rs.getString(1));
      }
      return values;
    }
  }
}
