/** Extension points of the token vault: a key-encryption key held outside OmniFlow (a KMS). */
@NullMarked
package ai.omniflow.vault.tink.spi;

import org.jspecify.annotations.NullMarked;
