package ai.omniflow.jdbc.testing;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** Unpooled data sources for tests. */
final class DataSources {
  private DataSources() {}

  static DataSource plain(String url, String user, String password) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(url);
    ds.setUser(user);
    ds.setPassword(password);
    return ds;
  }

  /**
   * Connections of {@code admin} that {@code SET ROLE role} first, so a role without LOGIN (or
   * without a known password) can be used. Each call opens a new connection, so the role never
   * leaks into another borrower.
   */
  static DataSource asRole(DataSource admin, String role) {
    return new RoleDataSource(admin, role);
  }

  private static final class RoleDataSource implements DataSource {
    private final DataSource admin;
    private final String role;

    RoleDataSource(DataSource admin, String role) {
      this.admin = admin;
      this.role = role;
    }

    @Override
    public Connection getConnection() throws SQLException {
      Connection c = admin.getConnection();
      try (Statement st = c.createStatement()) {
        st.execute("set role " + role);
      } catch (SQLException e) {
        c.close();
        throw e;
      }
      return c;
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      throw new SQLFeatureNotSupportedException("connections are always as role " + role);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
      return admin.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
      admin.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
      admin.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
      return admin.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      return admin.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      if (iface.isInstance(this)) {
        return iface.cast(this);
      }
      throw new SQLException("not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return iface.isInstance(this);
    }

    @Override
    public String toString() {
      return "DataSource[" + admin + " as role " + role + "]";
    }
  }
}
