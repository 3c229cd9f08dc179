package ai.omniflow.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.jdbc.testing.PostgresTestDatabase;
import ai.omniflow.jdbc.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("Every timestamp column of the schema refuses infinity")
@ExtendWith(PostgresTestDatabase.class)
class FiniteTimestampsTest {
  private final TestDatabase db;

  FiniteTimestampsTest(TestDatabase db) {
    this.db = db;
  }

  /** Every timestamptz column of the schema, as {@code table.column}, found from the catalog. */
  private List<String> timestampColumns() throws SQLException {
    return RawSql.column(
        db.adminDataSource(),
        "select c.table_name || '.' || c.column_name from information_schema.columns c"
            + " join information_schema.tables t"
            + " on t.table_schema = c.table_schema and t.table_name = c.table_name"
            + " where c.table_schema = ? and c.data_type = 'timestamp with time zone'"
            + " and t.table_type = 'BASE TABLE' order by 1",
        db.schema());
  }

  @Test
  void theCatalogFindsTheTimestampColumnsOfEveryArea() throws SQLException {
    assertThat(timestampColumns())
        .hasSizeGreaterThanOrEqualTo(40)
        .contains(
            "inbox_messages.sent_at",
            "leads.closed_at",
            "events.occurred_at",
            "audit_log.occurred_at",
            "lead_offers.expires_at");
  }

  @Test
  void eachTimestampColumnHasACheckNamedAfterItThatCallsIsfinite() throws SQLException {
    for (String column : timestampColumns()) {
      String[] parts = column.split("\\.");
      List<String> definitions =
          RawSql.column(
              db.adminDataSource(),
              "select pg_get_constraintdef(k.oid) from pg_constraint k"
                  + " join pg_class r on r.oid = k.conrelid"
                  + " join pg_namespace n on n.oid = r.relnamespace"
                  + " where n.nspname = ? and r.relname = ? and k.conname = ? and k.contype = 'c'",
              db.schema(),
              parts[0],
              parts[0] + "_" + parts[1] + "_finite");
      assertThat(definitions).as(column).containsExactly("CHECK (isfinite(" + parts[1] + "))");
    }
  }

  @Test
  void eachTimestampColumnRefusesMinusInfinityAndInfinity() throws SQLException {
    for (String column : timestampColumns()) {
      String[] parts = column.split("\\.");
      for (String value : List.of("-infinity", "infinity")) {
        assertThatThrownBy(() -> insertInto(parts[0], parts[1], value))
            .as(column + " = " + value)
            .isInstanceOfSatisfying(
                SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23514"))
            .hasMessageContaining(parts[0] + "_" + parts[1] + "_finite");
      }
    }
  }

  /**
   * Inserts {@code value} into {@code column} of a temporary copy of {@code table} that keeps the
   * column's finite check and no other constraint, so that check is the one that decides; rolled
   * back either way.
   */
  private void insertInto(String table, String column, String value) throws SQLException {
    try (Connection c = db.adminDataSource().getConnection();
        Statement st = c.createStatement()) {
      c.setAutoCommit(false);
      try {
        st.execute(
            "create temporary table finite_probe (like "
                + db.schema()
                + "."
                + table
                + " including constraints) on commit drop");
        for (String other :
            RawSql.column(
                c,
                "select attname from pg_attribute where attrelid = 'finite_probe'::regclass"
                    + " and attnum > 0 and not attisdropped and attnotnull")) {
          st.execute("alter table finite_probe alter column " + other + " drop not null");
        }
        for (String check :
            RawSql.column(
                c,
                "select conname from pg_constraint where conrelid = 'finite_probe'::regclass"
                    + " and conname <> ?",
                table + "_" + column + "_finite")) {
          st.execute("alter table finite_probe drop constraint " + check);
        }
        st.execute("insert into finite_probe (" + column + ") values ('" + value + "')");
      } finally {
        c.rollback();
      }
    }
  }
}
