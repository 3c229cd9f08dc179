package ai.omniflow.connector.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.connector.spi.Channel;
import ai.omniflow.connector.spi.ConnectorConfig;
import ai.omniflow.connector.spi.ConnectorDiscovery;
import ai.omniflow.connector.spi.ConnectorException;
import ai.omniflow.connector.spi.ConnectorFactory;
import ai.omniflow.connector.spi.DeliveryStatus;
import ai.omniflow.connector.spi.FailureKind;
import ai.omniflow.connector.spi.HealthStatus;
import ai.omniflow.connector.spi.InboundEvent;
import ai.omniflow.connector.spi.OutboundMessage;
import ai.omniflow.connector.spi.Referral;
import ai.omniflow.connector.spi.TokenSet;
import ai.omniflow.connector.spi.WebhookRequest;
import ai.omniflow.connector.support.internal.Bounds;
import ai.omniflow.connector.support.internal.JsonHttp;
import ai.omniflow.connector.tck.ConnectorCompatibilityKit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The WhatsApp connector passes the compatibility kit against MockWebServer, with the payloads of
 * Meta's documentation (see {@code src/test/resources/fixtures/whatsapp/README.md}), and keeps its
 * own promises: the 24-hour window, Graph error codes, every documented message kind, signatures.
 */
class WhatsAppConnectorTest extends ConnectorCompatibilityKit {

  static final String PHONE_NUMBER_ID = "106540352242922";
  static final String TEXT_WAMID = "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=";
  static final String STATUS_WAMID = "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3MTE5MjVBOTE3MDk5QUVFM0YA";
  static final String SENT_WAMID = "wamid.HBgLMTY0NjcwNDM1OTUVAgARGBI1RjQyNUE3NEYxMzAzMzQ5MkEA";
  private static final String APP_SECRET = "whatsapp-test-app-secret-not-real";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  protected ConnectorFactory factory() {
    return new WhatsAppConnectorFactory();
  }

  @Override
  protected ConnectorConfig config(URI apiBaseUri, Clock clock) {
    return ConnectorConfig.builder()
        .appId("1234567890")
        .appSecret(APP_SECRET)
        .webhookVerifyToken("whatsapp-test-verify-token-not-real")
        .apiBaseUri(apiBaseUri)
        .clock(clock)
        .build();
  }

  @Override
  protected String sampleAccountId() {
    return PHONE_NUMBER_ID;
  }

  @Override
  protected Channel outboundChannel() {
    return Channel.WHATSAPP;
  }

  @Override
  protected String sampleRecipient() {
    return "+16505551234";
  }

  @Override
  protected byte[] webhookBody(InboundEvent.Kind kind, int seed) {
    return switch (kind) {
      case MESSAGE -> seeded(fixture("text-message.json"), TEXT_WAMID, seed);
      case DELIVERY_STATUS -> seeded(fixture("status-delivered.json"), STATUS_WAMID, seed);
      default -> throw new AssertionError("whatsapp delivers no " + kind);
    };
  }

  @Override
  protected Map<String, String> signatureHeaders(URI uri, byte[] body, String secret) {
    return Map.of("X-Hub-Signature-256", "sha256=" + hmacSha256Hex(secret, body));
  }

  @Override
  protected List<MockResponse> apiKeyAccepted(String accountId, String accountName) {
    String numbers =
        fixture("phone-numbers.json")
            .replace(PHONE_NUMBER_ID, accountId)
            .replace("Lucky Shrub", accountName);
    return List.of(json(200, fixture("debug-token.json")), json(200, numbers));
  }

  @Override
  protected MockResponse sendAccepted(String providerMessageId) {
    return json(200, fixture("send-accepted.json").replace(SENT_WAMID, providerMessageId));
  }

  @Override
  protected Optional<MockResponse> sendFailure(FailureKind kind) {
    return switch (kind) {
      case AUTH_EXPIRED -> Optional.of(json(401, fixture("error-190-token-expired.json")));
      case RATE_LIMITED ->
          Optional.of(
              new MockResponse.Builder()
                  .code(429)
                  .setHeader("Retry-After", "30")
                  .setHeader("Content-Type", "application/json")
                  .body(fixture("error-130429-rate-limit.json"))
                  .build());
      case INVALID_RECIPIENT -> Optional.of(json(400, fixture("error-131026-undeliverable.json")));
      case POLICY_WINDOW_CLOSED ->
          Optional.of(json(400, fixture("error-131047-re-engagement.json")));
      case TRANSIENT -> Optional.of(json(500, fixture("error-131000-something-went-wrong.json")));
      default -> Optional.empty();
    };
  }

  @Override
  protected MockResponse probeHealthy() {
    return json(200, fixture("phone-number.json"));
  }

  @Override
  protected Optional<MockResponse> probeResponse(HealthStatus status) {
    return switch (status) {
      case HEALTHY -> Optional.of(probeHealthy());
      case NEEDS_REAUTH -> Optional.of(json(401, fixture("error-190-token-expired.json")));
      case DEGRADED -> Optional.of(json(503, fixture("error-131000-something-went-wrong.json")));
      case DISCONNECTED -> Optional.of(json(400, fixture("error-100-33-no-such-object.json")));
    };
  }

  // ================================================================ WhatsApp's own promises

  @Nested
  @DisplayName("Inbound messages")
  class InboundMessages {

    @Test
    @DisplayName("reads a text message with its wamid as dedupe key and the contact's name")
    void text() {
      InboundEvent.Message message = onlyMessage("text-message.json");
      assertThat(message.dedupeKey()).isEqualTo(TEXT_WAMID);
      assertThat(message.providerMessageId()).isEqualTo(TEXT_WAMID);
      assertThat(message.providerAccountId()).isEqualTo(PHONE_NUMBER_ID);
      assertThat(message.text()).isEqualTo("Does it come in another color?");
      assertThat(message.sender().handle()).isEqualTo("16505551234");
      assertThat(message.sender().name()).isEqualTo("Sheena Nelson");
      assertThat(message.sender().phone()).isEqualTo("+16505551234");
      assertThat(message.occurredAt()).isEqualTo(Instant.ofEpochSecond(1749416383));
    }

    @Test
    @DisplayName("takes an image's caption as the message text")
    void imageCaption() {
      assertThat(onlyMessage("image-with-caption.json").text())
          .isEqualTo("This is the one I saw on your page");
    }

    @Test
    @DisplayName("gives a media message without a caption empty text rather than dropping it")
    void mediaWithoutCaption() {
      String body =
          fixture("image-with-caption.json")
              .replace("\"caption\": \"This is the one I saw on your page\",", "");
      List<InboundEvent> events = receive(body);
      assertThat(events).singleElement().isInstanceOf(InboundEvent.Message.class);
      assertThat(((InboundEvent.Message) events.get(0)).text()).isEmpty();
    }

    @Test
    @DisplayName("takes a reply button's title and a list row's title and description as text")
    void interactiveReplies() {
      assertThat(onlyMessage("interactive-button-reply.json").text()).isEqualTo("Change");
      assertThat(onlyMessage("interactive-list-reply.json").text())
          .isEqualTo("Priority Mail Express — Next Day to 2 Days");
    }

    @Test
    @DisplayName("renders a shared location as text with its name, address and coordinates")
    void location() {
      assertThat(onlyMessage("location.json").text())
          .isEqualTo(
              "Location: Philz Coffee, 1 Hacker Way, Menlo Park, CA 94025"
                  + " (37.483307, -122.148981)");
    }

    @Test
    @DisplayName("keeps a click-to-WhatsApp ad as the message's referral")
    void adReferral() {
      String body =
          fixture("text-message.json")
              .replace(
                  "\"type\": \"text\",",
                  "\"referral\": {\"source_url\": \"https://fb.me/3cr4Wqqkv\","
                      + " \"source_id\": \"120226305854810726\", \"source_type\": \"ad\","
                      + " \"headline\": \"Chat with us\", \"body\": \"Free delivery\","
                      + " \"ctwa_clid\": \"ARAkLkA8rmlFeiCktEJQ-QTwRiyYHAFDLMNDBH0CD3qpjd0H\"},"
                      + " \"type\": \"text\",");
      assertThat(((InboundEvent.Message) receive(body).get(0)).referral())
          .isEqualTo(new Referral(null, "120226305854810726", null));
    }

    @Test
    @DisplayName("reads every entry and every change of a batched delivery, in order")
    void batches() throws IOException {
      JsonNode text = JSON.readTree(fixture("text-message.json"));
      JsonNode status = JSON.readTree(fixture("status-read.json"));
      var root = (com.fasterxml.jackson.databind.node.ObjectNode) text.deepCopy();
      var entries = (com.fasterxml.jackson.databind.node.ArrayNode) root.get("entry");
      entries.add(status.get("entry").get(0));
      ((com.fasterxml.jackson.databind.node.ArrayNode) entries.get(0).get("changes"))
          .add(JSON.readTree(fixture("location.json")).get("entry").get(0).get("changes").get(0));

      List<InboundEvent> events = receive(JSON.writeValueAsString(root));

      assertThat(events)
          .extracting(InboundEvent::kind)
          .containsExactly(
              InboundEvent.Kind.MESSAGE,
              InboundEvent.Kind.MESSAGE,
              InboundEvent.Kind.DELIVERY_STATUS);
    }

    @Test
    @DisplayName("gives no events for another object type, another field or unknown message types")
    void skipsWhatItDoesNotUse() {
      assertThat(receive("{\"object\": \"page\", \"entry\": []}")).isEmpty();
      assertThat(
              receive(
                  fixture("text-message.json")
                      .replace("\"field\": \"messages\"", "\"field\": \"account_update\"")))
          .isEmpty();
      assertThat(
              receive(
                  fixture("text-message.json")
                      .replace("\"type\": \"text\"", "\"type\": \"reaction\"")))
          .isEmpty();
    }

    @Test
    @DisplayName("refuses a message without an id, or with an id over 256 characters, as malformed")
    void malformedIds() {
      String noId = fixture("text-message.json").replace("\"id\": \"wamid", "\"not_id\": \"wamid");
      String longId = fixture("text-message.json").replace(TEXT_WAMID, "w".repeat(257));
      for (String body : List.of(noId, longId)) {
        assertThatThrownBy(() -> receive(body))
            .isInstanceOfSatisfying(
                ConnectorException.class,
                e -> {
                  assertThat(e.kind()).isEqualTo(FailureKind.MALFORMED_PAYLOAD);
                  assertThat(e.getMessage()).doesNotContain("w".repeat(257));
                });
      }
    }

    @Test
    @DisplayName("cuts a text longer than 20,000 characters")
    void boundedText() {
      String body = fixture("text-message.json").replace("Does it come", "x".repeat(25_000));
      assertThat(onlyMessage(receive(body)).text()).hasSize(20_000);
    }
  }

  @Nested
  @DisplayName("Statuses")
  class Statuses {

    @Test
    @DisplayName(
        "map sent, delivered, read and failed to delivery updates keyed by wamid and status")
    void statuses() {
      List<DeliveryStatus> seen = new ArrayList<>();
      for (String name : List.of("sent", "delivered", "read", "failed")) {
        InboundEvent.DeliveryUpdate update =
            (InboundEvent.DeliveryUpdate) receive(fixture("status-" + name + ".json")).get(0);
        assertThat(update.dedupeKey()).isEqualTo(STATUS_WAMID + ":" + name);
        assertThat(update.providerMessageId()).isEqualTo(STATUS_WAMID);
        assertThat(update.channel()).isEqualTo(Channel.WHATSAPP);
        seen.add(update.status());
      }
      assertThat(seen)
          .containsExactly(
              DeliveryStatus.SENT,
              DeliveryStatus.DELIVERED,
              DeliveryStatus.READ,
              DeliveryStatus.FAILED);
    }

    @Test
    @DisplayName("name only the error code of a failure, never its title or details")
    void failureReason() {
      InboundEvent.DeliveryUpdate failed =
          (InboundEvent.DeliveryUpdate) receive(fixture("status-failed.json")).get(0);
      assertThat(failed.failureReason()).isEqualTo("whatsapp error 131026");
    }

    @Test
    @DisplayName("skip statuses it has no delivery status for")
    void unknownStatus() {
      assertThat(receive(fixture("status-read.json").replace("\"read\"", "\"deleted\""))).isEmpty();
    }
  }

  @Nested
  @DisplayName("Signatures")
  class Signatures {

    @Test
    @DisplayName("reject every body with one bit flipped, at positions across the whole body")
    void bitFlips() {
      byte[] body = fixture("text-message.json").getBytes(StandardCharsets.UTF_8);
      String header = "sha256=" + hmacSha256Hex(APP_SECRET, body);
      for (int at = 0; at < body.length; at += 7) {
        for (int bit = 0; bit < 8; bit += 3) {
          byte[] flipped = body.clone();
          flipped[at] ^= (byte) (1 << bit);
          assertRejected(flipped, Map.of("X-Hub-Signature-256", header));
        }
      }
    }

    @Test
    @DisplayName("reject the same JSON re-serialized, because signatures cover the raw bytes")
    void reserialized() throws IOException {
      String raw = fixture("status-failed.json");
      String header = "sha256=" + hmacSha256Hex(APP_SECRET, raw.getBytes(StandardCharsets.UTF_8));
      String compact = JSON.writeValueAsString(JSON.readTree(raw));
      String pretty = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(raw));
      for (String body : List.of(compact, pretty, raw + "\n", raw.replace("\n", "\r\n"))) {
        assertThat(body).isNotEqualTo(raw);
        assertRejected(
            body.getBytes(StandardCharsets.UTF_8), Map.of("X-Hub-Signature-256", header));
      }
    }

    @Test
    @DisplayName("reject a wrong secret, a missing header and malformed headers")
    void wrongSecretsAndHeaders() {
      byte[] body = fixture("text-message.json").getBytes(StandardCharsets.UTF_8);
      String right = hmacSha256Hex(APP_SECRET, body);
      List<Map<String, String>> wrong =
          List.of(
              Map.of(),
              Map.of("X-Hub-Signature-256", "sha256=" + hmacSha256Hex("another-secret", body)),
              Map.of("X-Hub-Signature-256", "sha256=" + hmacSha256Hex(APP_SECRET + " ", body)),
              Map.of("X-Hub-Signature-256", right),
              Map.of("X-Hub-Signature-256", "sha1=" + right),
              Map.of("X-Hub-Signature-256", "sha256=" + right.substring(2)),
              Map.of("X-Hub-Signature-256", "sha256=" + right + "00"),
              Map.of("X-Hub-Signature-256", "sha256=" + "z".repeat(64)),
              Map.of("X-Hub-Signature", "sha256=" + right));
      for (Map<String, String> headers : wrong) {
        assertRejected(body, headers);
      }
    }

    @Test
    @DisplayName("accept the right signature in either hex case")
    void hexCase() {
      byte[] body = fixture("text-message.json").getBytes(StandardCharsets.UTF_8);
      String upper = "sha256=" + hmacSha256Hex(APP_SECRET, body).toUpperCase(java.util.Locale.ROOT);
      connector().verifySignature(webhook(body, Map.of("x-hub-signature-256", upper)));
    }

    @Test
    @DisplayName("refuse a handshake whose challenge is over 256 characters")
    void longChallenge() {
      assertThat(
              connector()
                  .verifyHandshake(
                      Map.of(
                          "hub.mode", "subscribe",
                          "hub.verify_token", "whatsapp-test-verify-token-not-real",
                          "hub.challenge", "1".repeat(257))))
          .isEmpty();
    }

    private void assertRejected(byte[] body, Map<String, String> headers) {
      assertThatThrownBy(() -> connector().receive(webhook(body, headers)))
          .isInstanceOfSatisfying(
              ConnectorException.class,
              e -> assertThat(e.kind()).isEqualTo(FailureKind.SIGNATURE_INVALID));
    }
  }

  @Nested
  @DisplayName("The customer-service window")
  class Window {

    @Test
    @DisplayName("refuses free text 24 hours after the customer's last message, before any call")
    void closed() {
      OutboundMessage late = text().withLastInboundAt(KIT_NOW.minus(Duration.ofHours(25)));
      assertThatThrownBy(() -> connector().send(late, "kit-token"))
          .isInstanceOfSatisfying(
              WhatsAppException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(FailureKind.POLICY_WINDOW_CLOSED);
                assertThat(e.code()).isEqualTo(WhatsAppException.WINDOW_CLOSED);
              });
      assertThat(server().getRequestCount()).isZero();
    }

    @Test
    @DisplayName("sends free text inside the window")
    void open() throws Exception {
      server().enqueue(sendAccepted("wamid.inside"));
      OutboundMessage recent = text().withLastInboundAt(KIT_NOW.minus(Duration.ofHours(23)));
      assertThat(connector().send(recent, "kit-token").providerMessageId())
          .isEqualTo("wamid.inside");
      JsonNode sent = JSON.readTree(server().takeRequest().getBody().utf8());
      assertThat(sent.path("type").asText()).isEqualTo("text");
      assertThat(sent.path("text").path("body").asText()).isEqualTo("Hello");
      assertThat(sent.path("to").asText()).isEqualTo("+16505551234");
    }

    @Test
    @DisplayName("sends an approved template outside the window, its parameters as body text")
    void templateOutsideTheWindow() throws Exception {
      server().enqueue(sendAccepted("wamid.template"));
      OutboundMessage template =
          OutboundMessage.template(
                  PHONE_NUMBER_ID,
                  Channel.WHATSAPP,
                  "+16505551234",
                  new OutboundMessage.Template(
                      "viewing_reminder", "en_US", List.of("Ana", "10:30")))
              .withLastInboundAt(KIT_NOW.minus(Duration.ofDays(9)));

      assertThat(connector().send(template, "kit-token").providerMessageId())
          .isEqualTo("wamid.template");

      RecordedRequest request = server().takeRequest();
      assertThat(request.getUrl().encodedPath()).isEqualTo("/" + PHONE_NUMBER_ID + "/messages");
      assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer kit-token");
      assertThat(request.getUrl().queryParameter("appsecret_proof"))
          .isEqualTo(hmacSha256Hex(APP_SECRET, "kit-token".getBytes(StandardCharsets.UTF_8)));
      JsonNode sent = JSON.readTree(request.getBody().utf8());
      assertThat(sent.path("type").asText()).isEqualTo("template");
      assertThat(sent.path("template").path("name").asText()).isEqualTo("viewing_reminder");
      assertThat(sent.path("template").path("language").path("code").asText()).isEqualTo("en_US");
      JsonNode parameters = sent.path("template").path("components").path(0).path("parameters");
      assertThat(sent.path("template").path("components").path(0).path("type").asText())
          .isEqualTo("body");
      assertThat(parameters.findValuesAsText("text")).containsExactly("Ana", "10:30");
    }

    @Test
    @DisplayName("refuses a text over WhatsApp's 4,096 characters before any call")
    void tooLong() {
      OutboundMessage longText =
          OutboundMessage.text(PHONE_NUMBER_ID, Channel.WHATSAPP, "+16505551234", "x".repeat(4097));
      assertThatThrownBy(() -> connector().send(longText, "kit-token"))
          .isInstanceOfSatisfying(
              WhatsAppException.class,
              e -> assertThat(e.code()).isEqualTo(WhatsAppException.TEXT_TOO_LONG));
      assertThat(server().getRequestCount()).isZero();
    }

    private OutboundMessage text() {
      return OutboundMessage.text(PHONE_NUMBER_ID, Channel.WHATSAPP, "+16505551234", "Hello");
    }
  }

  @Nested
  @DisplayName("Graph errors")
  class GraphErrors {

    @Test
    @DisplayName("classify 190 as AUTH_EXPIRED whatever the HTTP status")
    void tokenExpired() {
      assertThat(sendFailingWith(json(400, fixture("error-190-token-expired.json"))).kind())
          .isEqualTo(FailureKind.AUTH_EXPIRED);
    }

    @Test
    @DisplayName("classify every throttling code as RATE_LIMITED with a wait to honour")
    void throttling() {
      for (int code : List.of(4, 17, 32, 613, 80007, 130429, 131048, 131056)) {
        String body = fixture("error-130429-rate-limit.json").replace("130429", "" + code);
        WhatsAppException e = sendFailingWith(json(400, body));
        assertThat(e.kind()).as("code %s", code).isEqualTo(FailureKind.RATE_LIMITED);
        assertThat(e.graphCode()).hasValue(code);
        assertThat(e.retryAfter())
            .as("code %s", code)
            .contains(code == 131056 ? Duration.ofSeconds(6) : Duration.ofSeconds(60));
      }
    }

    @Test
    @DisplayName("classify 131047 as a closed window, 5xx as TRANSIENT and the rest as PERMANENT")
    void others() {
      WhatsAppException window =
          sendFailingWith(json(400, fixture("error-131047-re-engagement.json")));
      assertThat(window.kind()).isEqualTo(FailureKind.POLICY_WINDOW_CLOSED);
      assertThat(window.code()).isEqualTo(WhatsAppException.WINDOW_CLOSED);
      assertThat(sendFailingWith(json(502, "<html>bad gateway</html>")).kind())
          .isEqualTo(FailureKind.TRANSIENT);
      WhatsAppException unknown =
          sendFailingWith(json(400, fixture("error-100-33-no-such-object.json")));
      assertThat(unknown.kind()).isEqualTo(FailureKind.PERMANENT);
      assertThat(unknown.getMessage())
          .contains("graph error 100/33")
          .doesNotContain("does not exist");
    }

    @Test
    @DisplayName("never retry a send, which the Graph API does not deduplicate")
    void sendsAreNotRetried() {
      sendFailingWith(json(503, fixture("error-131000-something-went-wrong.json")));
      assertThat(server().getRequestCount()).isEqualTo(1);
    }

    @Test
    @DisplayName("answer a repeated idempotency key with the first result and no second call")
    void idempotencyKey() {
      server().enqueue(sendAccepted("wamid.first"));
      OutboundMessage once =
          OutboundMessage.text(PHONE_NUMBER_ID, Channel.WHATSAPP, "+16505551234", "Hi")
              .withIdempotencyKey("draft-42");
      assertThat(connector().send(once, "kit-token").providerMessageId()).isEqualTo("wamid.first");
      assertThat(connector().send(once, "kit-token").providerMessageId()).isEqualTo("wamid.first");
      assertThat(server().getRequestCount()).isEqualTo(1);
    }

    private WhatsAppException sendFailingWith(MockResponse answer) {
      server().enqueue(answer);
      OutboundMessage message =
          OutboundMessage.text(PHONE_NUMBER_ID, Channel.WHATSAPP, "+16505551234", "Hi");
      try {
        connector().send(message, "kit-token");
      } catch (WhatsAppException e) {
        return e;
      }
      throw new AssertionError("the send should have failed");
    }
  }

  @Nested
  @DisplayName("Bounds on what the platform answers")
  class AnswerBounds {

    @Test
    @DisplayName("connects at most 100 phone numbers however many a WABA lists")
    void boundAccounts() {
      StringBuilder numbers = new StringBuilder("{\"data\":[");
      for (int i = 0; i < 150; i++) {
        numbers.append(i == 0 ? "" : ",");
        numbers.append("{\"verified_name\":\"Shop ").append(i).append("\",");
        numbers.append("\"display_phone_number\":\"+1 555 01").append(i).append("\",");
        numbers.append("\"id\":\"").append(106540352242000L + i).append("\"}");
      }
      numbers.append("]}");
      server().enqueue(json(200, fixture("debug-token.json")));
      server().enqueue(json(200, numbers.toString()));

      TokenSet tokens = connector().connectWithApiKey("kit-token");

      assertThat(tokens.accounts()).hasSize(Bounds.MAX_ACCOUNTS);
      assertThat(tokens.accounts().get(0).externalAccountId()).isEqualTo("106540352242000");
    }

    @Test
    @DisplayName("takes an expires_at outside 2000 to 2200 as no expiry instead of failing")
    void boundExpiry() {
      for (String expiresAt : new String[] {"99999999999999999", "12", "-4"}) {
        server()
            .enqueue(
                json(
                    200,
                    fixture("debug-token.json")
                        .replace("\"expires_at\": 0", "\"expires_at\": " + expiresAt)));
        server().enqueue(json(200, fixture("phone-numbers.json")));

        TokenSet tokens = connector().connectWithApiKey("kit-token");

        assertThat(tokens.expiresAt()).as(expiresAt).isNull();
        assertThat(tokens.accounts()).hasSize(1);
      }
    }

    @Test
    @DisplayName("cuts a contact's profile name without splitting an emoji")
    void cutNamesWhole() {
      String name = "a".repeat(Bounds.MAX_ID - 1) + "\uD83D\uDE00 and more";
      String body =
          fixture("text-message.json")
              .replaceFirst("\"name\": \"[^\"]*\"", "\"name\": \"" + name + "\"");
      assertThat(body).contains(name);

      InboundEvent.Message message = onlyMessage(receive(body));
      String kept = message.sender().name();
      assertThat(kept).hasSize(Bounds.MAX_ID - 1);
      assertThat(Character.isHighSurrogate(kept.charAt(kept.length() - 1))).isFalse();
    }
  }

  @Nested
  @DisplayName("Health and reads")
  class HealthAndReads {

    @Test
    @DisplayName("retries a probe after a 5xx with back-off and reports the answer that follows")
    void retriesReads() {
      server().enqueue(json(503, fixture("error-131000-something-went-wrong.json")));
      server().enqueue(probeHealthy());
      assertThat(connector().probe(PHONE_NUMBER_ID, "kit-token").status())
          .isEqualTo(HealthStatus.HEALTHY);
      assertThat(server().getRequestCount()).isEqualTo(2);
    }

    @Test
    @DisplayName("does not wait inside a probe for a Retry-After longer than the setting allows")
    void longRetryAfter() {
      server()
          .enqueue(
              new MockResponse.Builder()
                  .code(429)
                  .setHeader("Retry-After", "3600")
                  .body(fixture("error-130429-rate-limit.json"))
                  .build());
      assertThat(connector().probe(PHONE_NUMBER_ID, "kit-token").status())
          .isEqualTo(HealthStatus.DEGRADED);
      assertThat(server().getRequestCount()).isEqualTo(1);
    }

    @Test
    @DisplayName("reads no more than a bounded answer")
    void boundedAnswer() {
      server().enqueue(json(200, "{\"id\": \"" + "9".repeat(JsonHttp.MAX_ANSWER_BYTES) + "\"}"));
      assertThat(connector().probe(PHONE_NUMBER_ID, "kit-token").status())
          .isEqualTo(HealthStatus.DEGRADED);
    }

    @Test
    @DisplayName("refuses a token that debug_token says is no longer valid")
    void invalidToken() {
      server()
          .enqueue(
              json(
                  200,
                  fixture("debug-token.json")
                      .replace("\"is_valid\": true", "\"is_valid\": false")));
      assertThatThrownBy(() -> connector().connectWithApiKey("kit-token"))
          .isInstanceOfSatisfying(
              ConnectorException.class,
              e -> assertThat(e.kind()).isEqualTo(FailureKind.AUTH_EXPIRED));
    }

    @Test
    @DisplayName("is found by ServiceLoader discovery")
    void discovered() {
      assertThat(ConnectorDiscovery.discover(getClass().getClassLoader()))
          .extracting(ConnectorFactory::providerId)
          .contains("whatsapp");
    }
  }

  // ================================================================ helpers

  private List<InboundEvent> receive(String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return connector().receive(webhook(bytes, signatureHeaders(webhookUri(), bytes, APP_SECRET)));
  }

  private InboundEvent.Message onlyMessage(String fixtureName) {
    return onlyMessage(receive(fixture(fixtureName)));
  }

  private static InboundEvent.Message onlyMessage(List<InboundEvent> events) {
    assertThat(events).hasSize(1);
    return (InboundEvent.Message) events.get(0);
  }

  private WebhookRequest webhook(byte[] body, Map<String, String> headers) {
    return WebhookRequest.post(webhookUri(), headers, body);
  }

  /** A fixture from {@code src/test/resources/fixtures/whatsapp}, as its bytes say. */
  static String fixture(String name) {
    try (InputStream in =
        WhatsAppConnectorTest.class.getResourceAsStream("/fixtures/whatsapp/" + name)) {
      if (in == null) {
        throw new AssertionError("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Seed 1 is the documented payload; other seeds change the one id that must differ. */
  private static byte[] seeded(String body, String id, int seed) {
    String varied = seed == 1 ? body : body.replace(id, id + "_" + seed);
    return varied.getBytes(StandardCharsets.UTF_8);
  }

  static String hmacSha256Hex(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
