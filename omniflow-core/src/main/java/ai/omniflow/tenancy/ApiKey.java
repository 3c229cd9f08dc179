package ai.omniflow.tenancy;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An API key as stored: never the secret itself, only its SHA-256 hash and a short prefix that
 * helps people tell keys apart.
 *
 * @param id the key's id
 * @param orgId the org it acts in
 * @param userId the member it acts as
 * @param name what the key is for, e.g. "CRM sync"
 * @param prefix the first characters of the token, safe to show
 * @param secretHash lower-case hex SHA-256 of the whole token
 * @param createdAt when it was issued
 * @param revokedAt when it was revoked, or {@code null} while it is valid
 * @param issuedByUserId the member who issued it, or {@code null} if OmniFlow itself did (or the
 *     key predates the record)
 */
public record ApiKey(
    UUID id,
    UUID orgId,
    UUID userId,
    String name,
    String prefix,
    String secretHash,
    Instant createdAt,
    @Nullable Instant revokedAt,
    @Nullable UUID issuedByUserId) {
  public ApiKey {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(userId, "userId");
    name = Names.require("name", name, 200);
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(secretHash, "secretHash");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** A key without a recorded issuer. */
  public ApiKey(
      UUID id,
      UUID orgId,
      UUID userId,
      String name,
      String prefix,
      String secretHash,
      Instant createdAt,
      @Nullable Instant revokedAt) {
    this(id, orgId, userId, name, prefix, secretHash, createdAt, revokedAt, null);
  }

  /** A copy revoked at {@code at}. */
  public ApiKey revokedAt(Instant at) {
    return new ApiKey(id, orgId, userId, name, prefix, secretHash, createdAt, at, issuedByUserId);
  }

  public boolean isRevoked() {
    return revokedAt != null;
  }
}
