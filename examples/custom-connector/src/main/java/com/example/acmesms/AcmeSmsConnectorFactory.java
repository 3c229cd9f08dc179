package com.example.acmesms;

import ai.omniflow.connector.spi.AuthMethod;
import ai.omniflow.connector.spi.Capability;
import ai.omniflow.connector.spi.Connector;
import ai.omniflow.connector.spi.ConnectorConfig;
import ai.omniflow.connector.spi.ConnectorFactory;
import java.util.Objects;
import java.util.Set;

/**
 * Describes the Acme SMS connector and makes one per configured app.
 *
 * <pre>{@code
 * ConnectorConfig config = ConnectorConfig.builder()
 *     .appId("app_42")
 *     .appSecret(System.getenv("ACME_WEBHOOK_SECRET"))
 *     .apiBaseUri(URI.create("https://api.acme-sms.example/"))
 *     .build();
 * OmniFlow.builder().connector(new AcmeSmsConnectorFactory(), config);
 * }</pre>
 *
 * <p>Listed in {@code META-INF/services} too, for hosts that opt in to discovery. Immutable and
 * thread-safe.
 */
public final class AcmeSmsConnectorFactory implements ConnectorFactory {

  /** A factory; it holds no state. */
  public AcmeSmsConnectorFactory() {}

  @Override
  public String providerId() {
    return "acme-sms";
  }

  @Override
  public String displayName() {
    return "Acme SMS";
  }

  /** Inbound SMS and outbound text; Acme has no templates, comments or lead forms. */
  @Override
  public Set<Capability> capabilities() {
    return Set.of(Capability.INBOUND_DMS, Capability.OUTBOUND_TEXT);
  }

  @Override
  public AuthMethod authMethod() {
    return AuthMethod.API_KEY;
  }

  /**
   * A connector for one Acme app.
   *
   * @throws IllegalArgumentException if the base URI is not HTTP(S)
   */
  @Override
  public Connector create(ConnectorConfig config) {
    Objects.requireNonNull(config, "config");
    String scheme = config.apiBaseUri().getScheme();
    if (!"https".equals(scheme) && !"http".equals(scheme)) {
      throw new IllegalArgumentException("apiBaseUri must be http or https");
    }
    return new AcmeSmsConnector(config);
  }
}
