package ai.omniflow.connector.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.omniflow.connector.spi.Connector;
import ai.omniflow.connector.spi.InboundEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The kit's group "Dedupe keys": a redelivery gets the same keys, on any instance; different events
 * get different ones. Skipped for connectors that receive no webhooks.
 */
abstract class DedupeKeySuite extends KitSuite {

  DedupeKeySuite(ConnectorCompatibilityKit kit) {
    super(kit);
  }

  @BeforeEach
  void onlyWithWebhooks() {
    assumeTrue(!kit.webhookKinds().isEmpty(), "the connector receives no webhooks");
  }

  @Test
  @DisplayName("are the same when the same delivery is parsed twice")
  void sameDeliverySameKeys() {
    for (InboundEvent.Kind kind : kit.webhookKinds()) {
      byte[] body = kit.webhookBody(kind, 1);
      assertThat(keys(kit.connector().receive(kit.signedWebhook(body))))
          .as("keys of a redelivered %s webhook", kind)
          .isEqualTo(keys(kit.connector().receive(kit.signedWebhook(body))));
    }
  }

  @Test
  @DisplayName("are the same when another connector instance parses the redelivery")
  void sameAcrossInstances() {
    Connector other = kit.factory().create(kit.connectorConfig());
    for (InboundEvent.Kind kind : kit.webhookKinds()) {
      byte[] body = kit.webhookBody(kind, 2);
      assertThat(keys(other.receive(kit.signedWebhook(body))))
          .as("keys of a %s webhook parsed by another instance (another node)", kind)
          .isEqualTo(keys(kit.connector().receive(kit.signedWebhook(body))));
    }
  }

  @Test
  @DisplayName("differ between different events")
  void differentEventsDifferentKeys() {
    List<String> all = new ArrayList<>();
    for (InboundEvent.Kind kind : kit.webhookKinds()) {
      for (int seed = 1; seed <= 3; seed++) {
        all.addAll(keys(kit.connector().receive(kit.signedWebhook(kit.webhookBody(kind, seed)))));
      }
    }
    assertThat(all).as("dedupe keys of distinct events").doesNotHaveDuplicates();
  }

  private static List<String> keys(List<InboundEvent> events) {
    return events.stream().map(InboundEvent::dedupeKey).toList();
  }
}
