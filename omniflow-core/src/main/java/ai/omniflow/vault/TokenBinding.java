package ai.omniflow.vault;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * What a ciphertext is bound to: the org, the connector account and the token kind. It is the
 * AEAD's associated data, so a ciphertext copied to another row, account or org does not decrypt.
 *
 * @param orgId the org owning the account
 * @param accountRef the connector account's opaque reference
 * @param kind access or refresh token
 */
public record TokenBinding(UUID orgId, String accountRef, TokenKind kind) {
  public TokenBinding {
    Objects.requireNonNull(orgId, "orgId");
    if (accountRef == null || accountRef.isBlank()) {
      throw new IllegalArgumentException("accountRef must not be blank");
    }
    Objects.requireNonNull(kind, "kind");
  }

  byte[] associatedData() {
    return ("omniflow-token/v1|" + orgId + "|" + accountRef + "|" + kind.wireName())
        .getBytes(StandardCharsets.UTF_8);
  }
}
