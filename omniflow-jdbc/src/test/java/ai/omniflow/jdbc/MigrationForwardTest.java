package ai.omniflow.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.jdbc.internal.SchemaAdmin;
import ai.omniflow.jdbc.testing.PostgresTestDatabase;
import ai.omniflow.jdbc.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every migration runs forward from the previous version with data in place: the schema is migrated
 * one version at a time, and after each version its fixture ({@code migration-fixtures/V<n>.sql})
 * is loaded, so each later migration meets rows that every earlier version allowed.
 */
@DisplayName("Each migration, run forward over data of the versions before it")
@ExtendWith(PostgresTestDatabase.class)
class MigrationForwardTest {
  private static final String FIXTURES = "ai/omniflow/jdbc/migration-fixtures/";
  private static final String ORG = "00000000-0000-4000-8000-000000000001";

  private final TestDatabase db;
  private final String schema = "of_forward_" + UUID.randomUUID().toString().substring(0, 8);

  MigrationForwardTest(TestDatabase db) {
    this.db = db;
  }

  @AfterEach
  void dropSchema() throws SQLException {
    RawSql.execute(db.adminDataSource(), "drop schema if exists " + schema + " cascade");
  }

  private List<String> versions() {
    return Arrays.stream(
            SchemaAdmin.configuration(db.ownerDataSource(), schema, db.appRole())
                .load()
                .info()
                .all())
        .map(MigrationInfo::getVersion)
        .filter(v -> v != null)
        .map(Object::toString)
        .toList();
  }

  @Test
  void everyMigrationHasAFixture() {
    List<String> versions = versions();
    assertThat(versions).isNotEmpty();
    List<String> missing = new ArrayList<>();
    for (String version : versions) {
      if (getClass().getClassLoader().getResource(FIXTURES + "V" + version + ".sql") == null) {
        missing.add("V" + version);
      }
    }
    assertThat(missing)
        .as("migrations without a fixture in src/test/resources/" + FIXTURES)
        .isEmpty();
  }

  @Test
  void keepsTheRowsOfEveryEarlierVersionAndPassesVerification() throws Exception {
    Map<String, Long> rowsSeen = new LinkedHashMap<>();
    for (String version : versions()) {
      SchemaAdmin.configuration(db.ownerDataSource(), schema, db.appRole())
          .target(version)
          // The grant callback names the tables of the latest version; the last migrate runs it.
          .skipDefaultCallbacks(true)
          .load()
          .migrate();
      String fixture = FIXTURES + "V" + version + ".sql";
      if (getClass().getClassLoader().getResource(fixture) != null) {
        load(fixture);
      }
      rowsSeen.putAll(rowCounts());
    }

    OmniFlowSchema.migrate(db.ownerDataSource(), schema, db.appRole());
    OmniFlowSchema.verify(db.ownerDataSource(), schema, db.appRole());

    Map<String, Long> after = rowCounts();
    assertThat(rowsSeen).as("rows per table, loaded along the way").isNotEmpty();
    rowsSeen.forEach(
        (table, rows) -> assertThat(after.get(table)).as("rows of " + table).isEqualTo(rows));
    // V3 listed the org that existed before it; V4 gave that org a default region.
    assertThat(
            RawSql.column(
                db.adminDataSource(),
                "select d.org_id::text || ' ' || o.default_region from "
                    + schema
                    + ".org_directory d join "
                    + schema
                    + ".orgs o on o.id = d.org_id order by d.created_at"))
        .containsExactly(ORG + " US", "00000000-0000-4000-8000-000000000002 US");
  }

  private void load(String resource) throws IOException, SQLException {
    String sql;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
      sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${schema}", schema);
    }
    try (Connection c = db.adminDataSource().getConnection()) {
      c.setAutoCommit(false);
      try (Statement st = c.createStatement()) {
        st.execute(sql);
      }
      c.commit();
    }
  }

  private Map<String, Long> rowCounts() throws SQLException {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table :
        RawSql.column(
            db.adminDataSource(),
            "select tablename from pg_tables where schemaname = ? and tablename <> ?"
                + " order by tablename",
            schema,
            SchemaAdmin.HISTORY_TABLE)) {
      counts.put(
          table,
          Long.parseLong(
              RawSql.column(db.adminDataSource(), "select count(*) from " + schema + "." + table)
                  .get(0)));
    }
    return counts;
  }
}
