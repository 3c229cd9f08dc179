package ai.omniflow.examples.server;

import ai.omniflow.connectors.ConnectorMode;
import ai.omniflow.vault.tink.Keyset;
import ai.omniflow.webhooks.WebhookSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The reference server's settings as they are written, bound from {@code omniflow.*} with Spring's
 * relaxed binding (so {@code omniflow.db.url} is also {@code OMNIFLOW_DB_URL} and {@code
 * --omniflow.db.url=…}) and checked all at once with Bean Validation. The original product's names
 * ({@code CONNECTOR_MODE}, {@code TOKEN_ENCRYPTION_KEY}, {@code OAUTH_REDIRECT_URI}) and Spring's
 * {@code server.port} reach {@code omniflow.server.*} through placeholders in {@code
 * application.properties}. Every message names the property and its environment variable, never the
 * value (which may hold a password or a key). {@link ServerSettings#of} turns a valid instance into
 * what the server uses; docs/configuration.md lists every property.
 *
 * <p>Values stay text until they are checked, so that a {@code maybe} where {@code true} belongs is
 * reported with every other problem rather than stop binding at the first.
 *
 * @param db the database: {@code omniflow.db.*}
 * @param dataDir {@code omniflow.data-dir}: where the embedded PostgreSQL keeps its data
 * @param devAuth {@code omniflow.dev-auth.*}
 * @param seed {@code omniflow.seed.*}
 * @param server {@code omniflow.server.*}: the port and the connector settings
 * @param jdbc the starter's {@code omniflow.jdbc.schema}, which must be the migrated schema
 * @param sla {@code omniflow.sla.*}: the SLA scheduler
 * @param webhooks {@code omniflow.webhooks.*}: the worker that processes stored webhook deliveries
 */
@ConfigurationProperties("omniflow")
@Validated
public record ServerProperties(
    @DefaultValue @Valid Db db,
    @Nullable String dataDir,
    @DefaultValue @Valid Switch devAuth,
    @DefaultValue @Valid Switch seed,
    @DefaultValue @Valid Server server,
    @DefaultValue Jdbc jdbc,
    @DefaultValue @Valid Sla sla,
    @DefaultValue @Valid Webhooks webhooks) {

  static final String BOOLEAN = "(?i)\\s*(true|false)?\\s*";
  static final String ROLE = "\\s*([a-z_][a-z0-9_]{0,62})?\\s*";
  static final String PORT = "\\s*(\\d{1,5})?\\s*";

  /**
   * {@code omniflow.db.*}.
   *
   * @param url the external database's JDBC URL; unset for the embedded PostgreSQL
   * @param user the owner role that runs migrations (external database only)
   * @param password the owner's password
   * @param appUser the restricted role the application connects as
   * @param appPassword its password (external database only)
   * @param schema the schema holding OmniFlow's tables
   */
  public record Db(
      @Nullable String url,
      @Nullable String user,
      @Nullable String password,
      @Pattern(
              regexp = ROLE,
              message =
                  "omniflow.db.app-user (OMNIFLOW_DB_APP_USER) must be a lower-case role name"
                      + " (letters, digits and _, at most 63).")
          @Nullable String appUser,
      @Nullable String appPassword,
      @Pattern(
              regexp = ROLE,
              message =
                  "omniflow.db.schema (OMNIFLOW_DB_SCHEMA) must be lower-case letters, digits and _"
                      + " (at most 63).")
          @Nullable String schema) {

    @Override
    public String toString() {
      return "Db[url="
          + (url == null ? null : ServerSettings.redactUrl(url))
          + ", user="
          + user
          + ", appUser="
          + appUser
          + ", schema="
          + schema
          + "]";
    }
  }

  /**
   * A switch left unset takes its default (on with the embedded database, off with an external
   * one).
   *
   * @param enabled {@code true}, {@code false} or unset
   */
  public record Switch(@Nullable String enabled) {}

  /**
   * {@code omniflow.server.*}; the first four are set from the names in parentheses by {@code
   * application.properties}.
   *
   * @param port {@code server.port} ({@code SERVER_PORT})
   * @param connectorMode {@code CONNECTOR_MODE}: {@code mock} or {@code live}
   * @param tokenEncryptionKey {@code TOKEN_ENCRYPTION_KEY}: a Tink JSON keyset; secret
   * @param oauthRedirectUri {@code OAUTH_REDIRECT_URI}
   * @param maxRequestBody {@code omniflow.server.max-request-body} ({@code
   *     OMNIFLOW_SERVER_MAX_REQUEST_BODY}): the largest request body, a size such as {@code 1MB} or
   *     {@code 256KB}; 1 MB when unset
   * @param maxAttributionUpload {@code omniflow.server.max-attribution-upload} ({@code
   *     OMNIFLOW_SERVER_MAX_ATTRIBUTION_UPLOAD}): the largest path CSV {@code POST
   *     /attribution/compute} reads, streamed rather than held; 200 MB when unset
   * @param demo {@code omniflow.server.demo} ({@code --demo}): whether to seed the dev org with a
   *     month of a real-estate brokerage at start-up ({@link DemoSeed}); false when unset
   */
  public record Server(
      @Pattern(
              regexp = PORT,
              message = "server.port (SERVER_PORT) must be a number from 0 to 65535.")
          @Nullable String port,
      @Pattern(
              regexp = "(?i)\\s*(mock|live)?\\s*",
              message = "CONNECTOR_MODE must be mock or live.")
          @Nullable String connectorMode,
      @Nullable String tokenEncryptionKey,
      @Nullable String oauthRedirectUri,
      @Nullable String maxRequestBody,
      @Nullable String maxAttributionUpload,
      @Pattern(regexp = BOOLEAN, message = "omniflow.server.demo (--demo) must be true or false.")
          @Nullable String demo) {

    /** The request body limit when none is set. */
    static final DataSize DEFAULT_MAX_REQUEST_BODY = DataSize.ofMegabytes(1);

    /** The upload limit of {@code POST /attribution/compute} when none is set. */
    static final DataSize DEFAULT_MAX_ATTRIBUTION_UPLOAD = DataSize.ofMegabytes(200);

    /** The largest upload limit that may be set: 16 GB. */
    static final DataSize MAX_ATTRIBUTION_UPLOAD = DataSize.ofGigabytes(16);

    @AssertTrue(
        message =
            "omniflow.server.max-attribution-upload (OMNIFLOW_SERVER_MAX_ATTRIBUTION_UPLOAD) must"
                + " be a size from 1B to 16GB, such as 200MB.")
    boolean isMaxAttributionUploadASize() {
      return ServerSettings.blankToNull(maxAttributionUpload) == null
          || maxAttributionUploadSize() != null;
    }

    /** The upload limit of {@code POST /attribution/compute} in bytes: the setting, else 200 MB. */
    long maxAttributionUploadBytes() {
      DataSize size = maxAttributionUploadSize();
      return (size == null ? DEFAULT_MAX_ATTRIBUTION_UPLOAD : size).toBytes();
    }

    private @Nullable DataSize maxAttributionUploadSize() {
      String text = ServerSettings.blankToNull(maxAttributionUpload);
      if (text == null) {
        return null;
      }
      try {
        DataSize size = DataSize.parse(text.strip());
        return size.toBytes() >= 1 && size.toBytes() <= MAX_ATTRIBUTION_UPLOAD.toBytes()
            ? size
            : null;
      } catch (IllegalArgumentException e) {
        return null;
      }
    }

    @AssertTrue(
        message =
            "omniflow.server.max-request-body (OMNIFLOW_SERVER_MAX_REQUEST_BODY) must be a size"
                + " from 1B to 2GB, such as 1MB or 256KB.")
    boolean isMaxRequestBodyASize() {
      return ServerSettings.blankToNull(maxRequestBody) == null || maxRequestBodySize() != null;
    }

    /** The request body limit in bytes: the setting, else 1 MB. */
    long maxRequestBodyBytes() {
      DataSize size = maxRequestBodySize();
      return (size == null ? DEFAULT_MAX_REQUEST_BODY : size).toBytes();
    }

    private @Nullable DataSize maxRequestBodySize() {
      String text = ServerSettings.blankToNull(maxRequestBody);
      if (text == null) {
        return null;
      }
      try {
        DataSize size = DataSize.parse(text.strip());
        return size.toBytes() >= 1 && size.toBytes() <= Integer.MAX_VALUE - 8 ? size : null;
      } catch (IllegalArgumentException e) {
        return null;
      }
    }

    @AssertTrue(message = "server.port (SERVER_PORT) must be a number from 0 to 65535.")
    boolean isPortInRange() {
      String p = ServerSettings.blankToNull(port);
      return p == null || !p.matches("\\d{1,5}") || Integer.parseInt(p) <= 65535;
    }

    @AssertTrue(
        message =
            "TOKEN_ENCRYPTION_KEY must be a Tink JSON keyset of AES-256-GCM keys with an enabled"
                + " primary (docs/connectors.md shows how to make one).")
    boolean isTokenEncryptionKeyReadable() {
      return keyset() != null || ServerSettings.blankToNull(tokenEncryptionKey) == null;
    }

    @AssertTrue(
        message =
            "OAUTH_REDIRECT_URI must be an absolute http or https URI with a host and no fragment,"
                + " where {provider} stands for the provider id, e.g."
                + " https://app.example.com/oauth/{provider}/callback.")
    boolean isOauthRedirectUriAbsolute() {
      return ServerSettings.blankToNull(oauthRedirectUri) == null || redirectUri() != null;
    }

    /** The parsed mode; {@link ConnectorMode#MOCK} when unset. */
    ConnectorMode mode() {
      String m = ServerSettings.blankToNull(connectorMode);
      return m == null ? ConnectorMode.MOCK : ConnectorMode.parse(m);
    }

    /** The parsed keyset, or {@code null} when unset or unreadable. */
    @Nullable Keyset keyset() {
      String key = ServerSettings.blankToNull(tokenEncryptionKey);
      if (key == null) {
        return null;
      }
      try {
        return Keyset.parseJson(key);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }

    /**
     * The redirect URI with {@code {provider}} expanded to {@code provider}, or {@code null} when
     * unset or not an absolute http(s) URI.
     */
    @Nullable URI redirectUri() {
      String text = ServerSettings.blankToNull(oauthRedirectUri);
      if (text == null) {
        return null;
      }
      try {
        URI uri = new URI(text.strip().replace("{provider}", "provider"));
        String scheme = uri.getScheme();
        boolean http = "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
        return uri.isAbsolute() && http && uri.getHost() != null && uri.getFragment() == null
            ? uri
            : null;
      } catch (URISyntaxException e) {
        return null;
      }
    }

    @Override
    public String toString() {
      return "Server[port="
          + port
          + ", connectorMode="
          + connectorMode
          + ", tokenEncryptionKey="
          + (tokenEncryptionKey == null ? null : "(set)")
          + ", oauthRedirectUri="
          + oauthRedirectUri
          + ", maxRequestBody="
          + maxRequestBody
          + ", maxAttributionUpload="
          + maxAttributionUpload
          + "]";
    }
  }

  /**
   * The starter's {@code omniflow.jdbc.*}, read only to check its schema.
   *
   * @param schema {@code omniflow.jdbc.schema}
   */
  public record Jdbc(@Nullable String schema) {}

  /**
   * {@code omniflow.sla.*}: the db-scheduler that runs SLA warnings, breaches and escalation steps
   * (docs/sla.md).
   *
   * @param schedulerEnabled whether this node runs SLA steps and nurture steps; {@code true} when
   *     unset
   * @param schedulerThreads how many steps run at once on this node, 1–64; 4 when unset
   * @param schedulerPollingInterval how often the node looks for due steps, such as {@code 500ms},
   *     {@code 1s} or {@code PT2S}, from 100 ms to 1 minute; 1 s when unset
   */
  public record Sla(
      @Nullable String schedulerEnabled,
      @Nullable String schedulerThreads,
      @Nullable String schedulerPollingInterval) {
    private static final java.util.regex.Pattern SHORT_DURATION =
        java.util.regex.Pattern.compile("\\s*(\\d{1,9})\\s*(ms|s|m)\\s*");

    @AssertTrue(
        message =
            "omniflow.sla.scheduler-enabled (OMNIFLOW_SLA_SCHEDULER_ENABLED) must be true or"
                + " false.")
    boolean isSchedulerEnabledABoolean() {
      return schedulerEnabled == null || schedulerEnabled.matches(BOOLEAN);
    }

    @AssertTrue(
        message =
            "omniflow.sla.scheduler-threads (OMNIFLOW_SLA_SCHEDULER_THREADS) must be a number from"
                + " 1 to 64.")
    boolean isSchedulerThreadsInRange() {
      String text = ServerSettings.blankToNull(schedulerThreads);
      return text == null
          || (text.strip().matches("\\d{1,2}") && threads() >= 1 && threads() <= 64);
    }

    @AssertTrue(
        message =
            "omniflow.sla.scheduler-polling-interval (OMNIFLOW_SLA_SCHEDULER_POLLING_INTERVAL)"
                + " must be a duration from 100ms to 1m, such as 1s.")
    boolean isSchedulerPollingIntervalInRange() {
      java.time.Duration d = parsedPollingInterval();
      return ServerSettings.blankToNull(schedulerPollingInterval) == null
          || (d != null
              && d.compareTo(java.time.Duration.ofMillis(100)) >= 0
              && d.compareTo(java.time.Duration.ofMinutes(1)) <= 0);
    }

    /** Whether this node runs SLA steps. */
    boolean enabled() {
      String text = ServerSettings.blankToNull(schedulerEnabled);
      return text == null || Boolean.parseBoolean(text.strip());
    }

    int threads() {
      String text = ServerSettings.blankToNull(schedulerThreads);
      return text == null || !text.strip().matches("\\d{1,2}") ? 4 : Integer.parseInt(text.strip());
    }

    java.time.Duration pollingInterval() {
      java.time.Duration d = parsedPollingInterval();
      return d == null ? java.time.Duration.ofSeconds(1) : d;
    }

    private java.time.@Nullable Duration parsedPollingInterval() {
      String text = ServerSettings.blankToNull(schedulerPollingInterval);
      if (text == null || text.length() > 40) {
        return null;
      }
      Matcher m = SHORT_DURATION.matcher(text);
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
          case "ms" -> java.time.Duration.ofMillis(n);
          case "s" -> java.time.Duration.ofSeconds(n);
          default -> java.time.Duration.ofMinutes(n);
        };
      }
      try {
        return java.time.Duration.parse(text.strip());
      } catch (java.time.format.DateTimeParseException e) {
        return null;
      }
    }
  }

  /**
   * {@code omniflow.webhooks.*}: the worker that processes stored webhook deliveries after the
   * commit (docs/reference-server.md, decision 0044). Each is optional; unset means the default of
   * {@link WebhookSettings#defaults()}.
   *
   * @param workerEnabled whether this node runs a worker ({@code true} when unset); every node may
   * @param pollInterval how long the worker waits when nothing is due, 10ms to 1m (1s)
   * @param batchSize deliveries per claim, 1 to 1000 (50)
   * @param lease how long a claim holds its deliveries, 1s to 1h (2m)
   * @param maxAttempts attempts before a delivery is parked failed, 1 to 100 (8)
   * @param firstBackoff the wait after the first failure, doubled after each, 0 to 1h (5s)
   * @param maxBackoff the longest wait, from first-backoff to 1d (30m)
   */
  public record Webhooks(
      @Nullable String workerEnabled,
      java.time.@Nullable Duration pollInterval,
      @Nullable Integer batchSize,
      java.time.@Nullable Duration lease,
      @Nullable Integer maxAttempts,
      java.time.@Nullable Duration firstBackoff,
      java.time.@Nullable Duration maxBackoff) {

    @AssertTrue(
        message =
            "omniflow.webhooks.worker-enabled (OMNIFLOW_WEBHOOKS_WORKER_ENABLED) must be true or"
                + " false.")
    boolean isWorkerEnabledABoolean() {
      return workerEnabled == null || workerEnabled.strip().matches(BOOLEAN);
    }

    @AssertTrue(message = "omniflow.webhooks.poll-interval must be from 10ms to 1m.")
    boolean isPollIntervalInRange() {
      return pollInterval == null
          || (pollInterval.compareTo(java.time.Duration.ofMillis(10)) >= 0
              && pollInterval.compareTo(java.time.Duration.ofMinutes(1)) <= 0);
    }

    @AssertTrue(
        message =
            "omniflow.webhooks.* must hold batch-size 1 to 1000, lease 1s to 1h, max-attempts 1"
                + " to 100, first-backoff 0 to 1h and max-backoff from first-backoff to 1d.")
    boolean isWorkerSettingsValid() {
      try {
        settings();
        return true;
      } catch (IllegalArgumentException e) {
        return false;
      }
    }

    /** Whether this node runs a worker. */
    boolean worker() {
      return workerEnabled == null || Boolean.parseBoolean(workerEnabled.strip());
    }

    /** How long the worker waits when nothing is due. */
    java.time.Duration poll() {
      return pollInterval == null ? java.time.Duration.ofSeconds(1) : pollInterval;
    }

    /** The worker's settings, the defaults filled in. */
    WebhookSettings settings() {
      WebhookSettings d = WebhookSettings.defaults();
      return new WebhookSettings(
          batchSize == null ? d.batchSize() : batchSize,
          lease == null ? d.lease() : lease,
          maxAttempts == null ? d.maxAttempts() : maxAttempts,
          firstBackoff == null ? d.firstBackoff() : firstBackoff,
          maxBackoff == null ? d.maxBackoff() : maxBackoff);
    }
  }

  @AssertTrue(
      message = "omniflow.dev-auth.enabled (OMNIFLOW_DEV_AUTH_ENABLED) must be true or false.")
  boolean isDevAuthEnabledABoolean() {
    return devAuth.enabled() == null || devAuth.enabled().matches(BOOLEAN);
  }

  @AssertTrue(message = "omniflow.seed.enabled (OMNIFLOW_SEED_ENABLED) must be true or false.")
  boolean isSeedEnabledABoolean() {
    return seed.enabled() == null || seed.enabled().matches(BOOLEAN);
  }

  /** Whether no external database is named, so the server embeds its own. */
  boolean embedded() {
    return url() == null;
  }

  @Nullable String url() {
    return ServerSettings.blankToNull(db.url());
  }

  @Nullable String user() {
    return ServerSettings.blankToNull(db.user());
  }

  @Nullable String appUser() {
    return ServerSettings.blankToNull(db.appUser());
  }

  String schema() {
    String s = ServerSettings.blankToNull(db.schema());
    return s == null ? "omniflow" : s;
  }

  @AssertTrue(
      message =
          "omniflow.db.url (OMNIFLOW_DB_URL) must look like jdbc:postgresql://host:5432/database.")
  boolean isUrlWellFormed() {
    return url() == null || ServerSettings.JDBC_URL.matcher(url()).matches();
  }

  @AssertTrue(message = "omniflow.db.url (OMNIFLOW_DB_URL) has a port outside 1 to 65535.")
  boolean isUrlPortInRange() {
    if (url() == null) {
      return true;
    }
    Matcher m = ServerSettings.JDBC_URL.matcher(url());
    return !m.matches() || m.group(2) == null || ServerSettings.validPort(m.group(2), 1);
  }

  @AssertTrue(
      message =
          "omniflow.db.user (OMNIFLOW_DB_USER) is set but omniflow.db.url (OMNIFLOW_DB_URL) is"
              + " not; set both.")
  boolean isUserOnlyWithUrl() {
    return url() != null || user() == null;
  }

  @AssertTrue(
      message =
          "omniflow.db.app-user (OMNIFLOW_DB_APP_USER) is set but omniflow.db.url"
              + " (OMNIFLOW_DB_URL) is not; set both.")
  boolean isAppUserOnlyWithUrl() {
    return url() != null || appUser() == null;
  }

  @AssertTrue(
      message =
          "omniflow.db.user (OMNIFLOW_DB_USER) must name the owner role that runs migrations.")
  boolean isUserGivenWithUrl() {
    return url() == null || user() != null;
  }

  @AssertTrue(
      message =
          "omniflow.db.app-password (OMNIFLOW_DB_APP_PASSWORD) must be set with omniflow.db.url"
              + " (OMNIFLOW_DB_URL): it is the password of the role the application connects as.")
  boolean isAppPasswordGivenWithUrl() {
    return url() == null || (db.appPassword() != null && !db.appPassword().isEmpty());
  }

  @AssertTrue(
      message =
          "omniflow.db.app-user (OMNIFLOW_DB_APP_USER) must differ from omniflow.db.user"
              + " (OMNIFLOW_DB_USER): row-level security needs a role that does not own the"
              + " tables.")
  boolean isAppUserNotTheOwner() {
    String app = appUser() == null ? ServerSettings.DEFAULT_APP_USER : appUser();
    return url() == null || user() == null || !user().equals(app);
  }

  @AssertTrue(
      message =
          "omniflow.jdbc.schema (OMNIFLOW_JDBC_SCHEMA) differs from omniflow.db.schema"
              + " (OMNIFLOW_DB_SCHEMA): the server migrates one schema and reads it; set"
              + " omniflow.db.schema (OMNIFLOW_DB_SCHEMA) only.")
  boolean isStoreSchemaTheMigratedOne() {
    String store = ServerSettings.blankToNull(jdbc.schema());
    return store == null || store.equals(schema());
  }

  @AssertTrue(message = "omniflow.data-dir (OMNIFLOW_DATA_DIR) must be a directory.")
  boolean isDataDirADirectory() {
    Path dir = dataDirPath();
    return dir == null || !embedded() || !Files.exists(dir) || Files.isDirectory(dir);
  }

  @AssertTrue(message = "omniflow.data-dir (OMNIFLOW_DATA_DIR) is not a valid path.")
  boolean isDataDirAPath() {
    return dataDirPath() != null;
  }

  /** The data directory as given ({@code data} when unset), or {@code null} if it is no path. */
  @Nullable Path dataDirPath() {
    String d = ServerSettings.blankToNull(dataDir);
    try {
      return Path.of(d == null ? "data" : d);
    } catch (InvalidPathException e) {
      return null;
    }
  }

  @AssertTrue(
      message =
          "TOKEN_ENCRYPTION_KEY must be set with an external database: it is the Tink JSON keyset"
              + " that encrypts connector tokens (docs/connectors.md shows how to make one).")
  boolean isTokenEncryptionKeyGivenWithUrl() {
    return embedded() || ServerSettings.blankToNull(server.tokenEncryptionKey()) != null;
  }

  @AssertTrue(
      message =
          "OAUTH_REDIRECT_URI must be set with an external database: the exact OAuth redirect URI"
              + " registered with each provider.")
  boolean isOauthRedirectUriGivenWithUrl() {
    return embedded() || ServerSettings.blankToNull(server.oauthRedirectUri()) != null;
  }
}
