package ai.omniflow.connector.tck;

import static ai.omniflow.connector.tck.ConnectorCompatibilityKit.KIT_NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.omniflow.connector.spi.Channel;
import ai.omniflow.connector.spi.InboundEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The kit's group "Normalization": what each parsed event carries, by kind, and that the same bytes
 * give the same events. Skipped for connectors that receive no webhooks.
 */
abstract class NormalizationSuite extends KitSuite {

  NormalizationSuite(ConnectorCompatibilityKit kit) {
    super(kit);
  }

  @BeforeEach
  void onlyWithWebhooks() {
    assumeTrue(!kit.webhookKinds().isEmpty(), "the connector receives no webhooks");
  }

  @Test
  @DisplayName(
      "gives every event its kind, its account, a glossary channel and the platform's" + " time")
  void everyEventIsComplete() {
    for (InboundEvent.Kind kind : kit.webhookKinds()) {
      List<InboundEvent> events =
          kit.connector().receive(kit.signedWebhook(kit.webhookBody(kind, 1)));
      assertThat(events).extracting(InboundEvent::kind).as("kinds").contains(kind);
      for (InboundEvent event : events) {
        assertThat(event.providerAccountId())
            .as("account of %s", event)
            .isEqualTo(kit.sampleAccountId());
        assertThat(Channel.fromId(event.channel().id())).isEqualTo(event.channel());
        assertThat(event.dedupeKey()).isNotBlank();
        assertThat(event.occurredAt())
            .as("occurredAt is the platform's time, not the time of parsing")
            .isNotEqualTo(KIT_NOW)
            .isAfter(Instant.parse("2000-01-01T00:00:00Z"))
            .isBefore(Instant.parse("2100-01-01T00:00:00Z"));
      }
    }
  }

  @Test
  @DisplayName("gives the same bytes the same events")
  void deterministic() {
    for (InboundEvent.Kind kind : kit.webhookKinds()) {
      byte[] body = kit.webhookBody(kind, 3);
      assertThat(kit.connector().parse(kit.signedWebhook(body)))
          .isEqualTo(kit.connector().parse(kit.signedWebhook(body)));
    }
  }

  @Test
  @DisplayName("carries a message's sender, text and message id")
  void messages() {
    assumeTrue(kit.webhookKinds().contains(InboundEvent.Kind.MESSAGE), "no messages");
    InboundEvent.Message message = first(InboundEvent.Message.class, InboundEvent.Kind.MESSAGE);
    assertThat(message.text()).isNotBlank();
    assertThat(message.providerMessageId()).isNotBlank();
    assertThat(message.channel())
        .isIn(
            Channel.INSTAGRAM_DM,
            Channel.FACEBOOK_DM,
            Channel.WHATSAPP,
            Channel.SMS,
            Channel.EMAIL);
  }

  @Test
  @DisplayName("carries a comment's post, comment id and text")
  void comments() {
    assumeTrue(kit.webhookKinds().contains(InboundEvent.Kind.COMMENT), "no comments");
    InboundEvent.Comment comment = first(InboundEvent.Comment.class, InboundEvent.Kind.COMMENT);
    assertThat(comment.referral().postId()).isNotBlank();
    assertThat(comment.commentId()).isNotBlank();
    assertThat(comment.text()).isNotBlank();
  }

  @Test
  @DisplayName("carries a lead form's fields and its form id")
  void leadForms() {
    assumeTrue(kit.webhookKinds().contains(InboundEvent.Kind.LEAD_FORM), "no lead forms");
    InboundEvent.LeadForm lead = first(InboundEvent.LeadForm.class, InboundEvent.Kind.LEAD_FORM);
    assertThat(lead.fields()).isNotEmpty();
    assertThat(lead.formId()).isNotBlank();
    assertThat(lead.channel()).isEqualTo(Channel.LEAD_FORM);
  }

  @Test
  @DisplayName("carries a delivery status with the message id that send returned")
  void deliveryStatuses() {
    assumeTrue(kit.webhookKinds().contains(InboundEvent.Kind.DELIVERY_STATUS), "no statuses");
    InboundEvent.DeliveryUpdate update =
        first(InboundEvent.DeliveryUpdate.class, InboundEvent.Kind.DELIVERY_STATUS);
    assertThat(update.providerMessageId()).isNotBlank();
    assertThat(update.status()).isNotNull();
  }

  private <T extends InboundEvent> T first(Class<T> type, InboundEvent.Kind kind) {
    return kit.connector().receive(kit.signedWebhook(kit.webhookBody(kind, 1))).stream()
        .filter(type::isInstance)
        .map(type::cast)
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("a " + kind + " webhook gave no " + type.getSimpleName()));
  }
}
