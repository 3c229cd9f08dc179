package ai.omniflow.vault.spi;

import java.security.GeneralSecurityException;

/**
 * The authenticated encryption under the {@link ai.omniflow.vault.TokenVault}: it seals platform
 * tokens with associated data and tells which of its keys sealed a ciphertext, so that key rotation
 * can find what to re-seal. Core ships no implementation, so a host that embeds core gets no crypto
 * stack it did not choose; {@code omniflow-vault} provides one on Tink (AES-256-GCM, {@code
 * ai.omniflow.vault.tink.Keyset}).
 *
 * <pre>{@code
 * TokenVault vault = new TokenVault(Keyset.parseJson(System.getenv("TOKEN_ENCRYPTION_KEY")));
 * }</pre>
 *
 * <p>Rules for implementers: be thread-safe and immutable; authenticate {@code associatedData} (a
 * ciphertext must not decrypt under other associated data); throw {@link GeneralSecurityException}
 * for any ciphertext that is not authentic or whose key is gone, and never put key material or
 * plaintext in an exception's message.
 */
public interface TokenCipher {

  /**
   * Encrypts under the primary key.
   *
   * @throws GeneralSecurityException if encryption fails
   */
  byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException;

  /**
   * Decrypts with whichever enabled key sealed the ciphertext.
   *
   * @throws GeneralSecurityException if the ciphertext or associated data is not authentic, or its
   *     key is disabled or gone
   */
  byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException;

  /** The id of the key that new ciphertexts are sealed with. */
  int primaryKeyId();

  /** The id of the key a ciphertext was sealed with, or -1 if the ciphertext names none. */
  int keyIdOf(byte[] ciphertext);
}
