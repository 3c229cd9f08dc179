package ai.omniflow.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.postgresql.PGConnection;

/** Migrates, grants and verifies OmniFlow's schema, and makes the application role. */
public final class SchemaAdmin {
  /** Where the migrations and the grant callback live on the class path. */
  public static final String LOCATION = "classpath:ai/omniflow/jdbc/migration";

  /** Flyway's history table, kept in OmniFlow's own schema. */
  public static final String HISTORY_TABLE = "flyway_schema_history";

  /** Tables that hold tenant rows without an {@code org_id} column. */
  private static final List<String> TENANT_TABLES_WITHOUT_ORG_ID = List.of("orgs", "users");

  /** Trigger type bits (pg_trigger.tgtype): DELETE 8, UPDATE 16, TRUNCATE 32. */
  private static final int REFUSED_CHANGES = 8 | 16 | 32;

  private SchemaAdmin() {}

  public static void migrate(DataSource owner, String schema, String appRole) {
    Objects.requireNonNull(owner, "ownerDataSource");
    SqlNames.require("schema", schema);
    SqlNames.require("appRole", appRole);
    try (Connection c = owner.getConnection();
        PreparedStatement ps = c.prepareStatement("select 1 from pg_roles where rolname = ?")) {
      ps.setString(1, appRole);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException(
              "the application role "
                  + appRole
                  + " does not exist; create it first with OmniFlowSchema.ensureAppRole");
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot check the application role before migrating (SQLSTATE " + e.getSQLState() + ")",
          e);
    }
    try {
      configuration(owner, schema, appRole).load().migrate();
    } catch (FlywayException e) {
      throw new IllegalStateException(
          "migrating OmniFlow's schema " + schema + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * Flyway as {@link #migrate} runs it: OmniFlow's own location (never {@code db/migration}, which
   * a host's Flyway scans), its own history table inside {@code schema}, and each migration in a
   * transaction of its own, so a migration that fails leaves the schema at the previous version.
   * Tests derive from it to migrate step by step.
   */
  public static FluentConfiguration configuration(DataSource owner, String schema, String appRole) {
    SqlNames.require("schema", schema);
    SqlNames.require("appRole", appRole);
    return Flyway.configure(SchemaAdmin.class.getClassLoader())
        .dataSource(owner)
        .schemas(schema)
        .defaultSchema(schema)
        .createSchemas(true)
        .table(HISTORY_TABLE)
        .locations(LOCATION)
        .placeholders(Map.of("app_role", appRole))
        .validateMigrationNaming(true)
        .mixed(false)
        .group(false)
        .cleanDisabled(true);
  }

  public static void ensureAppRole(DataSource admin, String appRole, String password) {
    Objects.requireNonNull(admin, "admin");
    SqlNames.require("appRole", appRole);
    Objects.requireNonNull(password, "password");
    if (password.isEmpty()) {
      throw new IllegalArgumentException("password must not be empty");
    }
    String attributes = " login nosuperuser nobypassrls nocreatedb nocreaterole noreplication";
    try (Connection c = admin.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try (Statement st = c.createStatement()) {
        // Roles are cluster-wide: serialize creators, and still tolerate a racing creator that
        // runs in another database (duplicate_object, or unique_violation on pg_authid).
        st.execute("select pg_advisory_xact_lock(hashtext('omniflow.ensure_app_role'))");
        st.execute(
            "do $$ begin create role "
                + appRole
                + attributes
                + "; exception when duplicate_object or unique_violation then null; end $$");
        // Altering only when needed: PostgreSQL 15 lets only superusers name these attributes
        // in ALTER ROLE, and a CREATEROLE administrator must still be able to re-run this.
        try (ResultSet rs =
            st.executeQuery(
                "select rolcanlogin and not (rolsuper or rolbypassrls or rolcreatedb"
                    + " or rolcreaterole or rolreplication) from pg_roles where rolname = '"
                    + appRole
                    + "'")) {
          if (!rs.next() || !rs.getBoolean(1)) {
            st.execute("alter role " + appRole + attributes);
          }
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
      setPassword(c, appRole, password);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot create or alter the role "
              + appRole
              + " (SQLSTATE "
              + e.getSQLState()
              + "); the data source's user needs CREATEROLE",
          e);
    }
  }

  /**
   * Sets the password so that only its SCRAM verifier crosses the wire (and so reaches no server
   * log); falls back to a quoted literal where the connection is not pgjdbc's.
   */
  private static void setPassword(Connection c, String role, String password) throws SQLException {
    if (c.isWrapperFor(PGConnection.class)) {
      c.unwrap(PGConnection.class).alterUserPassword(role, password.toCharArray(), null);
      return;
    }
    try (Statement st = c.createStatement()) {
      st.execute("alter role " + role + " password '" + password.replace("'", "''") + "'");
    }
  }

  public static void verify(DataSource owner, String schema, String appRole) {
    Objects.requireNonNull(owner, "ownerDataSource");
    SqlNames.require("schema", schema);
    SqlNames.require("appRole", appRole);
    List<String> problems = new ArrayList<>();
    try (Connection c = owner.getConnection()) {
      checkTables(c, schema, appRole, problems);
      checkRole(c, schema, appRole, problems);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot verify OmniFlow's schema " + schema + " (SQLSTATE " + e.getSQLState() + ")", e);
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "OmniFlow's schema "
              + schema
              + " is not safe for tenants ("
              + problems.size()
              + " problem"
              + (problems.size() == 1 ? "" : "s")
              + "):\n- "
              + String.join("\n- ", problems));
    }
  }

  private record TableState(
      boolean rls, boolean forced, long policies, boolean appendOnly, String owner) {}

  private static void checkTables(
      Connection c, String schema, String appRole, List<String> problems) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("select 1 from pg_namespace where nspname = ?")) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          problems.add("schema " + schema + " does not exist; run OmniFlowSchema.migrate first");
          return;
        }
      }
    }
    String sql =
        """
        select c.relname, c.relrowsecurity, c.relforcerowsecurity,
               (select count(*) from pg_policy p where p.polrelid = c.oid) as policies,
               exists (select 1 from pg_trigger t
                        where t.tgrelid = c.oid and t.tgenabled <> 'D'
                          and (t.tgtype & ?) = ?) as append_only,
               pg_get_userbyid(c.relowner) as owner
          from pg_class c
          join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = ?
           and c.relkind in ('r', 'p')
           and (c.relname = any (?)
                or exists (select 1 from pg_attribute a
                            where a.attrelid = c.oid and a.attname = 'org_id'
                              and a.attnum > 0 and not a.attisdropped))
         order by c.relname
        """;
    Map<String, TableState> tables = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setInt(1, REFUSED_CHANGES);
      ps.setInt(2, REFUSED_CHANGES);
      ps.setString(3, schema);
      ps.setArray(4, c.createArrayOf("text", TENANT_TABLES_WITHOUT_ORG_ID.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          tables.put(
              rs.getString(1),
              new TableState(
                  rs.getBoolean(2),
                  rs.getBoolean(3),
                  rs.getLong(4),
                  rs.getBoolean(5),
                  rs.getString(6)));
        }
      }
    }
    for (String required : TENANT_TABLES_WITHOUT_ORG_ID) {
      if (!tables.containsKey(required)) {
        problems.add("table " + schema + "." + required + " is missing");
      }
    }
    for (Map.Entry<String, TableState> e : tables.entrySet()) {
      String table = schema + "." + e.getKey();
      TableState t = e.getValue();
      if (!t.rls()) {
        problems.add("table " + table + " does not have row level security enabled");
      }
      if (!t.forced()) {
        problems.add(
            "table " + table + " does not force row level security (its owner would bypass it)");
      }
      if (t.policies() == 0) {
        problems.add("table " + table + " has no row level security policy");
      }
      if (t.owner().equals(appRole)) {
        problems.add("table " + table + " is owned by the application role " + appRole);
      }
    }
    for (String log : List.of("events", "audit_log")) {
      TableState t = tables.get(log);
      if (t == null) {
        problems.add("table " + schema + "." + log + " is missing");
      } else if (!t.appendOnly()) {
        problems.add(
            "table "
                + schema
                + "."
                + log
                + " has no enabled trigger refusing UPDATE, DELETE and TRUNCATE");
      }
    }
  }

  private static void checkRole(Connection c, String schema, String appRole, List<String> problems)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("select rolsuper, rolbypassrls from pg_roles where rolname = ?")) {
      ps.setString(1, appRole);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          problems.add("the application role " + appRole + " does not exist");
          return;
        }
        if (rs.getBoolean(1)) {
          problems.add("the application role " + appRole + " is a superuser");
        }
        if (rs.getBoolean(2)) {
          problems.add("the application role " + appRole + " has BYPASSRLS");
        }
      }
    }
    // Everything the role owns in this database, and shared objects (databases, tablespaces).
    String owned =
        """
        select coalesce(pg_describe_object(d.classid, d.objid, d.objsubid),
                        d.classid::regclass::text || ' ' || d.objid)
          from pg_shdepend d
          join pg_roles r on r.oid = d.refobjid
         where d.refclassid = 'pg_authid'::regclass
           and d.deptype = 'o'
           and r.rolname = ?
           and d.dbid in (0, (select oid from pg_database where datname = current_database()))
         order by 1
        """;
    try (PreparedStatement ps = c.prepareStatement(owned)) {
      ps.setString(1, appRole);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          problems.add("the application role " + appRole + " owns " + rs.getString(1));
        }
      }
    }
    // A member of the owner's role could act as the owner: turn security off, drop policies.
    String ownerMember =
        """
        select distinct pg_get_userbyid(c.relowner)
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = ?
           and pg_get_userbyid(c.relowner) <> ?
           and pg_has_role(?, c.relowner, 'MEMBER')
        """;
    try (PreparedStatement ps = c.prepareStatement(ownerMember)) {
      ps.setString(1, schema);
      ps.setString(2, appRole);
      ps.setString(3, appRole);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          problems.add(
              "the application role "
                  + appRole
                  + " is a member of "
                  + rs.getString(1)
                  + ", which owns tables of the schema");
        }
      }
    }
  }
}
