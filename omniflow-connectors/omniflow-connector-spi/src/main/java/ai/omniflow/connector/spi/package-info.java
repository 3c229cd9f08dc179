/**
 * The connector SPI: what a connector author implements so that a platform's webhooks reach
 * OmniFlow and OmniFlow's replies reach the platform. It depends on the JDK and slf4j-api only.
 *
 * <ul>
 *   <li>{@link ai.omniflow.connector.spi.ConnectorFactory} describes a provider (id, name, {@link
 *       ai.omniflow.connector.spi.Capability capabilities}, {@link
 *       ai.omniflow.connector.spi.AuthMethod}) and makes a {@link
 *       ai.omniflow.connector.spi.Connector} from a {@link
 *       ai.omniflow.connector.spi.ConnectorConfig}.
 *   <li>OAuth: {@link ai.omniflow.connector.spi.AuthorizationRequest} with {@link
 *       ai.omniflow.connector.spi.Pkce} S256, {@link ai.omniflow.connector.spi.TokenSet} and the
 *       {@link ai.omniflow.connector.spi.ConnectedAccount}s it reaches.
 *   <li>Webhooks: {@link ai.omniflow.connector.spi.WebhookRequest} (raw bytes) → signature check →
 *       {@link ai.omniflow.connector.spi.InboundEvent}s with dedupe keys.
 *   <li>Outbound: {@link ai.omniflow.connector.spi.OutboundMessage} → {@link
 *       ai.omniflow.connector.spi.SendResult}, failures as {@link
 *       ai.omniflow.connector.spi.ConnectorException} with a {@link
 *       ai.omniflow.connector.spi.FailureKind}.
 *   <li>Health: {@link ai.omniflow.connector.spi.HealthReport} with a {@link
 *       ai.omniflow.connector.spi.HealthStatus}.
 *   <li>Registration is explicit; {@link ai.omniflow.connector.spi.ConnectorDiscovery} is the
 *       opt-in ServiceLoader route.
 * </ul>
 *
 * <p>Every connector's test extends {@code ConnectorCompatibilityKit} from {@code
 * omniflow-connector-tck}. See docs/connectors.md.
 */
@NullMarked
package ai.omniflow.connector.spi;

import org.jspecify.annotations.NullMarked;
