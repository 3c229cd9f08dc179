package ai.omniflow.jdbc.testing;

import java.util.Objects;
import javax.sql.DataSource;

/**
 * One test class's database: a schema of its own, migrated and verified, and data sources for the
 * three roles that take part — the administrator (a superuser), the owner who ran the migrations,
 * and the application role, which is subject to row-level security.
 *
 * <pre>{@code
 * @ExtendWith(PostgresTestDatabase.class)
 * class MyTest {
 *   private final Store store;
 *
 *   MyTest(TestDatabase db) {
 *     store = JdbcStore.create(db.appDataSource(), db.schema());
 *   }
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe; the data sources open a new connection on each call.
 */
public final class TestDatabase {
  private final String jdbcUrl;
  private final String adminUser;
  private final String adminPassword;
  private final String ownerRole;
  private final String appUser;
  private final String appPassword;
  private final String schema;
  private final DataSource adminDataSource;
  private final DataSource ownerDataSource;
  private final DataSource appDataSource;

  TestDatabase(
      String jdbcUrl,
      String adminUser,
      String adminPassword,
      String ownerRole,
      String appUser,
      String appPassword,
      String schema) {
    this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    this.adminUser = Objects.requireNonNull(adminUser, "adminUser");
    this.adminPassword = Objects.requireNonNull(adminPassword, "adminPassword");
    this.ownerRole = Objects.requireNonNull(ownerRole, "ownerRole");
    this.appUser = Objects.requireNonNull(appUser, "appUser");
    this.appPassword = Objects.requireNonNull(appPassword, "appPassword");
    this.schema = Objects.requireNonNull(schema, "schema");
    this.adminDataSource = DataSources.plain(jdbcUrl, adminUser, adminPassword);
    this.ownerDataSource = DataSources.asRole(adminDataSource, ownerRole);
    this.appDataSource = DataSources.plain(jdbcUrl, appUser, appPassword);
  }

  /** Connections as the administrator, a superuser: for setting up and for looking behind RLS. */
  public DataSource adminDataSource() {
    return adminDataSource;
  }

  /**
   * Connections as the schema's owner (the administrator's connection after {@code SET ROLE}): the
   * role that ran the migrations; not a superuser, and bound by the forced row-level security.
   */
  public DataSource ownerDataSource() {
    return ownerDataSource;
  }

  /** Connections as the application role: what {@code JdbcStore} logs in as. */
  public DataSource appDataSource() {
    return appDataSource;
  }

  /** The schema made for this test class, e.g. {@code of_test_jdbcstoretest_3f2a9c}. */
  public String schema() {
    return schema;
  }

  /** The application role's name; the same as {@link #appUser()}. */
  public String appRole() {
    return appUser;
  }

  /** The role that owns the schema. */
  public String ownerRole() {
    return ownerRole;
  }

  /** The JDBC URL of the database, without user or password. */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  public String adminUser() {
    return adminUser;
  }

  public String adminPassword() {
    return adminPassword;
  }

  public String appUser() {
    return appUser;
  }

  public String appPassword() {
    return appPassword;
  }

  @Override
  public String toString() {
    return "TestDatabase[" + jdbcUrl + ", schema " + schema + "]";
  }
}
