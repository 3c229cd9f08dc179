package ai.omniflow.connectors;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A pending OAuth authorization: single use, short-lived, bound to the org, user and provider that
 * started it and to its PKCE verifier. Only the SHA-256 of the state is stored, so a leaked row
 * cannot be replayed.
 *
 * @param stateHash lower-case hex SHA-256 of the state parameter
 * @param orgId the org that started it
 * @param userId the user who started it
 * @param provider the provider it is for
 * @param codeVerifier the PKCE verifier to send with the code; {@code null} once consumed, so a
 *     used state keeps no verifier
 * @param redirectUri the exact redirect URI sent to the provider
 * @param createdAt when it was started
 * @param expiresAt when it stops being accepted
 * @param consumedAt when a callback used it, or {@code null}
 */
public record OAuthState(
    String stateHash,
    UUID orgId,
    UUID userId,
    String provider,
    @Nullable String codeVerifier,
    URI redirectUri,
    Instant createdAt,
    Instant expiresAt,
    @Nullable Instant consumedAt) {
  public OAuthState {
    Objects.requireNonNull(stateHash, "stateHash");
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(provider, "provider");
    if (codeVerifier == null && consumedAt == null) {
      throw new IllegalArgumentException("a state keeps its verifier until it is consumed");
    }
    Objects.requireNonNull(redirectUri, "redirectUri");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  @Override
  public String toString() {
    return "OAuthState[org="
        + orgId
        + ", user="
        + userId
        + ", provider="
        + provider
        + ", expiresAt="
        + expiresAt
        + ", consumedAt="
        + consumedAt
        + "]";
  }
}
