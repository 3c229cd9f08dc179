/**
 * The connector SPI: what a connector author implements so that a platform's webhooks reach
 * OmniFlow and OmniFlow's replies reach the platform. It depends on the JDK and slf4j-api only.
 *
 * <p>The types arrive with the connector issue; the module exists now so that the build has its
 * final shape and core can depend on it as ARCHITECTURE.md says.
 */
@NullMarked
package ai.omniflow.connector.spi;

import org.jspecify.annotations.NullMarked;
