/**
 * The token vault: platform access and refresh tokens sealed with authenticated encryption, each
 * ciphertext bound to its org, account and token kind. {@link ai.omniflow.vault.TokenVault} seals
 * and opens tokens through a {@link ai.omniflow.vault.spi.TokenCipher}; the module {@code
 * omniflow-vault} provides one on Tink with key rotation ({@code ai.omniflow.vault.tink.Keyset}).
 */
@NullMarked
package ai.omniflow.vault;

import org.jspecify.annotations.NullMarked;
