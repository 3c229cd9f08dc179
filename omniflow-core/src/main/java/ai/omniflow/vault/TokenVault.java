package ai.omniflow.vault;

import ai.omniflow.OmniFlowException;
import ai.omniflow.vault.spi.TokenCipher;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * Seals and opens platform tokens. Each ciphertext is sealed by the {@link TokenCipher} under its
 * primary key (with {@code omniflow-vault}'s Tink keyset: AES-256-GCM, Tink's 5-byte prefix naming
 * the key), with the {@link TokenBinding} as associated data: it opens only for the same org,
 * account and token kind.
 *
 * <pre>{@code
 * TokenVault vault = new TokenVault(Keyset.parseJson(keysetJson)); // ai.omniflow.vault.tink
 * byte[] sealed = vault.seal(new TokenBinding(orgId, accountRef, TokenKind.ACCESS), accessToken);
 * String token = vault.open(new TokenBinding(orgId, accountRef, TokenKind.ACCESS), sealed);
 * }</pre>
 *
 * <p>Immutable and thread-safe. No message it throws contains a token.
 */
public final class TokenVault {
  private final TokenCipher cipher;

  public TokenVault(TokenCipher cipher) {
    this.cipher = Objects.requireNonNull(cipher, "cipher");
  }

  /** The cipher that seals and opens the tokens. */
  public TokenCipher cipher() {
    return cipher;
  }

  /** The id of the key new tokens are sealed with. */
  public int primaryKeyId() {
    return cipher.primaryKeyId();
  }

  /**
   * @throws IllegalArgumentException if the token is empty
   */
  public byte[] seal(TokenBinding binding, String token) {
    Objects.requireNonNull(binding, "binding");
    if (token == null || token.isEmpty()) {
      throw new IllegalArgumentException("token must not be empty");
    }
    try {
      return cipher.encrypt(token.getBytes(StandardCharsets.UTF_8), binding.associatedData());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not seal a " + binding.kind().wireName() + " token");
    }
  }

  /**
   * @throws OmniFlowException {@code token_undecryptable} (unavailable) if the ciphertext was
   *     sealed for another binding, under a key that is gone or disabled, or was altered
   */
  public String open(TokenBinding binding, byte[] ciphertext) {
    Objects.requireNonNull(binding, "binding");
    Objects.requireNonNull(ciphertext, "ciphertext");
    try {
      return new String(
          cipher.decrypt(ciphertext, binding.associatedData()), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw OmniFlowException.unavailable(
          VaultErrors.TOKEN_UNDECRYPTABLE,
          "A stored "
              + binding.kind().wireName()
              + " token could not be decrypted: it belongs to another account or org, its key is"
              + " disabled, or it was altered. Reconnect the account.");
    }
  }

  /** The id of the key a ciphertext was sealed with, or -1 if it names none. */
  public int keyIdOf(byte[] ciphertext) {
    return cipher.keyIdOf(ciphertext);
  }

  /** Whether the ciphertext is under another key than the primary, so rotation must reseal it. */
  public boolean needsReseal(byte[] ciphertext) {
    return cipher.keyIdOf(ciphertext) != cipher.primaryKeyId();
  }

  /**
   * Opens and seals again under the primary key: rotation step 3.
   *
   * @throws OmniFlowException {@code token_undecryptable} as {@link #open} does
   */
  public byte[] reseal(TokenBinding binding, byte[] ciphertext) {
    return seal(binding, open(binding, ciphertext));
  }
}
