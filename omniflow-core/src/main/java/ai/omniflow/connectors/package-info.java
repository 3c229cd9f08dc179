/**
 * Connector accounts in core: the registry of configured connectors, OAuth with single-use state
 * and PKCE, tokens sealed in the {@link ai.omniflow.vault.TokenVault}, health, disconnection and
 * sending through an account. Connectors themselves implement {@code ai.omniflow.connector.spi}.
 */
@NullMarked
package ai.omniflow.connectors;

import org.jspecify.annotations.NullMarked;
