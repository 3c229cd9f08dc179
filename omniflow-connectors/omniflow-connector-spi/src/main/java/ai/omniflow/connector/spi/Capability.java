package ai.omniflow.connector.spi;

/**
 * What a connector can do, declared by its {@link ConnectorFactory#capabilities()}. Core offers
 * only what a connector declares, and the compatibility kit skips the tests of what it does not.
 *
 * <pre>{@code
 * if (factory.capabilities().contains(Capability.TEMPLATES)) { ... }
 * }</pre>
 */
public enum Capability {
  /** Receives direct messages (Instagram or Facebook DMs, WhatsApp, SMS, email). */
  INBOUND_DMS,
  /** Receives comments on posts and ads. */
  COMMENTS,
  /** Receives lead-ad form submissions. */
  LEAD_FORMS,
  /** Sends free-text messages. */
  OUTBOUND_TEXT,
  /** Sends pre-approved templates (name, language, parameters). */
  TEMPLATES
}
