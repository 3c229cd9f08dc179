package ai.omniflow.examples.server;

import ai.omniflow.jdbc.OmniFlowSchema;
import ai.omniflow.jdbc.testing.PostgresTestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The database settings a test server starts with, by the same rule as omniflow-jdbc's {@link
 * PostgresTestDatabase}: the PostgreSQL named by {@code OMNIFLOW_TEST_DB_URL} (as {@code
 * OMNIFLOW_TEST_DB_USER}, default {@code postgres}) with a fresh schema, else the server's own
 * embedded default in a fresh temporary data directory.
 */
final class TestDatabases {
  private static final List<String> SCHEMAS = new ArrayList<>();
  private static final List<Path> TEMP_DIRS = new ArrayList<>();

  /** The token keyset of test servers on an external database. */
  static final String TEST_KEYSET = ai.omniflow.vault.tink.Keyset.generate().toJson();

  /**
   * The OAuth redirect URI of test servers on an external database, which must set one; on the
   * embedded default a server sends the default, {@link ServerSettings#DEFAULT_OAUTH_REDIRECT_URI}.
   */
  static final String EXTERNAL_REDIRECT_URI = "http://localhost:8080/oauth/callback";

  private TestDatabases() {}

  /** The redirect URI a test server sends to {@code provider}, on either kind of database. */
  static String redirectUri(String provider) {
    return external()
        ? EXTERNAL_REDIRECT_URI
        : ServerSettings.DEFAULT_OAUTH_REDIRECT_URI.replace("{provider}", provider);
  }

  /** Whether tests run against an external server. */
  static boolean external() {
    String url = System.getenv("OMNIFLOW_TEST_DB_URL");
    return url != null && !url.isBlank();
  }

  /** Properties for one server: a fresh schema or a fresh data directory. */
  static Map<String, String> properties() {
    Map<String, String> p = new LinkedHashMap<>();
    if (external()) {
      String url = System.getenv("OMNIFLOW_TEST_DB_URL");
      String user = env("OMNIFLOW_TEST_DB_USER", "postgres");
      String password = env("OMNIFLOW_TEST_DB_PASSWORD", "");
      OmniFlowSchema.ensureAppRole(
          admin(), PostgresTestDatabase.APP_ROLE, PostgresTestDatabase.APP_PASSWORD);
      String schema = "server_test_" + HexFormat.of().formatHex(randomBytes());
      dropAtExit(schema);
      p.put("omniflow.db.url", url);
      p.put("omniflow.db.user", user);
      p.put("omniflow.db.password", password);
      p.put("omniflow.db.app-user", PostgresTestDatabase.APP_ROLE);
      p.put("omniflow.db.app-password", PostgresTestDatabase.APP_PASSWORD);
      p.put("omniflow.db.schema", schema);
      p.put("TOKEN_ENCRYPTION_KEY", TEST_KEYSET);
      p.put("OAUTH_REDIRECT_URI", EXTERNAL_REDIRECT_URI);
    } else {
      // Blank, so that an OMNIFLOW_DB_* variable of the machine does not leak into the test.
      p.put("omniflow.db.url", "");
      p.put("omniflow.db.user", "");
      p.put("omniflow.db.app-user", "");
      p.put("omniflow.data-dir", tempDir().toString());
    }
    return p;
  }

  /** The same properties as command-line arguments. */
  static List<String> arguments() {
    List<String> args = new ArrayList<>();
    properties().forEach((k, v) -> args.add("--" + k + "=" + v));
    return args;
  }

  /** A fresh directory, deleted when the JVM exits (after the servers using it have stopped). */
  static synchronized Path tempDir() {
    try {
      Path dir = Files.createTempDirectory("omniflow-server-test");
      if (TEMP_DIRS.isEmpty()) {
        Runtime.getRuntime().addShutdownHook(new Thread(TestDatabases::deleteTempDirs));
      }
      TEMP_DIRS.add(dir);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static synchronized void deleteTempDirs() {
    // Spring closes cached test servers in its own shutdown hook; give it a moment to stop them.
    try {
      Thread.sleep(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Path dir : TEMP_DIRS) {
      try (Stream<Path> paths = Files.walk(dir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException | UncheckedIOException e) {
        System.err.println("Could not delete " + dir + ": " + e.getMessage());
      }
    }
  }

  private static DataSource admin() {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(System.getenv("OMNIFLOW_TEST_DB_URL"));
    ds.setUser(env("OMNIFLOW_TEST_DB_USER", "postgres"));
    ds.setPassword(env("OMNIFLOW_TEST_DB_PASSWORD", ""));
    return ds;
  }

  private static synchronized void dropAtExit(String schema) {
    if (SCHEMAS.isEmpty()) {
      Runtime.getRuntime().addShutdownHook(new Thread(TestDatabases::dropSchemas));
    }
    SCHEMAS.add(schema);
  }

  private static synchronized void dropSchemas() {
    try (Connection c = admin().getConnection();
        Statement s = c.createStatement()) {
      for (String schema : SCHEMAS) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    } catch (SQLException e) {
      System.err.println("Could not drop the test schemas " + SCHEMAS + ": " + e.getMessage());
    }
  }

  private static byte[] randomBytes() {
    byte[] b = new byte[6];
    ThreadLocalRandom.current().nextBytes(b);
    return b;
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
