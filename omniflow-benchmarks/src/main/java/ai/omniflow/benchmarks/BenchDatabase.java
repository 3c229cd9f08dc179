package ai.omniflow.benchmarks;

import ai.omniflow.jdbc.OmniFlowSchema;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * What the PostgreSQL runners share: data sources, a schema of their own migrated for an
 * application role, and bulk loading with {@code COPY}. Each runner keeps its own schema and role
 * so that two of them never meet.
 */
final class BenchDatabase {
  private static final java.util.regex.Pattern IDENTIFIER =
      java.util.regex.Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private BenchDatabase() {}

  /** The schema name, checked to be a lower-case identifier: it is written into SQL. */
  private static String identifier(String schema) {
    if (!IDENTIFIER.matcher(schema).matches()) {
      throw new IllegalArgumentException("Not a lower-case SQL identifier.");
    }
    return schema;
  }

  /** A plain (unpooled) data source. */
  static DataSource dataSource(String url, String user, String password) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(url);
    ds.setUser(user);
    ds.setPassword(password);
    return ds;
  }

  /** The admin's data source, with the password from {@code PGPASSWORD} (empty when unset). */
  static DataSource admin(String url, String user) {
    return dataSource(url, user, System.getenv().getOrDefault("PGPASSWORD", ""));
  }

  /**
   * Drops {@code schema} when {@code fresh}, makes sure {@code appRole} exists, and migrates the
   * schema for it.
   */
  static void migrate(
      DataSource admin, String schema, String appRole, String appPassword, boolean fresh)
      throws SQLException {
    if (fresh) {
      try (Connection c = admin.getConnection();
          Statement st = c.createStatement()) {
        st.execute("drop schema if exists " + identifier(schema) + " cascade");
      }
    }
    OmniFlowSchema.ensureAppRole(admin, appRole, appPassword);
    OmniFlowSchema.migrate(admin, schema, appRole);
  }

  /** Copies {@code rows} (CSV lines) into {@code schema.table} and empties them. */
  static void copy(PGConnection pg, String schema, String table, StringBuilder rows)
      throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try {
      pg.getCopyAPI()
          .copyIn(
              "copy " + identifier(schema) + "." + table + " from stdin (format csv)",
              new StringReader(rows.toString()));
    } catch (IOException e) {
      throw new SQLException("copy failed", e);
    }
    rows.setLength(0);
  }

  /** Nanoseconds as milliseconds. */
  static double ms(long nanos) {
    return nanos / 1e6;
  }
}
