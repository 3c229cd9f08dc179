package ai.omniflow.connector.spi;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The configuration of one app on one platform, from which {@link ConnectorFactory#create} makes a
 * {@link Connector}. One config serves every org's accounts on that app; per-account tokens are
 * passed to each call.
 *
 * <pre>{@code
 * ConnectorConfig config = ConnectorConfig.builder()
 *     .appId("1234")
 *     .appSecret(System.getenv("META_APP_SECRET"))
 *     .webhookVerifyToken(System.getenv("META_VERIFY_TOKEN"))
 *     .apiBaseUri(URI.create("https://graph.facebook.com/v21.0/"))
 *     .redirectUri(URI.create("https://app.example.com/connectors/meta/callback"))
 *     .scopes(List.of("pages_messaging", "leads_retrieval"))
 *     .setting("graph_version", "v21.0")
 *     .build();
 * }</pre>
 *
 * <p>{@link #toString()} never shows {@code appSecret}, {@code webhookVerifyToken} or the values of
 * {@code settings} (a setting may be a secret too). Immutable and thread-safe.
 *
 * @param appId the app's (client's) id on the platform
 * @param appSecret the app's (client's) secret; also the key of webhook signatures on most
 *     platforms, or the API key of {@link AuthMethod#API_KEY} platforms
 * @param webhookVerifyToken the token the platform echoes in a webhook subscription handshake, or
 *     null if the platform has no handshake
 * @param apiBaseUri where the platform's API (and its OAuth endpoints, unless a setting says
 *     otherwise) lives; the compatibility kit points it at its MockWebServer
 * @param redirectUri the exact OAuth redirect URI registered with the platform, or null for {@link
 *     AuthMethod#API_KEY} platforms
 * @param scopes the OAuth scopes to request, in order
 * @param settings connector-specific settings, documented by each connector
 * @param clock where the connector reads the time (token expiry, {@code checkedAt}, ...)
 */
public record ConnectorConfig(
    String appId,
    String appSecret,
    @Nullable String webhookVerifyToken,
    URI apiBaseUri,
    @Nullable URI redirectUri,
    List<String> scopes,
    Map<String, String> settings,
    Clock clock) {

  /**
   * Validates the components and copies the collections.
   *
   * @throws IllegalArgumentException if {@code appId} or {@code appSecret} is blank, {@code
   *     apiBaseUri} or {@code redirectUri} is not absolute, or a scope is blank or holds spaces
   * @throws NullPointerException if a non-null parameter is null, or a list or map holds null
   */
  public ConnectorConfig {
    Checks.notBlank(appId, "appId");
    Checks.notBlank(appSecret, "appSecret");
    webhookVerifyToken = Checks.blankToNull(webhookVerifyToken);
    Checks.notNull(apiBaseUri, "apiBaseUri");
    if (!apiBaseUri.isAbsolute()) {
      throw new IllegalArgumentException("apiBaseUri must be absolute");
    }
    if (redirectUri != null && !redirectUri.isAbsolute()) {
      throw new IllegalArgumentException("redirectUri must be absolute");
    }
    scopes = Checks.scopes(scopes, "scopes");
    settings = Checks.orderedMap(settings, "settings");
    Checks.notNull(clock, "clock");
  }

  /** A new builder; {@code clock} defaults to {@link Clock#systemUTC()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this config. */
  public Builder toBuilder() {
    Builder builder =
        new Builder()
            .appId(appId)
            .appSecret(appSecret)
            .webhookVerifyToken(webhookVerifyToken)
            .apiBaseUri(apiBaseUri)
            .redirectUri(redirectUri)
            .scopes(scopes)
            .clock(clock);
    builder.settings.putAll(settings);
    return builder;
  }

  /** The setting named {@code key}, if set. */
  public Optional<String> setting(String key) {
    return Optional.ofNullable(settings.get(key));
  }

  /** Whether the setting named {@code key} is {@code "true"} (ignoring case). */
  public boolean flag(String key) {
    return setting(key).map(Boolean::parseBoolean).orElse(false);
  }

  /**
   * The redirect URI, for connectors that need one.
   *
   * @throws IllegalStateException if this config has none
   */
  public URI requireRedirectUri() {
    if (redirectUri == null) {
      throw new IllegalStateException("this connector config has no redirectUri");
    }
    return redirectUri;
  }

  /** Shows ids and URIs; secrets and setting values are redacted. */
  @Override
  public String toString() {
    return "ConnectorConfig[appId="
        + appId
        + ", appSecret=***"
        + ", webhookVerifyToken="
        + (webhookVerifyToken == null ? "none" : "***")
        + ", apiBaseUri="
        + apiBaseUri
        + ", redirectUri="
        + redirectUri
        + ", scopes="
        + scopes
        + ", settings="
        + settings.keySet()
        + ", clock="
        + clock
        + "]";
  }

  /** Builds a {@link ConnectorConfig}. Not thread-safe. */
  public static final class Builder {
    private @Nullable String appId;
    private @Nullable String appSecret;
    private @Nullable String webhookVerifyToken;
    private @Nullable URI apiBaseUri;
    private @Nullable URI redirectUri;
    private List<String> scopes = new ArrayList<>();
    private final Map<String, String> settings = new LinkedHashMap<>();
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** Sets the app's id on the platform. */
    public Builder appId(String appId) {
      this.appId = appId;
      return this;
    }

    /** Sets the app's secret (or API key). */
    public Builder appSecret(String appSecret) {
      this.appSecret = appSecret;
      return this;
    }

    /** Sets the webhook handshake's verify token; null or blank for none. */
    public Builder webhookVerifyToken(@Nullable String webhookVerifyToken) {
      this.webhookVerifyToken = webhookVerifyToken;
      return this;
    }

    /** Sets the platform API's base URI. */
    public Builder apiBaseUri(URI apiBaseUri) {
      this.apiBaseUri = apiBaseUri;
      return this;
    }

    /** Sets the exact OAuth redirect URI; null for API-key platforms. */
    public Builder redirectUri(@Nullable URI redirectUri) {
      this.redirectUri = redirectUri;
      return this;
    }

    /** Replaces the scopes to request. */
    public Builder scopes(List<String> scopes) {
      this.scopes = new ArrayList<>(scopes);
      return this;
    }

    /** Sets one connector-specific setting. */
    public Builder setting(String key, String value) {
      settings.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Sets the clock the connector reads the time from. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The config.
     *
     * @throws IllegalArgumentException or NullPointerException as {@link ConnectorConfig} says,
     *     naming the field
     */
    public ConnectorConfig build() {
      return new ConnectorConfig(
          Checks.notNull(appId, "appId"),
          Checks.notNull(appSecret, "appSecret"),
          webhookVerifyToken,
          Checks.notNull(apiBaseUri, "apiBaseUri"),
          redirectUri,
          scopes,
          settings,
          clock);
    }
  }
}
