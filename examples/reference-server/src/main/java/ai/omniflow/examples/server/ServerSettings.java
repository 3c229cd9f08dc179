package ai.omniflow.examples.server;

import ai.omniflow.connectors.ConnectorMode;
import ai.omniflow.vault.tink.Keyset;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The reference server's settings, ready to use: {@link ServerProperties} (bound from Spring's
 * {@link Environment}, so each is a property, an environment variable or a command-line {@code
 * --name=value}) checked all at once and read into paths, URIs, a keyset and the defaults that
 * depend on whether the database is embedded. {@link #from} reports every problem it finds, naming
 * each setting, rather than the first. docs/configuration.md lists them.
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
 * @param demoEnabled whether the dev org gets the demo data at start-up ({@code --demo})
 * @param connectorMode {@code CONNECTOR_MODE}: which connectors are available
 * @param tokenKeyset {@code TOKEN_ENCRYPTION_KEY} parsed, or {@code null} for the dev keyset under
 *     the data directory (embedded database only)
 * @param oauthRedirectUri {@code OAUTH_REDIRECT_URI}: the exact redirect URI registered with every
 *     provider, a template in which {@code {provider}} stands for the provider id
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
    boolean demoEnabled,
    ConnectorMode connectorMode,
    @Nullable Keyset tokenKeyset,
    String oauthRedirectUri,
    List<String> warnings) {

  /** The embedded database's owner role. */
  public static final String EMBEDDED_OWNER = "omniflow_owner";

  static final String DB_URL = "omniflow.db.url";
  static final String DB_USER = "omniflow.db.user";
  static final String DATA_DIR = "omniflow.data-dir";
  static final String DEV_AUTH = "omniflow.dev-auth.enabled";
  static final String TOKEN_ENCRYPTION_KEY = "TOKEN_ENCRYPTION_KEY";

  /**
   * The redirect URI template of the embedded default: {@code {provider}} becomes each connector's
   * provider id, so the platforms send the browser to {@link OAuthCallbackPage}.
   */
  public static final String DEFAULT_OAUTH_REDIRECT_URI =
      "http://localhost:8080/oauth/{provider}/callback";

  static final Pattern JDBC_URL =
      Pattern.compile("jdbc:postgresql://([^/:?#\\s]+)(?::([^/?#\\s]*))?/([^/?#\\s]+)(\\?\\S*)?");

  /** The app role of the embedded database, and of an external one that names none. */
  static final String DEFAULT_APP_USER = "omniflow_app";

  /** One validator for every check; its messages are literal, so no expression language. */
  private static final Validator VALIDATOR =
      Validation.byDefaultProvider()
          .configure()
          .messageInterpolator(new ParameterMessageInterpolator())
          .buildValidatorFactory()
          .getValidator();

  public ServerSettings {
    warnings = List.copyOf(warnings);
  }

  /** Whether the server runs its own embedded PostgreSQL. */
  public boolean embedded() {
    return dbUrl == null;
  }

  /**
   * Binds {@link ServerProperties} from {@code env} and reads them as {@link #of} does.
   *
   * @throws InvalidSettingsException listing every problem found
   */
  public static ServerSettings from(Environment env) {
    return of(Binder.get(env).bindOrCreate("omniflow", Bindable.of(ServerProperties.class)));
  }

  /**
   * Checks every constraint of {@code p} at once (the whole record, its parts included) and reads
   * the settings the server uses.
   *
   * @throws InvalidSettingsException listing every problem found, sorted by their messages
   */
  public static ServerSettings of(ServerProperties p) {
    List<String> problems = new ArrayList<>();
    for (ConstraintViolation<ServerProperties> v : VALIDATOR.validate(p)) {
      problems.add(v.getMessage());
    }
    if (!problems.isEmpty()) {
      Collections.sort(problems);
      throw new InvalidSettingsException(problems);
    }
    boolean embedded = p.embedded();
    Boolean devAuth = bool(p.devAuth().enabled());
    Boolean seed = bool(p.seed().enabled());
    List<String> warnings = new ArrayList<>();
    if (!embedded && Boolean.TRUE.equals(devAuth)) {
      warnings.add(
          name(DEV_AUTH)
              + " is true with an external database: anyone who can reach the server can act as"
              + " any member by sending X-Omniflow-* headers.");
    }
    String appUser = p.appUser();
    URI redirect = p.server().redirectUri();
    String redirectTemplate = blankToNull(p.server().oauthRedirectUri());
    Path dataDir = p.dataDirPath();
    return new ServerSettings(
        p.url(),
        p.user(),
        orEmpty(p.db().password()),
        appUser == null ? DEFAULT_APP_USER : appUser,
        appUser != null,
        embedded ? "" : orEmpty(p.db().appPassword()),
        p.schema(),
        (dataDir == null ? Path.of("data") : dataDir).toAbsolutePath().normalize(),
        devAuth == null ? embedded : devAuth,
        seed == null ? embedded : seed,
        Boolean.TRUE.equals(bool(p.server().demo())),
        p.server().mode(),
        p.server().keyset(),
        redirect == null || redirectTemplate == null
            ? DEFAULT_OAUTH_REDIRECT_URI
            : redirectTemplate.strip(),
        warnings);
  }

  /** The property with its environment variable, e.g. {@code omniflow.db.url (OMNIFLOW_DB_URL)}. */
  static String name(String property) {
    return property
        + " ("
        + property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_')
        + ")";
  }

  /** {@code s} stripped, or {@code null} when it is {@code null} or blank. */
  static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  /** {@code true} or {@code false} as validated, or {@code null} when unset. */
  private static @Nullable Boolean bool(@Nullable String value) {
    String v = blankToNull(value);
    return v == null ? null : Boolean.valueOf(v.toLowerCase(Locale.ROOT).equals("true"));
  }

  static boolean validPort(String text, int min) {
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
        + ", demoEnabled="
        + demoEnabled
        + ", connectorMode="
        + connectorMode.wireName()
        + ", tokenKeyset="
        + (tokenKeyset == null ? "dev" : "set")
        + ", oauthRedirectUri="
        + oauthRedirectUri
        + "]";
  }
}
