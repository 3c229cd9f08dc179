package ai.omniflow.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.jdbc.internal.SchemaAdmin;
import ai.omniflow.jdbc.testing.PostgresTestDatabase;
import ai.omniflow.jdbc.testing.TestDatabase;
import java.sql.SQLException;
import java.util.List;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("A migration that fails part-way")
@ExtendWith(PostgresTestDatabase.class)
class MigrationRollbackTest {
  private final TestDatabase db;

  MigrationRollbackTest(TestDatabase db) {
    this.db = db;
  }

  private List<String> history() throws SQLException {
    return RawSql.column(
        db.adminDataSource(),
        "select version || ' ' || success::text from "
            + db.schema()
            + "."
            + SchemaAdmin.HISTORY_TABLE
            + " where version is not null order by installed_rank");
  }

  @Test
  void leavesTheSchemaAtThePreviousVersionWithNothingOfItBehind() throws SQLException {
    List<String> before = history();
    assertThat(before).isNotEmpty().allMatch(row -> row.endsWith(" true"));

    assertThatThrownBy(
            () ->
                SchemaAdmin.configuration(db.ownerDataSource(), db.schema(), db.appRole())
                    .locations(SchemaAdmin.LOCATION, "classpath:ai/omniflow/jdbc/broken-migration")
                    .load()
                    .migrate())
        .isInstanceOf(FlywayException.class)
        .hasMessageContaining("9999");

    assertThat(history()).as("no failed or partial row in the history").isEqualTo(before);
    assertThat(
            RawSql.column(
                db.adminDataSource(),
                "select table_name || '.' || coalesce(column_name, '') from ("
                    + " select table_name::text, null::text column_name from"
                    + " information_schema.tables where table_schema = ? and table_name = 'half_done'"
                    + " union all select table_name, column_name from information_schema.columns"
                    + " where table_schema = ? and column_name = 'half_done_flag') t",
                db.schema(),
                db.schema()))
        .as("what the broken migration created before it failed")
        .isEmpty();
    assertThatCode(() -> OmniFlowSchema.verify(db.ownerDataSource(), db.schema(), db.appRole()))
        .doesNotThrowAnyException();
    // Nothing to repair: the next migrate with the real migrations just works.
    assertThatCode(() -> OmniFlowSchema.migrate(db.ownerDataSource(), db.schema(), db.appRole()))
        .doesNotThrowAnyException();
    assertThat(history()).isEqualTo(before);
  }

  @Test
  void noMigrationIsLeftWhereAHostsFlywayWouldFindIt() {
    assertThat(getClass().getClassLoader().getResource("db/migration"))
        .as("OmniFlow's migrations live under " + SchemaAdmin.LOCATION + ", never db/migration")
        .isNull();
    assertThat(getClass().getClassLoader().getResource("ai/omniflow/jdbc/migration")).isNotNull();
  }
}
