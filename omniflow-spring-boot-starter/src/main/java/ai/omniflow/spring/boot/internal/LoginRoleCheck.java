package ai.omniflow.spring.boot.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Checks the role the application's DataSource really logs in as ({@code current_user}), not the
 * role the properties name: row-level security binds nobody who is a superuser, has BYPASSRLS, owns
 * a table or belongs to a role that owns one. It runs as that login, so it needs no other
 * credentials. Not API.
 *
 * <pre>{@code
 * String role = LoginRoleCheck.verify(dataSource, "omniflow");
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class LoginRoleCheck {
  private static final int MAX_LISTED = 20;

  private LoginRoleCheck() {}

  /**
   * Returns the DataSource's login role after checking it.
   *
   * @throws IllegalStateException naming every problem at once, or if the database cannot be asked
   */
  public static String verify(DataSource dataSource, String schema) {
    List<String> problems = new ArrayList<>();
    String role;
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement ps =
              c.prepareStatement(
                  "select current_user, r.rolsuper, r.rolbypassrls"
                      + " from pg_roles r where r.rolname = current_user");
          ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("the DataSource's login role is not in pg_roles");
        }
        role = rs.getString(1);
        if (rs.getBoolean(2)) {
          problems.add("is a superuser");
        }
        if (rs.getBoolean(3)) {
          problems.add("has BYPASSRLS");
        }
      }
      // Tables, views and sequences of the schema owned by the login or by a role it belongs to.
      try (PreparedStatement ps =
          c.prepareStatement(
              """
              select c.relname, pg_get_userbyid(c.relowner)
                from pg_class c join pg_namespace n on n.oid = c.relnamespace
               where n.nspname = ?
                 and c.relkind in ('r', 'p', 'v', 'm', 'S')
                 and pg_has_role(current_user, c.relowner, 'MEMBER')
               order by 1
               limit ?
              """)) {
        ps.setString(1, schema);
        ps.setInt(2, MAX_LISTED);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String owner = rs.getString(2);
            problems.add(
                owner.equals(role)
                    ? "owns " + schema + "." + rs.getString(1)
                    : "is a member of " + owner + ", which owns " + schema + "." + rs.getString(1));
          }
        }
      }
      // Anything else it owns in this database, and shared objects (databases, tablespaces).
      try (PreparedStatement ps =
          c.prepareStatement(
              """
              select coalesce(pg_describe_object(d.classid, d.objid, d.objsubid),
                              d.classid::regclass::text || ' ' || d.objid)
                from pg_shdepend d
               where d.refclassid = 'pg_authid'::regclass
                 and d.deptype = 'o'
                 and d.refobjid = (select oid from pg_roles where rolname = current_user)
                 and d.dbid in (0, (select oid from pg_database where datname = current_database()))
               order by 1
               limit ?
              """)) {
        ps.setInt(1, MAX_LISTED);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String what = "owns " + rs.getString(1);
            if (!problems.contains(what)) {
              problems.add(what);
            }
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Cannot check the role the DataSource logs in as: " + e.getMessage(), e);
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "The DataSource logs in as "
              + role
              + ", which row-level security would not bind: it "
              + String.join("; it ", problems)
              + ". Connect as a role that is neither superuser nor BYPASSRLS and owns nothing.");
    }
    return role;
  }
}
