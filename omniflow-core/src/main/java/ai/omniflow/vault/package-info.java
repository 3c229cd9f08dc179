/**
 * The token vault: platform access and refresh tokens encrypted with Tink AEAD (AES-256-GCM), each
 * ciphertext bound to its org, account and token kind. {@link ai.omniflow.vault.Keyset} holds the
 * keys and their rotation; {@link ai.omniflow.vault.TokenVault} seals and opens tokens.
 */
@NullMarked
package ai.omniflow.vault;

import org.jspecify.annotations.NullMarked;
