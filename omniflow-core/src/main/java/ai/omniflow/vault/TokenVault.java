package ai.omniflow.vault;

import ai.omniflow.OmniFlowException;
import com.google.crypto.tink.Aead;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * Seals and opens platform tokens. Each ciphertext is AES-256-GCM under the keyset's primary key
 * (Tink's 5-byte prefix names the key), with the {@link TokenBinding} as associated data: it opens
 * only for the same org, account and token kind.
 *
 * <pre>{@code
 * TokenVault vault = new TokenVault(keyset);
 * byte[] sealed = vault.seal(new TokenBinding(orgId, accountRef, TokenKind.ACCESS), accessToken);
 * String token = vault.open(new TokenBinding(orgId, accountRef, TokenKind.ACCESS), sealed);
 * }</pre>
 *
 * <p>Immutable and thread-safe. No message it throws contains a token.
 */
public final class TokenVault {
  private final Keyset keyset;
  private final Aead aead;

  public TokenVault(Keyset keyset) {
    this.keyset = Objects.requireNonNull(keyset, "keyset");
    this.aead = keyset.aead();
  }

  public Keyset keyset() {
    return keyset;
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
      return aead.encrypt(token.getBytes(StandardCharsets.UTF_8), binding.associatedData());
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
      return new String(aead.decrypt(ciphertext, binding.associatedData()), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw OmniFlowException.unavailable(
          "token_undecryptable",
          "A stored "
              + binding.kind().wireName()
              + " token could not be decrypted: it belongs to another account or org, its key is"
              + " disabled, or it was altered. Reconnect the account.");
    }
  }

  /** The id of the key a ciphertext was sealed with (from Tink's prefix), or -1 if it has none. */
  public static int keyIdOf(byte[] ciphertext) {
    if (ciphertext.length < 5 || ciphertext[0] != 0x01) {
      return -1;
    }
    return ByteBuffer.wrap(ciphertext, 1, 4).getInt();
  }

  /** Whether the ciphertext is under another key than the primary, so rotation must reseal it. */
  public boolean needsReseal(byte[] ciphertext) {
    return keyIdOf(ciphertext) != keyset.primaryKeyId();
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
