package ai.omniflow.connectors;

import ai.omniflow.connector.spi.HealthStatus;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One org's connected page, number or inbox on a platform. It never holds tokens: those are sealed
 * in the vault and stored apart, so an account can be listed, logged and returned by an API.
 *
 * @param id the account's id
 * @param orgId the org it belongs to
 * @param accountRef an opaque id safe in URLs, e.g. {@code ca_3q2Vh0Kx9Tn1bPq7Ys5Z0w}
 * @param provider the connector's provider id, e.g. {@code meta}
 * @param externalAccountId the platform's id of the page, number or inbox
 * @param displayName the platform's name for it
 * @param scopes the permissions granted
 * @param status the last known health
 * @param statusDetail why, in a sentence
 * @param lastCheckedAt when health was last probed, or {@code null}
 * @param tokenExpiresAt when the access token expires, or {@code null} if it does not or there is
 *     none
 * @param createdAt when it was first connected
 * @param updatedAt when it last changed
 */
public record ConnectorAccount(
    UUID id,
    UUID orgId,
    String accountRef,
    String provider,
    String externalAccountId,
    String displayName,
    List<String> scopes,
    HealthStatus status,
    String statusDetail,
    @Nullable Instant lastCheckedAt,
    @Nullable Instant tokenExpiresAt,
    Instant createdAt,
    Instant updatedAt) {

  private static final Pattern REF = Pattern.compile("ca_[A-Za-z0-9_-]{22}");
  private static final SecureRandom RANDOM = new SecureRandom();

  public ConnectorAccount {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(orgId, "orgId");
    if (accountRef == null || !REF.matcher(accountRef).matches()) {
      throw new IllegalArgumentException(
          "accountRef must look like ca_ and 22 url-safe characters");
    }
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(externalAccountId, "externalAccountId");
    Objects.requireNonNull(displayName, "displayName");
    scopes = List.copyOf(scopes);
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(statusDetail, "statusDetail");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /** Whether {@code ref} has the shape of an account ref (it may still not exist). */
  public static boolean isAccountRef(String ref) {
    return ref != null && REF.matcher(ref).matches();
  }

  /** A new random account ref: 128 random bits, url-safe. */
  public static String newAccountRef() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return "ca_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public ConnectorAccount withStatus(HealthStatus status, String detail, Instant at) {
    return new ConnectorAccount(
        id,
        orgId,
        accountRef,
        provider,
        externalAccountId,
        displayName,
        scopes,
        status,
        detail,
        at,
        tokenExpiresAt,
        createdAt,
        at);
  }

  public ConnectorAccount reconnected(
      String displayName, List<String> scopes, @Nullable Instant tokenExpiresAt, Instant at) {
    return new ConnectorAccount(
        id,
        orgId,
        accountRef,
        provider,
        externalAccountId,
        displayName,
        scopes,
        HealthStatus.HEALTHY,
        "Connected.",
        lastCheckedAt,
        tokenExpiresAt,
        createdAt,
        at);
  }

  public ConnectorAccount withTokenExpiry(@Nullable Instant tokenExpiresAt, Instant at) {
    return new ConnectorAccount(
        id,
        orgId,
        accountRef,
        provider,
        externalAccountId,
        displayName,
        scopes,
        status,
        statusDetail,
        lastCheckedAt,
        tokenExpiresAt,
        createdAt,
        at);
  }
}
