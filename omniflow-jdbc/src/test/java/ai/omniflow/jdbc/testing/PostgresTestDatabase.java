package ai.omniflow.jdbc.testing;

import ai.omniflow.jdbc.OmniFlowSchema;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A JUnit 5 extension that gives each test class a real PostgreSQL schema of its own, migrated by
 * {@link OmniFlowSchema#migrate} as a non-superuser owner and checked by {@link
 * OmniFlowSchema#verify}, and resolves {@link TestDatabase} parameters of constructors, test
 * methods and lifecycle methods. The schema is dropped after the class.
 *
 * <pre>{@code
 * @ExtendWith(PostgresTestDatabase.class)
 * class EventsTest {
 *   @Test
 *   void appendsAnEvent(TestDatabase db) { ... }
 * }
 * }</pre>
 *
 * <p>The server, chosen once per JVM, is the first that applies of:
 *
 * <ol>
 *   <li>the one named by the environment variable {@code OMNIFLOW_TEST_DB_URL}, as {@code
 *       OMNIFLOW_TEST_DB_USER} (default {@code postgres}, a superuser) with {@code
 *       OMNIFLOW_TEST_DB_PASSWORD} (default empty);
 *   <li>a Testcontainers PostgreSQL, when a Docker engine answers;
 *   <li>an embedded PostgreSQL (zonky), started lazily, one per JVM.
 * </ol>
 *
 * <p>The roles {@value #OWNER_ROLE} (owner, NOLOGIN) and {@value #APP_ROLE} (application, LOGIN)
 * are cluster-wide and created idempotently, so test classes may run one after another or in
 * parallel, in one JVM or several. {@code @Nested} classes share their enclosing class's schema.
 * Thread-safe.
 */
public final class PostgresTestDatabase
    implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
  /** The role that owns the test schemas; not a superuser, so forced RLS binds it. */
  public static final String OWNER_ROLE = "omniflow_test_owner";

  /** The application role tests connect as. */
  public static final String APP_ROLE = "omniflow_test_app";

  /** The application role's password; a fixed one, as several JVMs may share the role. */
  public static final String APP_PASSWORD = "omniflow_test_app_password";

  private static final Logger LOG = LoggerFactory.getLogger(PostgresTestDatabase.class);
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(PostgresTestDatabase.class);
  private static final String SERVER = "server";
  private static final String DATABASE = "database";

  @Override
  public void beforeAll(ExtensionContext context) {
    database(context);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    // Only the class that made the schema drops it; @Nested classes find their parent's.
    ClassDatabase own = context.getStore(NAMESPACE).remove(DATABASE, ClassDatabase.class);
    if (own != null) {
      own.close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestDatabase.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context)
      throws ParameterResolutionException {
    return database(context).database();
  }

  /**
   * The test class's database, made on first use: beforeAll makes it, except for per-class test
   * instances, whose constructor is resolved before beforeAll runs.
   */
  private static ClassDatabase database(ExtensionContext context) {
    ExtensionContext classContext = context;
    while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
      classContext = classContext.getParent().get();
    }
    ExtensionContext.Store store = classContext.getStore(NAMESPACE);
    synchronized (PostgresTestDatabase.class) {
      ClassDatabase existing = store.get(DATABASE, ClassDatabase.class); // searches parents too
      if (existing != null) {
        return existing;
      }
      Server server =
          context
              .getRoot()
              .getStore(NAMESPACE)
              .computeIfAbsent(SERVER, key -> Server.start(), Server.class);
      ClassDatabase created = ClassDatabase.create(server, classContext);
      store.put(DATABASE, created);
      return created;
    }
  }

  /** A PostgreSQL server and a superuser on it; closed at the end of the test run. */
  private static final class Server implements AutoCloseable {
    final String url;
    final String user;
    final String password;
    private final @Nullable Stopper resource;

    /** What stops the server, if the extension started it. */
    private interface Stopper {
      void stop() throws IOException;
    }

    private Server(String url, String user, String password, @Nullable Stopper resource) {
      this.url = url;
      this.user = user;
      this.password = password;
      this.resource = resource;
    }

    static Server start() {
      String url = System.getenv("OMNIFLOW_TEST_DB_URL");
      if (url != null && !url.isBlank()) {
        String user = envOr("OMNIFLOW_TEST_DB_USER", "postgres");
        LOG.info("Testing against OMNIFLOW_TEST_DB_URL {} as {}", url, user);
        return new Server(url, user, envOr("OMNIFLOW_TEST_DB_PASSWORD", ""), null);
      }
      if (dockerAnswers()) {
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:15-alpine");
        container.start();
        LOG.info("Testing against a Testcontainers PostgreSQL at {}", container.getJdbcUrl());
        return new Server(
            container.getJdbcUrl(),
            container.getUsername(),
            container.getPassword(),
            container::stop);
      }
      try {
        EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
        // Its own getJdbcUrl carries ?user=postgres; the URL here names no user.
        String embeddedUrl = "jdbc:postgresql://localhost:" + embedded.getPort() + "/postgres";
        LOG.info("Testing against an embedded PostgreSQL at {}", embeddedUrl);
        return new Server(embeddedUrl, "postgres", "", embedded::close);
      } catch (IOException e) {
        throw new IllegalStateException(
            "no test database: OMNIFLOW_TEST_DB_URL is unset, Docker does not answer,"
                + " and the embedded PostgreSQL did not start",
            e);
      }
    }

    private static boolean dockerAnswers() {
      try {
        return DockerClientFactory.instance().isDockerAvailable();
      } catch (RuntimeException | LinkageError e) {
        return false;
      }
    }

    private static String envOr(String name, String fallback) {
      String value = System.getenv(name);
      return value == null ? fallback : value;
    }

    @Override
    public void close() throws IOException {
      if (resource != null) {
        resource.stop();
      }
    }
  }

  /** One test class's schema, dropped when closed. */
  private static final class ClassDatabase implements AutoCloseable {
    private final TestDatabase database;
    private boolean closed;

    private ClassDatabase(TestDatabase database) {
      this.database = database;
    }

    TestDatabase database() {
      return database;
    }

    static ClassDatabase create(Server server, ExtensionContext classContext) {
      String schema = schemaName(classContext);
      TestDatabase db =
          new TestDatabase(
              server.url, server.user, server.password, OWNER_ROLE, APP_ROLE, APP_PASSWORD, schema);
      ensureOwnerRole(db.adminDataSource());
      OmniFlowSchema.ensureAppRole(db.adminDataSource(), APP_ROLE, APP_PASSWORD);
      OmniFlowSchema.migrate(db.ownerDataSource(), schema, APP_ROLE);
      OmniFlowSchema.verify(db.ownerDataSource(), schema, APP_ROLE);
      return new ClassDatabase(db);
    }

    /** {@code of_<class name, shortened>_<random>}: unique, and readable in a database tool. */
    private static String schemaName(ExtensionContext classContext) {
      String name =
          classContext
              .getTestClass()
              .map(Class::getSimpleName)
              .orElse("test")
              .toLowerCase(Locale.ROOT)
              .replaceAll("[^a-z0-9]", "");
      if (name.length() > 40) {
        name = name.substring(0, 40);
      }
      byte[] random = new byte[6];
      ThreadLocalRandom.current().nextBytes(random);
      return "of_" + name + "_" + HexFormat.of().formatHex(random);
    }

    private static void ensureOwnerRole(DataSource admin) {
      try (Connection c = admin.getConnection();
          Statement st = c.createStatement()) {
        c.setAutoCommit(false);
        st.execute("select pg_advisory_xact_lock(hashtext('omniflow.ensure_test_owner_role'))");
        st.execute(
            "do $$ begin create role "
                + OWNER_ROLE
                + " nologin nosuperuser nobypassrls nocreatedb nocreaterole;"
                + " exception when duplicate_object or unique_violation then null; end $$");
        // The owner creates each class's schema, so it needs CREATE on the database.
        st.execute(
            "do $$ begin execute format('grant create on database %I to "
                + OWNER_ROLE
                + "', current_database()); end $$");
        c.commit();
      } catch (SQLException e) {
        throw new IllegalStateException(
            "cannot create the test owner role "
                + OWNER_ROLE
                + " (SQLSTATE "
                + e.getSQLState()
                + ")",
            e);
      }
    }

    @Override
    public void close() {
      synchronized (this) {
        if (closed) {
          return;
        }
        closed = true;
      }
      try (Connection c = database.adminDataSource().getConnection();
          Statement st = c.createStatement()) {
        st.execute("drop schema if exists " + database.schema() + " cascade");
      } catch (SQLException e) {
        LOG.warn(
            "Could not drop the test schema {} (SQLSTATE {})", database.schema(), e.getSQLState());
      }
    }
  }
}
