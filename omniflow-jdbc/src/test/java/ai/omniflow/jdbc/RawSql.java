package ai.omniflow.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.jdbc.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Plain JDBC for tests that look at the database as one role or another. */
final class RawSql {
  private RawSql() {}

  /** Runs statements in one connection, autocommit. */
  static void execute(DataSource ds, String... statements) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement()) {
      for (String s : statements) {
        st.execute(s);
      }
    }
  }

  /** Runs one statement with {@code args} bound, autocommit, and returns the rows it changed. */
  static int update(DataSource ds, String sql, Object... args) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      return ps.executeUpdate();
    }
  }

  /** The first column of every row {@code sql} returns, as text. */
  static List<String> column(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      List<String> values = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          values.add(rs.getString(1));
        }
      }
      return values;
    }
  }

  static List<String> column(DataSource ds, String sql, Object... args) throws SQLException {
    try (Connection c = ds.getConnection()) {
      return column(c, sql, args);
    }
  }

  /**
   * The application role's privileges on {@code tables}, as {@code table:PRIVILEGE} sorted (of
   * SELECT, INSERT, UPDATE, DELETE, TRUNCATE), read as the admin.
   */
  static List<String> privileges(TestDatabase db, List<String> tables) throws SQLException {
    return column(
        db.adminDataSource(),
        "select t || ':' || p from unnest(?::text[]) t,"
            + " unnest(array['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) p"
            + " where has_table_privilege(?, ? || '.' || t, p) order by 1",
        tables.toArray(new String[0]),
        db.appRole(),
        db.schema());
  }

  /** Sets the org for the rest of the connection's current transaction. */
  static void setOrg(Connection c, Object orgId) throws SQLException {
    column(c, "select set_config('app.org_id', ?, true)", orgId.toString());
  }

  /**
   * Asserts, as the application role, that with {@code orgId} set each table shows only that org's
   * rows, and that with no org set each table refuses to be read at all.
   */
  static void assertOnlyTheOrgsRowsAndNothingWithoutAnOrg(
      DataSource app, String schema, List<String> tables, Object orgId) throws SQLException {
    try (Connection c = app.getConnection()) {
      c.setAutoCommit(false);
      setOrg(c, orgId);
      for (String table : tables) {
        assertThat(column(c, "select distinct org_id::text from " + schema + "." + table))
            .as(table)
            .containsExactly(orgId.toString());
      }
      c.rollback();
      for (String table : tables) {
        assertThatThrownBy(() -> column(c, "select count(*) from " + schema + "." + table))
            .as(table)
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("no org is set");
        c.rollback();
      }
    }
  }
}
