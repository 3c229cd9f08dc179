package ai.omniflow.examples.server;

import ai.omniflow.OmniFlowException;
import ai.omniflow.connectors.ConnectorMode;
import ai.omniflow.vault.tink.Keyset;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;

/**
 * The reference server's settings, read from Spring's {@link Environment} (so each is a property,
 * an environment variable or a command-line {@code --name=value}) and validated all at once: {@link
 * #from} reports every problem it finds, naming each setting, rather than the first. docs/
 * configuration.md lists them.
 *
 * @param dbUrl the external database's JDBC URL, or {@code null} for the embedded PostgreSQL
 * @param dbUser the owner role that runs migrations (external database only)
 * @param dbPassword the owner's password
 * @param appUser the restricted role the application connects as
 * @param appUserGiven whether the app role was named explicitly
 * @param appPassword its password; empty for the embedded database, whose generated password {@link
 *     ServerDatabase#appPassword()} gives
 * @param schema the schema holding OmniFlow's tables
 * @param dataDir where the embedded PostgreSQL keeps its data ({@code <dataDir>/postgres})
 * @param devAuthEnabled whether the X-Omniflow-* development headers are honoured
 * @param seedEnabled whether the dev org is seeded at start-up
 * @param connectorMode {@code CONNECTOR_MODE}: which connectors are available
 * @param tokenKeyset {@code TOKEN_ENCRYPTION_KEY} parsed, or {@code null} for the dev keyset under
 *     the data directory (embedded database only)
 * @param oauthRedirectUri {@code OAUTH_REDIRECT_URI}: the exact redirect URI registered with every
 *     provider
 * @param warnings things that are allowed but worth saying
 */
public record ServerSettings(
    @Nullable String dbUrl,
    @Nullable String dbUser,
    String dbPassword,
    String appUser,
    boolean appUserGiven,
    String appPassword,
    String schema,
    Path dataDir,
    boolean devAuthEnabled,
    boolean seedEnabled,
    ConnectorMode connectorMode,
    @Nullable Keyset tokenKeyset,
    URI oauthRedirectUri,
    List<String> warnings) {

  /** The embedded database's owner role. */
  public static final String EMBEDDED_OWNER = "omniflow_owner";

  static final String DB_URL = "omniflow.db.url";
  static final String DB_USER = "omniflow.db.user";
  static final String DB_PASSWORD = "omniflow.db.password";
  static final String DB_APP_USER = "omniflow.db.app-user";
  static final String DB_APP_PASSWORD = "omniflow.db.app-password";
  static final String DB_SCHEMA = "omniflow.db.schema";
  static final String DATA_DIR = "omniflow.data-dir";
  static final String DEV_AUTH = "omniflow.dev-auth.enabled";
  static final String SEED = "omniflow.seed.enabled";
  static final String SERVER_PORT = "server.port";
  static final String CONNECTOR_MODE = "CONNECTOR_MODE";
  static final String TOKEN_ENCRYPTION_KEY = "TOKEN_ENCRYPTION_KEY";
  static final String OAUTH_REDIRECT_URI = "OAUTH_REDIRECT_URI";

  /** The redirect URI of the embedded default. */
  public static final URI DEFAULT_OAUTH_REDIRECT_URI =
      URI.create("http://localhost:8080/oauth/callback");

  private static final Pattern JDBC_URL =
      Pattern.compile("jdbc:postgresql://([^/:?#\\s]+)(?::([^/?#\\s]*))?/([^/?#\\s]+)(\\?\\S*)?");
  private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  private static final Pattern ROLE = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  public ServerSettings {
    warnings = List.copyOf(warnings);
  }

  /** Whether the server runs its own embedded PostgreSQL. */
  public boolean embedded() {
    return dbUrl == null;
  }

  /**
   * Reads and validates every setting.
   *
   * @throws InvalidSettingsException listing every problem found
   */
  public static ServerSettings from(Environment env) {
    List<String> problems = new ArrayList<>();
    List<String> warnings = new ArrayList<>();

    String url = text(env, DB_URL);
    if (url != null) {
      Matcher m = JDBC_URL.matcher(url);
      if (!m.matches()) {
        problems.add(
            name(DB_URL)
                + " must look like jdbc:postgresql://host:5432/database, was '"
                + redactUrl(url)
                + "'.");
      } else if (m.group(2) != null && !validPort(m.group(2), 1)) {
        problems.add(name(DB_URL) + " has the port '" + m.group(2) + "'; a port is 1 to 65535.");
      }
    }
    String user = text(env, DB_USER);
    String password = orEmpty(env.getProperty(DB_PASSWORD));
    String appUser = text(env, DB_APP_USER);
    String appPassword = env.getProperty(DB_APP_PASSWORD);
    if (url == null) {
      if (user != null) {
        problems.add(name(DB_USER) + " is set but " + name(DB_URL) + " is not; set both.");
      }
      if (appUser != null) {
        problems.add(name(DB_APP_USER) + " is set but " + name(DB_URL) + " is not; set both.");
      }
    } else {
      if (user == null) {
        problems.add(name(DB_USER) + " must name the owner role that runs migrations.");
      }
      if (appPassword == null || appPassword.isEmpty()) {
        problems.add(
            name(DB_APP_PASSWORD)
                + " must be set with "
                + name(DB_URL)
                + ": it is the password of the role the application connects as.");
      }
    }
    if (appUser != null && !ROLE.matcher(appUser).matches()) {
      problems.add(
          name(DB_APP_USER)
              + " must be a lower-case role name (letters, digits and _, at most 63), was '"
              + appUser
              + "'.");
    }
    String effectiveAppUser = appUser == null ? "omniflow_app" : appUser;
    if (url != null && user != null && user.equals(effectiveAppUser)) {
      problems.add(
          name(DB_APP_USER)
              + " must differ from "
              + name(DB_USER)
              + ": row-level security needs a role that does not own the tables.");
    }

    String schema = orDefault(text(env, DB_SCHEMA), "omniflow");
    if (!SCHEMA.matcher(schema).matches()) {
      problems.add(
          name(DB_SCHEMA)
              + " must be lower-case letters, digits and _ (at most 63), was '"
              + schema
              + "'.");
    }

    String storeSchema = text(env, "omniflow.jdbc.schema");
    if (storeSchema != null && !storeSchema.equals(schema)) {
      problems.add(
          name("omniflow.jdbc.schema")
              + " is '"
              + storeSchema
              + "' but "
              + name(DB_SCHEMA)
              + " is '"
              + schema
              + "': the server migrates one schema and reads it; set "
              + name(DB_SCHEMA)
              + " only.");
    }

    Path dataDir = Path.of("data");
    String dataDirText = text(env, DATA_DIR);
    try {
      dataDir = Path.of(orDefault(dataDirText, "data"));
      if (url == null && Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
        problems.add(name(DATA_DIR) + " must be a directory, was the file '" + dataDir + "'.");
      }
    } catch (InvalidPathException e) {
      problems.add(name(DATA_DIR) + " is not a valid path: " + e.getMessage());
    }

    String port = text(env, SERVER_PORT);
    if (port != null && !validPort(port, 0)) {
      problems.add(name(SERVER_PORT) + " must be a number from 0 to 65535, was '" + port + "'.");
    }

    boolean embedded = url == null;
    Boolean devAuth = bool(env, DEV_AUTH, problems);
    Boolean seed = bool(env, SEED, problems);
    if (!embedded && Boolean.TRUE.equals(devAuth)) {
      warnings.add(
          name(DEV_AUTH)
              + " is true with an external database: anyone who can reach the server can act as"
              + " any member by sending X-Omniflow-* headers.");
    }

    ConnectorMode mode = ConnectorMode.MOCK;
    String modeText = text(env, CONNECTOR_MODE);
    if (modeText != null) {
      try {
        mode = ConnectorMode.parse(modeText);
      } catch (OmniFlowException e) {
        problems.add(CONNECTOR_MODE + " must be mock or live, was '" + modeText + "'.");
      }
    }
    Keyset keyset = null;
    String key = text(env, TOKEN_ENCRYPTION_KEY);
    if (key != null) {
      try {
        keyset = Keyset.parseJson(key);
      } catch (IllegalArgumentException e) {
        // Keyset's message never repeats the text; neither does this one.
        problems.add(
            TOKEN_ENCRYPTION_KEY
                + " must be a Tink JSON keyset of AES-256-GCM keys with an enabled primary; it is"
                + " "
                + e.getMessage()
                + ".");
      }
    } else if (!embedded) {
      problems.add(
          TOKEN_ENCRYPTION_KEY
              + " must be set with an external database: it is the Tink JSON keyset that encrypts"
              + " connector tokens (docs/connectors.md shows how to make one).");
    }
    URI redirect = DEFAULT_OAUTH_REDIRECT_URI;
    String redirectText = text(env, OAUTH_REDIRECT_URI);
    if (redirectText != null) {
      URI parsed = httpUri(redirectText);
      if (parsed == null) {
        problems.add(
            OAUTH_REDIRECT_URI
                + " must be an absolute http or https URI, e.g."
                + " https://app.example.com/oauth/callback, was '"
                + redirectText
                + "'.");
      } else {
        redirect = parsed;
      }
    } else if (!embedded) {
      problems.add(
          OAUTH_REDIRECT_URI
              + " must be set with an external database: the exact OAuth redirect URI registered"
              + " with each provider.");
    }

    if (!problems.isEmpty()) {
      throw new InvalidSettingsException(problems);
    }
    return new ServerSettings(
        url,
        user,
        password,
        effectiveAppUser,
        appUser != null,
        embedded ? "" : orEmpty(appPassword),
        schema,
        dataDir.toAbsolutePath().normalize(),
        devAuth == null ? embedded : devAuth,
        seed == null ? embedded : seed,
        mode,
        keyset,
        redirect,
        warnings);
  }

  private static @Nullable URI httpUri(String text) {
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme();
      if (uri.isAbsolute()
          && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
          && uri.getHost() != null
          && uri.getFragment() == null) {
        return uri;
      }
      return null;
    } catch (URISyntaxException e) {
      return null;
    }
  }

  /** The property with its environment variable, e.g. {@code omniflow.db.url (OMNIFLOW_DB_URL)}. */
  static String name(String property) {
    return property
        + " ("
        + property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_')
        + ")";
  }

  private static @Nullable String text(Environment env, String property) {
    String value = env.getProperty(property);
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static @Nullable Boolean bool(Environment env, String property, List<String> problems) {
    String value = text(env, property);
    if (value == null) {
      return null;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> {
        problems.add(name(property) + " must be true or false, was '" + value + "'.");
        yield null;
      }
    };
  }

  private static boolean validPort(String text, int min) {
    try {
      int port = Integer.parseInt(text.strip());
      return port >= min && port <= 65535;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** The URL without its query, which may hold a password. */
  static String redactUrl(String url) {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q) + "?…";
  }

  private static String orEmpty(@Nullable String s) {
    return s == null ? "" : s;
  }

  private static String orDefault(@Nullable String s, String fallback) {
    return s == null ? fallback : s;
  }

  @Override
  public String toString() {
    return "ServerSettings[dbUrl="
        + (dbUrl == null ? "embedded" : redactUrl(dbUrl))
        + ", dbUser="
        + dbUser
        + ", appUser="
        + appUser
        + ", schema="
        + schema
        + ", dataDir="
        + dataDir
        + ", devAuthEnabled="
        + devAuthEnabled
        + ", seedEnabled="
        + seedEnabled
        + ", connectorMode="
        + connectorMode.wireName()
        + ", tokenKeyset="
        + (tokenKeyset == null ? "dev" : "set")
        + ", oauthRedirectUri="
        + oauthRedirectUri
        + "]";
  }
}
