package ai.omniflow.jdbc;

import ai.omniflow.jdbc.internal.SchemaAdmin;
import javax.sql.DataSource;

/**
 * Creates, grants and checks the PostgreSQL schema {@link JdbcStore} needs. Three roles take part:
 * an administrator who may create roles (once, for {@link #ensureAppRole}), the owner who runs the
 * migrations and owns every object ({@link #migrate}, {@link #verify}), and the application role
 * the store logs in as, which owns nothing and is subject to row-level security.
 *
 * <pre>{@code
 * OmniFlowSchema.ensureAppRole(adminDataSource, OmniFlowSchema.DEFAULT_APP_ROLE, appPassword);
 * OmniFlowSchema.migrate(ownerDataSource, "omniflow", OmniFlowSchema.DEFAULT_APP_ROLE);
 * OmniFlowSchema.verify(ownerDataSource, "omniflow", OmniFlowSchema.DEFAULT_APP_ROLE);
 * }</pre>
 *
 * <p>Schema and role names must be lower-case identifiers ({@code [a-z_][a-z0-9_]*}, at most 63
 * characters), since they are written into SQL. All methods are thread-safe; concurrent migrations
 * of one schema are serialized by Flyway's lock.
 */
public final class OmniFlowSchema {
  /** The schema OmniFlow's tables live in unless a host names another. */
  public static final String DEFAULT_SCHEMA = "omniflow";

  /** The application role's name unless a host names another. */
  public static final String DEFAULT_APP_ROLE = "omniflow_app";

  private OmniFlowSchema() {}

  /**
   * Runs the migrations as the DataSource's user (the owner), creating the schema if absent, and
   * grants the app role what it needs. Running it again is harmless: pending migrations run, and
   * the grants are re-applied.
   *
   * @param ownerDataSource connections as the role that will own the schema; it needs CREATE on the
   *     database if the schema does not exist yet
   * @param schema the schema to create or update, e.g. {@link #DEFAULT_SCHEMA}
   * @param appRole the application role, which must exist (see {@link #ensureAppRole})
   * @throws IllegalArgumentException if {@code schema} or {@code appRole} is not a lower-case
   *     identifier
   * @throws IllegalStateException if the app role does not exist or a migration fails
   */
  public static void migrate(DataSource ownerDataSource, String schema, String appRole) {
    SchemaAdmin.migrate(ownerDataSource, schema, appRole);
  }

  /**
   * Creates the LOGIN role if absent (NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE) and sets its
   * password; needs a DataSource whose user may CREATE ROLE. An existing role is altered to those
   * attributes too. Safe to call concurrently and repeatedly.
   *
   * @throws IllegalArgumentException if {@code appRole} is not a lower-case identifier or the
   *     password is empty
   * @throws IllegalStateException if the role cannot be created or altered
   */
  public static void ensureAppRole(DataSource admin, String appRole, String password) {
    SchemaAdmin.ensureAppRole(admin, appRole, password);
  }

  /**
   * Checks that every tenant table of the schema (every table with an org_id column, plus orgs and
   * users) has RLS enabled AND forced and at least one policy, and that the app role is not
   * superuser/BYPASSRLS and owns nothing; throws IllegalStateException naming every problem at
   * once. It also checks that the event and audit logs keep their append-only triggers and that the
   * app role is no member of a role owning the schema's tables.
   *
   * @throws IllegalArgumentException if {@code schema} or {@code appRole} is not a lower-case
   *     identifier
   * @throws IllegalStateException listing every problem found, one per line
   */
  public static void verify(DataSource ownerDataSource, String schema, String appRole) {
    SchemaAdmin.verify(ownerDataSource, schema, appRole);
  }
}
