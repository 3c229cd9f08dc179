package ai.omniflow.store.spi;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A connector account's tokens as stored: ciphertexts sealed by the token vault, never plaintext.
 *
 * @param accountId the connector account
 * @param orgId its org
 * @param accessToken the sealed access token
 * @param refreshToken the sealed refresh token, or {@code null}
 * @param updatedAt when they were last written
 */
public record AccountTokens(
    UUID accountId,
    UUID orgId,
    byte[] accessToken,
    byte @Nullable [] refreshToken,
    Instant updatedAt) {
  public AccountTokens {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(orgId, "orgId");
    accessToken = Objects.requireNonNull(accessToken, "accessToken").clone();
    refreshToken = refreshToken == null ? null : refreshToken.clone();
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  @Override
  public byte[] accessToken() {
    return accessToken.clone();
  }

  @Override
  public byte @Nullable [] refreshToken() {
    return refreshToken == null ? null : refreshToken.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AccountTokens t
        && accountId.equals(t.accountId)
        && orgId.equals(t.orgId)
        && Arrays.equals(accessToken, t.accessToken)
        && Arrays.equals(refreshToken, t.refreshToken)
        && updatedAt.equals(t.updatedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(accountId, orgId, Arrays.hashCode(accessToken), updatedAt);
  }

  @Override
  public String toString() {
    return "AccountTokens[accountId=" + accountId + ", sealed, updatedAt=" + updatedAt + "]";
  }
}
