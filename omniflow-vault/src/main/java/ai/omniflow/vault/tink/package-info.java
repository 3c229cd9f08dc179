/**
 * The token vault's cipher on Tink: {@link ai.omniflow.vault.tink.Keyset}, a keyset of AES-256-GCM
 * keys with rotation, which core's {@link ai.omniflow.vault.TokenVault} seals tokens with.
 *
 * <pre>{@code
 * TokenVault vault = new TokenVault(Keyset.parseJson(System.getenv("TOKEN_ENCRYPTION_KEY")));
 * }</pre>
 */
@NullMarked
package ai.omniflow.vault.tink;

import org.jspecify.annotations.NullMarked;
