package ai.omniflow.examples.server;

import ai.omniflow.jdbc.OmniFlowSchema;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's PostgreSQL, made ready: either an embedded one under {@code <data-dir>/postgres}
 * (kept between runs, run with fsync and synchronous commit on, every connection needing the
 * generated password in {@code <data-dir>/postgres-password}, an orphan of a killed earlier run
 * stopped first) with an owner and an app role of its own, or the external one the settings name.
 * Either way OmniFlow's schema is migrated as the owner and checked for forced row-level security,
 * and {@link #appUrl()} with the app role's credentials is what the application connects with.
 * Closing it stops the embedded server.
 */
public final class ServerDatabase implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ServerDatabase.class);
  private static final String EMBEDDED_DATABASE = "omniflow";

  private final @Nullable EmbeddedPostgres embedded;
  private final String appUrl;
  private final ServerSettings settings;
  private final String appPassword;

  private ServerDatabase(
      @Nullable EmbeddedPostgres embedded,
      String appUrl,
      ServerSettings settings,
      String appPassword) {
    this.embedded = embedded;
    this.appUrl = appUrl;
    this.settings = settings;
    this.appPassword = appPassword;
  }

  /**
   * Starts or connects to the database, then creates roles as needed and migrates.
   *
   * @throws IllegalStateException with a message naming the setting at fault if the database cannot
   *     be reached or prepared
   */
  public static ServerDatabase open(ServerSettings settings) {
    return settings.embedded() ? openEmbedded(settings) : openExternal(settings);
  }

  private static ServerDatabase openEmbedded(ServerSettings settings) {
    Path dir = settings.dataDir().resolve("postgres");
    EmbeddedPostgres pg;
    String password;
    try {
      Files.createDirectories(settings.dataDir());
      password = EmbeddedPassword.loadOrCreate(settings.dataDir());
      OrphanedPostgres.stopIfRunning(dir);
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setDataDirectory(dir)
              .setCleanDataDirectory(false)
              .setRegisterShutdownHook(false)
              // The library starts PostgreSQL as a test database would (-F: fsync off, and
              // synchronous_commit off); these are users' data, kept between runs.
              .setConnectConfig("password", password);
      DURABILITY.forEach(builder::setServerConfig);
      pg = builder.start();
    } catch (IOException | RuntimeException e) {
      throw new DatabaseException(
          "Cannot start the embedded PostgreSQL in "
              + dir
              + " (set "
              + ServerSettings.name(ServerSettings.DATA_DIR)
              + " to another directory, or "
              + ServerSettings.name(ServerSettings.DB_URL)
              + " to use an external database): "
              + rootMessage(e),
          e);
    }
    try {
      DataSource admin = pg.getPostgresDatabase();
      try (Connection c = admin.getConnection();
          Statement s = c.createStatement()) {
        // The password holds only [A-Za-z0-9_-] (EmbeddedPassword), so the literal is safe.
        s.execute("ALTER ROLE postgres PASSWORD '" + password + "'");
        if (!exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", ServerSettings.EMBEDDED_OWNER)) {
          s.execute(
              "CREATE ROLE "
                  + ServerSettings.EMBEDDED_OWNER
                  + " LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD '"
                  + password
                  + "'");
        } else {
          s.execute("ALTER ROLE " + ServerSettings.EMBEDDED_OWNER + " PASSWORD '" + password + "'");
        }
        if (!exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", EMBEDDED_DATABASE)) {
          s.execute(
              "CREATE DATABASE " + EMBEDDED_DATABASE + " OWNER " + ServerSettings.EMBEDDED_OWNER);
        }
        requirePasswords(dir, s);
      }
      String url = "jdbc:postgresql://localhost:" + pg.getPort() + "/" + EMBEDDED_DATABASE;
      OmniFlowSchema.ensureAppRole(
          pg.getDatabase("postgres", EMBEDDED_DATABASE, Map.of("password", password)),
          settings.appUser(),
          password);
      DataSource owner = simple(url, ServerSettings.EMBEDDED_OWNER, password);
      migrate(owner, settings);
      LOG.info(
          "Embedded PostgreSQL on port {} with data in {} (fsync and synchronous_commit on;"
              + " password in {}); the app connects as {}",
          pg.getPort(),
          dir,
          settings.dataDir().resolve(EmbeddedPassword.FILE),
          settings.appUser());
      return new ServerDatabase(pg, url, settings, password);
    } catch (SQLException | IOException | RuntimeException e) {
      closeQuietly(pg);
      throw new DatabaseException(
          "Cannot prepare the embedded PostgreSQL in " + dir + ": " + rootMessage(e), e);
    }
  }

  /**
   * Replaces the {@code trust} rules the library's initdb wrote with password (SCRAM) rules for
   * every connection, local socket included, and reloads the configuration if they changed.
   */
  private static void requirePasswords(Path dir, Statement s) throws IOException, SQLException {
    Path hba = dir.resolve("pg_hba.conf");
    if (!Files.exists(hba) || !Files.readString(hba).equals(PG_HBA)) {
      Files.writeString(hba, PG_HBA);
      s.execute("SELECT pg_reload_conf()");
      LOG.info("The embedded PostgreSQL now requires the password for every connection");
    }
  }

  /** Settings of a real database, over the library's test defaults (fsync off, async commit). */
  static final Map<String, String> DURABILITY =
      Map.of("fsync", "on", "synchronous_commit", "on", "full_page_writes", "on");

  /** Client authentication of the embedded cluster: a password for everyone, from anywhere. */
  static final String PG_HBA =
      """
      # Written by the OmniFlow reference server: every connection needs the password kept in
      # <data-dir>/postgres-password. TYPE DATABASE USER ADDRESS METHOD
      local   all all              scram-sha-256
      host    all all 127.0.0.1/32 scram-sha-256
      host    all all ::1/128      scram-sha-256
      """;

  private static ServerDatabase openExternal(ServerSettings settings) {
    String url = settings.dbUrl();
    DataSource owner = simple(url, settings.dbUser(), settings.dbPassword());
    try (Connection c = owner.getConnection()) {
      c.isValid(5);
    } catch (SQLException e) {
      throw new DatabaseException(
          "Cannot connect to "
              + ServerSettings.name(ServerSettings.DB_URL)
              + " "
              + ServerSettings.redactUrl(url)
              + " as "
              + ServerSettings.name(ServerSettings.DB_USER)
              + " '"
              + settings.dbUser()
              + "': "
              + rootMessage(e),
          e);
    }
    if (!settings.appUserGiven()) {
      try {
        OmniFlowSchema.ensureAppRole(owner, settings.appUser(), settings.appPassword());
      } catch (RuntimeException e) {
        LOG.warn(
            "Could not create or update the app role {} as {} ({}); assuming it exists",
            settings.appUser(),
            settings.dbUser(),
            rootMessage(e));
      }
    }
    try {
      migrate(owner, settings);
    } catch (RuntimeException e) {
      throw new DatabaseException(
          "Cannot migrate schema "
              + settings.schema()
              + " as "
              + settings.dbUser()
              + ": "
              + rootMessage(e),
          e);
    }
    return new ServerDatabase(null, url, settings, settings.appPassword());
  }

  private static void migrate(DataSource owner, ServerSettings settings) {
    OmniFlowSchema.migrate(owner, settings.schema(), settings.appUser());
    OmniFlowSchema.verify(owner, settings.schema(), settings.appUser());
  }

  /** The JDBC URL the application connects to, as {@link #appUser()}. */
  public String appUrl() {
    return appUrl;
  }

  public String appUser() {
    return settings.appUser();
  }

  /** The app role's password: the configured one, or the embedded cluster's generated one. */
  public String appPassword() {
    return appPassword;
  }

  public boolean isEmbedded() {
    return embedded != null;
  }

  @Override
  public void close() {
    if (embedded != null) {
      LOG.info("Stopping the embedded PostgreSQL");
      closeQuietly(embedded);
    }
  }

  private static DataSource simple(String url, @Nullable String user, String password) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(url);
    ds.setUser(user);
    ds.setPassword(password);
    ds.setConnectTimeout(10);
    return ds;
  }

  private static boolean exists(Connection c, String sql, String value) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, value);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static void closeQuietly(EmbeddedPostgres pg) {
    try {
      pg.close();
    } catch (IOException | RuntimeException e) {
      LOG.warn("Stopping the embedded PostgreSQL failed: {}", e.toString());
    }
  }

  /** The database cannot be started, reached or prepared; the message says which and why. */
  public static final class DatabaseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DatabaseException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t.getMessage() + ")";
  }
}
