/**
 * Extension points of the token vault: the {@link ai.omniflow.vault.spi.TokenCipher} that seals
 * tokens. {@code omniflow-vault} implements it on Tink.
 */
@NullMarked
package ai.omniflow.vault.spi;

import org.jspecify.annotations.NullMarked;
