package ai.omniflow.spring.boot;

import ai.omniflow.connectors.ConnectorMode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code omniflow.*} settings the starter reads.
 *
 * <pre>{@code
 * omniflow.jdbc.schema=omniflow
 * omniflow.jdbc.verify-rls=true
 * omniflow.jdbc.owner.url=jdbc:postgresql://db:5432/app
 * omniflow.connectors.mode=live
 * omniflow.connectors.token-encryption-key=${TOKEN_ENCRYPTION_KEY}
 * omniflow.connectors.oauth-redirect-uri=https://app.example.com/oauth/{provider}/callback
 * omniflow.connectors.providers.meta.app-id=1234
 * omniflow.connectors.providers.meta.app-secret=${META_APP_SECRET}
 * omniflow.connectors.providers.meta.api-base-uri=https://graph.facebook.com/v21.0/
 * }</pre>
 *
 * <p>Mutable, as Spring binds it; not thread-safe while binding.
 */
@ConfigurationProperties("omniflow")
public class OmniFlowProperties {
  /** Settings of the PostgreSQL store, used when omniflow-jdbc is on the classpath. */
  private final Jdbc jdbc = new Jdbc();

  /** Settings of connectors, their token vault and their health checks. */
  private final Connectors connectors = new Connectors();

  public Jdbc getJdbc() {
    return jdbc;
  }

  public Connectors getConnectors() {
    return connectors;
  }

  /** Settings of the inbox. */
  private final Inbox inbox = new Inbox();

  public Inbox getInbox() {
    return inbox;
  }

  /** Settings of the inbox. */
  public static class Inbox {
    /** How long before now an inbound event's sent_at may be for ingest to take it. */
    private Duration maxSentAtAge = Duration.ofDays(30);

    /** How long after now an inbound event's sent_at may be (clock skew). */
    private Duration maxSentAtAhead = Duration.ofMinutes(5);

    public Duration getMaxSentAtAge() {
      return maxSentAtAge;
    }

    public void setMaxSentAtAge(Duration maxSentAtAge) {
      this.maxSentAtAge = maxSentAtAge;
    }

    public Duration getMaxSentAtAhead() {
      return maxSentAtAhead;
    }

    public void setMaxSentAtAhead(Duration maxSentAtAhead) {
      this.maxSentAtAhead = maxSentAtAhead;
    }

    /** How often send claims left by a crash or a timeout are looked for; 0 turns it off. */
    private Duration sendReconcileInterval = Duration.ofMinutes(1);

    /**
     * How old a send claim must be before it is marked unknown: longer than a provider call can
     * take (the connectors' HTTP timeouts are 10 to 30 s). At most 24 hours.
     */
    private Duration sendClaimTimeout = Duration.ofMinutes(5);

    public Duration getSendReconcileInterval() {
      return sendReconcileInterval;
    }

    public void setSendReconcileInterval(Duration sendReconcileInterval) {
      this.sendReconcileInterval = sendReconcileInterval;
    }

    public Duration getSendClaimTimeout() {
      return sendClaimTimeout;
    }

    public void setSendClaimTimeout(Duration sendClaimTimeout) {
      this.sendClaimTimeout = sendClaimTimeout;
    }
  }

  /** Settings of the lead engine. */
  private final Leads leads = new Leads();

  public Leads getLeads() {
    return leads;
  }

  /** Settings of the lead engine. */
  public static class Leads {
    /**
     * How often leads whose first-to-claim offer expired are routed on to the group's fallback; 0
     * turns it off.
     */
    private Duration offerExpiryInterval = Duration.ofSeconds(15);

    public Duration getOfferExpiryInterval() {
      return offerExpiryInterval;
    }

    public void setOfferExpiryInterval(Duration offerExpiryInterval) {
      this.offerExpiryInterval = offerExpiryInterval;
    }
  }

  /** Settings of connectors. */
  public static class Connectors {
    /** What {@link #getOauthRedirectUri()} replaces by each connector's provider id. */
    public static final String PROVIDER_PLACEHOLDER = "{provider}";

    /**
     * Which connectors are available: {@code mock} (only those registered for mock mode, the mock
     * connector by default) or {@code live} (the real platforms).
     */
    private ConnectorMode mode = ConnectorMode.MOCK;

    /**
     * The token vault's keyset: a Tink JSON keyset of AES-256-GCM keys, or, when a {@code
     * KeyEncryptionKey} bean exists, such a keyset encrypted with it. Secret. Unset: no vault, and
     * then only the default mock connector may be left out silently; registered connectors fail
     * start-up.
     */
    private @Nullable String tokenEncryptionKey;

    /**
     * The exact OAuth redirect URI registered with each provider, as a template: {@code {provider}}
     * is replaced by each connector's provider id ({@code
     * https://app.example.com/oauth/{provider}/callback} gives Meta {@code
     * https://app.example.com/oauth/meta/callback}); a URI without it is shared by all connectors.
     * The provider sends the user back to it with {@code code} and {@code state}. Must expand to an
     * absolute URI.
     */
    private @Nullable String oauthRedirectUri;

    /** How often every org's connector accounts are probed; zero turns the scheduled checks off. */
    private Duration healthCheckInterval = Duration.ofMinutes(15);

    /** ServiceLoader discovery of connector factories. */
    private final Discovery discovery = new Discovery();

    /** Each provider's app settings, by provider id, e.g. {@code providers.meta.app-id}. */
    private final Map<String, Provider> providers = new LinkedHashMap<>();

    public ConnectorMode getMode() {
      return mode;
    }

    public void setMode(ConnectorMode mode) {
      this.mode = mode;
    }

    public @Nullable String getTokenEncryptionKey() {
      return tokenEncryptionKey;
    }

    public void setTokenEncryptionKey(@Nullable String tokenEncryptionKey) {
      this.tokenEncryptionKey = tokenEncryptionKey;
    }

    public @Nullable String getOauthRedirectUri() {
      return oauthRedirectUri;
    }

    public void setOauthRedirectUri(@Nullable String oauthRedirectUri) {
      this.oauthRedirectUri = oauthRedirectUri;
    }

    /**
     * The redirect URI of one provider: the template with {@code {provider}} replaced by its id.
     *
     * @return the URI, or {@code null} when no template is set
     * @throws IllegalArgumentException when the expanded template is not an absolute URI; the
     *     message names the property, not the value
     */
    public @Nullable URI oauthRedirectUriOf(String providerId) {
      if (oauthRedirectUri == null || oauthRedirectUri.isBlank()) {
        return null;
      }
      String expanded = oauthRedirectUri.strip().replace(PROVIDER_PLACEHOLDER, providerId);
      try {
        URI uri = new URI(expanded);
        if (uri.isAbsolute() && uri.getHost() != null) {
          return uri;
        }
      } catch (URISyntaxException e) {
        // Reported below without the value.
      }
      throw new IllegalArgumentException(
          "omniflow.connectors.oauth-redirect-uri must be an absolute URI with a host once "
              + PROVIDER_PLACEHOLDER
              + " is replaced by the provider id.");
    }

    public Duration getHealthCheckInterval() {
      return healthCheckInterval;
    }

    public void setHealthCheckInterval(Duration healthCheckInterval) {
      this.healthCheckInterval = healthCheckInterval;
    }

    public Discovery getDiscovery() {
      return discovery;
    }

    public Map<String, Provider> getProviders() {
      return providers;
    }
  }

  /** ServiceLoader discovery of connector factories. */
  public static class Discovery {
    /**
     * Whether to register every connector factory listed in {@code
     * META-INF/services/ai.omniflow.connector.spi.ConnectorFactory} on the classpath, besides the
     * factory beans. Off by default: registration is explicit.
     */
    private boolean enabled = false;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** One provider's app: what its {@code ConnectorConfig} is made of. */
  public static class Provider {
    /** The app's (client's) id on the platform. */
    private @Nullable String appId;

    /** The app's (client's) secret, or the API key of API-key platforms. Secret. */
    private @Nullable String appSecret;

    /** The token the platform echoes in the webhook subscription handshake. Secret. */
    private @Nullable String webhookVerifyToken;

    /** Where the platform's API lives, e.g. {@code https://graph.facebook.com/v21.0/}. */
    private @Nullable URI apiBaseUri;

    /** The OAuth scopes to request, in order. */
    private List<String> scopes = new ArrayList<>();

    /** Connector-specific settings, documented by each connector. */
    private Map<String, String> settings = new LinkedHashMap<>();

    public @Nullable String getAppId() {
      return appId;
    }

    public void setAppId(@Nullable String appId) {
      this.appId = appId;
    }

    public @Nullable String getAppSecret() {
      return appSecret;
    }

    public void setAppSecret(@Nullable String appSecret) {
      this.appSecret = appSecret;
    }

    public @Nullable String getWebhookVerifyToken() {
      return webhookVerifyToken;
    }

    public void setWebhookVerifyToken(@Nullable String webhookVerifyToken) {
      this.webhookVerifyToken = webhookVerifyToken;
    }

    public @Nullable URI getApiBaseUri() {
      return apiBaseUri;
    }

    public void setApiBaseUri(@Nullable URI apiBaseUri) {
      this.apiBaseUri = apiBaseUri;
    }

    public List<String> getScopes() {
      return scopes;
    }

    public void setScopes(List<String> scopes) {
      this.scopes = scopes;
    }

    public Map<String, String> getSettings() {
      return settings;
    }

    public void setSettings(Map<String, String> settings) {
      this.settings = settings;
    }
  }

  /** Settings of the PostgreSQL store. */
  public static class Jdbc {
    /** Schema that holds OmniFlow's tables. */
    private String schema = "omniflow";

    /** Role the application's DataSource connects as; checked by the start-up verification. */
    private String appRole = "omniflow_app";

    /**
     * Whether to check at start-up that the role the DataSource logs in as ({@code current_user})
     * is {@link #getAppRole() the app role}, is neither superuser nor BYPASSRLS and owns nothing,
     * and, as the schema owner, that row-level security is enabled and forced on every tenant
     * table. Runs only when owner credentials are configured.
     */
    private boolean verifyRls = true;

    /**
     * Whether to run OmniFlow's migrations at start-up, after the host's own database
     * initialization (its Flyway, Liquibase or SQL scripts): as the owner when {@code
     * omniflow.jdbc.owner.*} is set, else through the application's DataSource. Off by default, so
     * a host decides when its database changes.
     */
    private boolean migrate = false;

    /** Credentials of the schema's owner, for start-up verification and migration. */
    private final Owner owner = new Owner();

    public String getSchema() {
      return schema;
    }

    public void setSchema(String schema) {
      this.schema = schema;
    }

    public String getAppRole() {
      return appRole;
    }

    public void setAppRole(String appRole) {
      this.appRole = appRole;
    }

    public boolean isVerifyRls() {
      return verifyRls;
    }

    public void setVerifyRls(boolean verifyRls) {
      this.verifyRls = verifyRls;
    }

    public boolean isMigrate() {
      return migrate;
    }

    public void setMigrate(boolean migrate) {
      this.migrate = migrate;
    }

    public Owner getOwner() {
      return owner;
    }
  }

  /** How to connect as the owner of OmniFlow's schema. */
  public static class Owner {
    /** JDBC URL of the database, e.g. {@code jdbc:postgresql://db:5432/app}; unset disables it. */
    private @Nullable String url;

    /** User name of the schema's owner. */
    private @Nullable String username;

    /** Password of the schema's owner. */
    private @Nullable String password;

    public @Nullable String getUrl() {
      return url;
    }

    public void setUrl(@Nullable String url) {
      this.url = url;
    }

    public @Nullable String getUsername() {
      return username;
    }

    public void setUsername(@Nullable String username) {
      this.username = username;
    }

    public @Nullable String getPassword() {
      return password;
    }

    public void setPassword(@Nullable String password) {
      this.password = password;
    }

    /** Whether enough is configured to connect as the owner. */
    public boolean isConfigured() {
      return url != null && !url.isBlank() && username != null && !username.isBlank();
    }
  }
}
