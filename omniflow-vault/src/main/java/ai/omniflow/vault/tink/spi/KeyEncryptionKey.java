package ai.omniflow.vault.tink.spi;

import java.security.GeneralSecurityException;

/**
 * A key-encryption key held outside OmniFlow — a cloud KMS key, an HSM — that wraps the vault's
 * keyset, so that what is stored in configuration is an encrypted keyset.
 *
 * <pre>{@code
 * Keyset keyset = Keyset.parseEncryptedJson(System.getenv("TOKEN_ENCRYPTION_KEY"), kmsKek);
 * }</pre>
 *
 * <p>Implementations must be thread-safe and must authenticate {@code associatedData}.
 */
public interface KeyEncryptionKey {
  /**
   * @throws GeneralSecurityException if encryption fails
   */
  byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException;

  /**
   * @throws GeneralSecurityException if the ciphertext or associated data is not authentic
   */
  byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException;
}
