package ai.omniflow.connector.twilio;

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
import ai.omniflow.connector.spi.TokenSet;
import ai.omniflow.connector.spi.WebhookRequest;
import ai.omniflow.connector.support.internal.Bounds;
import ai.omniflow.connector.tck.ConnectorCompatibilityKit;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The Twilio connector passes the compatibility kit against MockWebServer, with the payloads of
 * Twilio's documentation (see {@code src/test/resources/fixtures/twilio/README.md}), and keeps its
 * own promises: the published signature example, keywords never dropped, Twilio's error codes.
 */
class TwilioConnectorTest extends ConnectorCompatibilityKit {

  static final String NUMBER = "+15017122661";
  static final String ACCOUNT = "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
  static final String INBOUND_SID = "SMcccccccccccccccccccccccccccccccc";
  static final String OUTBOUND_SID = "SMdddddddddddddddddddddddddddddddd";
  private static final String AUTH_TOKEN = "twilio-test-auth-token-not-real";

  /**
   * When the host received the delivery. Twilio's message webhooks carry no time of their own (its
   * signature covers only the URL and the form), so the connector reads the request's {@code Date}
   * header; the kit delivers headers only through {@link #signatureHeaders}, so it goes there.
   */
  static final Instant RECEIVED = Instant.parse("2025-06-20T15:41:07Z");

  @Override
  protected ConnectorFactory factory() {
    return new TwilioConnectorFactory();
  }

  @Override
  protected ConnectorConfig config(URI apiBaseUri, Clock clock) {
    return ConnectorConfig.builder()
        .appId(ACCOUNT)
        .appSecret(AUTH_TOKEN)
        .apiBaseUri(apiBaseUri)
        .clock(clock)
        .build();
  }

  @Override
  protected String sampleAccountId() {
    return NUMBER;
  }

  @Override
  protected String sampleRecipient() {
    return "+15558675310";
  }

  @Override
  protected boolean hasWebhookHandshake() {
    return false;
  }

  @Override
  protected String webhookContentType() {
    return "application/x-www-form-urlencoded";
  }

  @Override
  protected byte[] webhookBody(InboundEvent.Kind kind, int seed) {
    return switch (kind) {
      case MESSAGE -> seeded(fixture("inbound-sms.txt"), INBOUND_SID, seed);
      case DELIVERY_STATUS -> seeded(fixture("status-delivered.txt"), OUTBOUND_SID, seed);
      default -> throw new AssertionError("twilio delivers no " + kind);
    };
  }

  @Override
  protected Map<String, String> signatureHeaders(URI uri, byte[] body, String secret) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Twilio-Signature", expectedSignature(uri.toString(), body, secret));
    headers.put(
        "Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(RECEIVED.atOffset(ZoneOffset.UTC)));
    return headers;
  }

  @Override
  protected List<MockResponse> apiKeyAccepted(String accountId, String accountName) {
    return List.of(
        json(
            200,
            fixture("incoming-phone-numbers.json")
                .replace(NUMBER, accountId)
                .replace("Sunny Homes front desk", accountName)));
  }

  @Override
  protected MockResponse sendAccepted(String providerMessageId) {
    return json(201, fixture("message-created.json").replace(OUTBOUND_SID, providerMessageId));
  }

  @Override
  protected Optional<MockResponse> sendFailure(FailureKind kind) {
    return switch (kind) {
      case AUTH_EXPIRED -> Optional.of(json(401, fixture("error-20003.json")));
      case RATE_LIMITED ->
          Optional.of(
              new MockResponse.Builder()
                  .code(429)
                  .setHeader("Retry-After", "30")
                  .setHeader("Content-Type", "application/json")
                  .body(fixture("error-20429.json"))
                  .build());
      case INVALID_RECIPIENT -> Optional.of(json(400, fixture("error-21211.json")));
      case TRANSIENT -> genericFailure(FailureKind.TRANSIENT);
      default -> Optional.empty(); // SMS has no messaging window
    };
  }

  @Override
  protected MockResponse probeHealthy() {
    return json(200, fixture("incoming-phone-numbers.json"));
  }

  @Override
  protected Optional<MockResponse> probeResponse(HealthStatus status) {
    return switch (status) {
      case HEALTHY -> Optional.of(probeHealthy());
      case NEEDS_REAUTH -> Optional.of(json(401, fixture("error-20003.json")));
      case DEGRADED -> genericFailure(FailureKind.TRANSIENT);
      case DISCONNECTED -> Optional.of(json(200, fixture("incoming-phone-numbers-empty.json")));
    };
  }

  // ================================================================ Twilio's own promises

  @Nested
  @DisplayName("Signatures")
  class Signatures {

    /** From Twilio's webhook security page and its libraries' RequestValidator tests. */
    static final String PUBLISHED_URL = "https://mycompany.com/myapp.php?foo=1&bar=2";

    static final String PUBLISHED_BODY =
        "CallSid=CA1234567890ABCDE&Caller=%2B14158675309&Digits=1234&From=%2B14158675309"
            + "&To=%2B18005551212";
    static final String PUBLISHED_SIGNATURE = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";

    @Test
    @DisplayName("compute Twilio's published example: RSOYDt4T1cUTdK1PDd93/VVr8B8= for token 12345")
    void publishedExample() {
      assertThat(
              TwilioSignature.sign(
                  PUBLISHED_URL,
                  TwilioWebhookParser.form(PUBLISHED_BODY.getBytes(StandardCharsets.UTF_8)),
                  "12345"))
          .isEqualTo(PUBLISHED_SIGNATURE);
    }

    @Test
    @DisplayName("accept the published example delivered to a connector whose auth token is 12345")
    void publishedExampleThroughTheConnector() {
      ai.omniflow.connector.spi.Connector connector =
          factory().create(connectorConfig().toBuilder().appSecret("12345").build());
      WebhookRequest request =
          WebhookRequest.post(
              URI.create(PUBLISHED_URL),
              Map.of("X-Twilio-Signature", PUBLISHED_SIGNATURE),
              PUBLISHED_BODY.getBytes(StandardCharsets.UTF_8));
      connector.verifySignature(request);
      // the parameters in another order sign the same (Twilio sorts them)
      String shuffled =
          "To=%2B18005551212&Digits=1234&CallSid=CA1234567890ABCDE&From=%2B14158675309"
              + "&Caller=%2B14158675309";
      connector.verifySignature(
          WebhookRequest.post(
              URI.create(PUBLISHED_URL),
              Map.of("X-Twilio-Signature", PUBLISHED_SIGNATURE),
              shuffled.getBytes(StandardCharsets.UTF_8)));
      // and the same URL with its default port written out
      connector.verifySignature(
          WebhookRequest.post(
              URI.create("https://mycompany.com:443/myapp.php?foo=1&bar=2"),
              Map.of("X-Twilio-Signature", PUBLISHED_SIGNATURE),
              PUBLISHED_BODY.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    @DisplayName("reject the published example with any one bit of its body flipped")
    void bitFlips() {
      ai.omniflow.connector.spi.Connector connector =
          factory().create(connectorConfig().toBuilder().appSecret("12345").build());
      byte[] body = PUBLISHED_BODY.getBytes(StandardCharsets.UTF_8);
      int rejected = 0;
      for (int at = 0; at < body.length; at++) {
        for (int bit = 0; bit < 8; bit++) {
          byte[] flipped = body.clone();
          flipped[at] ^= (byte) (1 << bit);
          if (sameForm(flipped, body)) {
            continue; // e.g. '+' and "%20" decode alike: the same parameters, rightly the same
          }
          WebhookRequest request =
              WebhookRequest.post(
                  URI.create(PUBLISHED_URL),
                  Map.of("X-Twilio-Signature", PUBLISHED_SIGNATURE),
                  flipped);
          assertThatThrownBy(() -> connector.receive(request))
              .isInstanceOfSatisfying(
                  ConnectorException.class,
                  e -> assertThat(e.kind()).isEqualTo(FailureKind.SIGNATURE_INVALID));
          rejected++;
        }
      }
      assertThat(rejected).isGreaterThan(body.length * 6);
    }

    @Test
    @DisplayName(
        "reject another URL, a wrong token, a missing header, a re-encoded body and garbage")
    void mutations() {
      byte[] body = fixture("inbound-sms.txt").getBytes(StandardCharsets.UTF_8);
      String url = webhookUri().toString();
      String right = expectedSignature(url, body, AUTH_TOKEN);
      String reencoded = fixture("inbound-sms.txt").replace("Body=Hi+is", "Body=Hi%20is");
      String extraParam = fixture("inbound-sms.txt") + "&Injected=1";
      List<WebhookRequest> wrong =
          List.of(
              request(url + "?x=1", body, Map.of("X-Twilio-Signature", right)),
              request(url.replace("https", "http"), body, Map.of("X-Twilio-Signature", right)),
              request(url, body, Map.of("X-Twilio-Signature", expectedSignature(url, body, "x"))),
              request(url, body, Map.of()),
              request(url, body, Map.of("X-Twilio-Signature", "")),
              request(url, body, Map.of("X-Twilio-Signature", right.substring(1))),
              request(url, body, Map.of("X-Twilio-Signature", right + right + right + right)),
              request(url, body, Map.of("X-Hub-Signature-256", right)),
              request(
                  url,
                  extraParam.getBytes(StandardCharsets.UTF_8),
                  Map.of("X-Twilio-Signature", right)),
              request(
                  url,
                  "%zz".getBytes(StandardCharsets.UTF_8),
                  Map.of("X-Twilio-Signature", right)));
      for (WebhookRequest request : wrong) {
        assertThatThrownBy(() -> connector().receive(request))
            .as("%s", request)
            .isInstanceOfSatisfying(
                ConnectorException.class,
                e -> assertThat(e.kind()).isEqualTo(FailureKind.SIGNATURE_INVALID));
      }
      // Re-encoding the same parameters keeps the signature: Twilio signs decoded values.
      connector()
          .verifySignature(
              request(
                  url,
                  reencoded.getBytes(StandardCharsets.UTF_8),
                  Map.of("X-Twilio-Signature", right)));
    }

    private boolean sameForm(byte[] a, byte[] b) {
      try {
        return new TreeMap<>(toMap(TwilioWebhookParser.form(a)))
            .equals(new TreeMap<>(toMap(TwilioWebhookParser.form(b))));
      } catch (ConnectorException notAForm) {
        return false;
      }
    }

    private Map<String, String> toMap(List<Map.Entry<String, String>> params) {
      Map<String, String> map = new LinkedHashMap<>();
      params.forEach(p -> map.merge(p.getKey(), p.getValue(), (x, y) -> x + "\u0000" + y));
      return map;
    }
  }

  @Nested
  @DisplayName("Bounds on what the platform answers")
  class AnswerBounds {

    @Test
    @DisplayName("connects at most 100 numbers however many the account lists")
    void boundAccounts() {
      StringBuilder numbers = new StringBuilder("{\"incoming_phone_numbers\":[");
      for (int i = 0; i < 150; i++) {
        numbers.append(i == 0 ? "" : ",");
        numbers.append("{\"friendly_name\":\"Desk ").append(i).append("\",");
        numbers.append("\"phone_number\":\"+1501712").append(2000 + i).append("\"}");
      }
      numbers.append("]}");
      server().enqueue(json(200, numbers.toString()));

      TokenSet tokens = connector().connectWithApiKey(ACCOUNT + ":" + AUTH_TOKEN);

      assertThat(tokens.accounts()).hasSize(Bounds.MAX_ACCOUNTS);
      assertThat(tokens.accounts().get(0).externalAccountId()).isEqualTo("+15017122000");
    }

    @Test
    @DisplayName("cuts a WhatsApp-style ProfileName without splitting an emoji")
    void cutNamesWhole() {
      String name = "a".repeat(Bounds.MAX_ID - 1) + "\uD83D\uDE00";
      String body =
          fixture("inbound-sms.txt").strip()
              + "&ProfileName="
              + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8);

      String kept = onlyMessage(receive(body)).sender().name();

      assertThat(kept).hasSize(Bounds.MAX_ID - 1);
      assertThat(Character.isHighSurrogate(kept.charAt(kept.length() - 1))).isFalse();
    }
  }

  @Nested
  @DisplayName("Inbound messages")
  class InboundMessages {

    @Test
    @DisplayName("read an SMS with its MessageSid as dedupe key, its To as the account")
    void sms() {
      InboundEvent.Message message = onlyMessage("inbound-sms.txt");
      assertThat(message.dedupeKey()).isEqualTo(INBOUND_SID);
      assertThat(message.providerAccountId()).isEqualTo(NUMBER);
      assertThat(message.channel()).isEqualTo(Channel.SMS);
      assertThat(message.text()).isEqualTo("Hi is the flat on Mission St still free?");
      assertThat(message.sender().phone()).isEqualTo("+15558675310");
      assertThat(message.occurredAt()).isEqualTo(RECEIVED);
    }

    @Test
    @DisplayName("deliver STOP, START and HELP as ordinary messages, never dropping them")
    void keywords() {
      assertThat(onlyMessage("inbound-stop.txt").text()).isEqualTo("STOP");
      for (String keyword : List.of("START", "HELP", "UNSUBSCRIBE", "stop")) {
        String body = fixture("inbound-stop.txt").replace("Body=STOP", "Body=" + keyword);
        assertThat(onlyMessage(receive(body)).text()).isEqualTo(keyword);
      }
    }

    @Test
    @DisplayName("read a WhatsApp message sent through Twilio on the whatsapp channel")
    void whatsappThroughTwilio() {
      String body =
          fixture("inbound-sms.txt")
              .replace("From=%2B15558675310", "From=whatsapp%3A%2B15558675310")
              .replace("To=%2B15017122661", "To=whatsapp%3A%2B15017122661");
      InboundEvent.Message message = onlyMessage(receive(body));
      assertThat(message.channel()).isEqualTo(Channel.WHATSAPP);
      assertThat(message.providerAccountId()).isEqualTo(NUMBER);
    }

    @Test
    @DisplayName("take the time from the clock when the host gives no Date header")
    void noDate() {
      byte[] body = fixture("inbound-sms.txt").getBytes(StandardCharsets.UTF_8);
      String url = webhookUri().toString();
      List<InboundEvent> events =
          connector()
              .receive(
                  request(
                      url,
                      body,
                      Map.of("X-Twilio-Signature", expectedSignature(url, body, AUTH_TOKEN))));
      assertThat(events.get(0).occurredAt()).isEqualTo(KIT_NOW);
    }

    @Test
    @DisplayName("refuse an id over 256 characters as malformed without echoing it")
    void longId() {
      String body = fixture("inbound-sms.txt").replace(INBOUND_SID, "S".repeat(300));
      assertThatThrownBy(() -> receive(body))
          .isInstanceOfSatisfying(
              ConnectorException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(FailureKind.MALFORMED_PAYLOAD);
                assertThat(e.getMessage()).doesNotContain("S".repeat(300));
              });
    }
  }

  @Nested
  @DisplayName("Status callbacks")
  class StatusCallbacks {

    @Test
    @DisplayName("map sent, delivered, undelivered and failed faithfully, keyed by sid and status")
    void statuses() {
      List<DeliveryStatus> seen = new ArrayList<>();
      for (String status : List.of("sent", "delivered", "undelivered", "failed")) {
        InboundEvent.DeliveryUpdate update =
            (InboundEvent.DeliveryUpdate) receive(fixture("status-" + status + ".txt")).get(0);
        assertThat(update.dedupeKey()).isEqualTo(OUTBOUND_SID + ":" + status);
        assertThat(update.providerMessageId()).isEqualTo(OUTBOUND_SID);
        assertThat(update.providerAccountId()).isEqualTo(NUMBER);
        seen.add(update.status());
      }
      assertThat(seen)
          .containsExactly(
              DeliveryStatus.SENT,
              DeliveryStatus.DELIVERED,
              DeliveryStatus.FAILED,
              DeliveryStatus.FAILED);
    }

    @Test
    @DisplayName("name the error code of an undelivered message and the carrier's receipt time")
    void detail() {
      InboundEvent.DeliveryUpdate undelivered =
          (InboundEvent.DeliveryUpdate) receive(fixture("status-undelivered.txt")).get(0);
      assertThat(undelivered.failureReason()).isEqualTo("twilio undelivered 30003");
      InboundEvent.DeliveryUpdate delivered =
          (InboundEvent.DeliveryUpdate) receive(fixture("status-delivered.txt")).get(0);
      assertThat(delivered.occurredAt()).isEqualTo(Instant.parse("2025-06-20T15:42:00Z"));
    }

    @Test
    @DisplayName("give no event for queued, which is not news yet")
    void queued() {
      assertThat(receive(fixture("status-queued.txt"))).isEmpty();
    }
  }

  @Nested
  @DisplayName("Sending")
  class Sending {

    @Test
    @DisplayName("posts To, From and Body to the Messages API with Basic AccountSid:AuthToken")
    void messagesApi() throws Exception {
      server().enqueue(sendAccepted(OUTBOUND_SID));
      String credentials = "AC" + "1".repeat(32) + ":org-auth-token-not-real";
      assertThat(connector().send(text("Hi Ana"), credentials).providerMessageId())
          .isEqualTo(OUTBOUND_SID);
      RecordedRequest request = server().takeRequest();
      assertThat(request.getMethod()).isEqualTo("POST");
      assertThat(request.getUrl().encodedPath())
          .isEqualTo("/2010-04-01/Accounts/AC" + "1".repeat(32) + "/Messages.json");
      assertThat(request.getHeaders().get("Authorization"))
          .isEqualTo(
              "Basic "
                  + Base64.getEncoder()
                      .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
      Map<String, String> form = decode(request.getBody().utf8());
      assertThat(form)
          .containsEntry("To", "+15558675310")
          .containsEntry("From", NUMBER)
          .containsEntry("Body", "Hi Ana");
    }

    @Test
    @DisplayName("sends from a Messaging Service when the account is one")
    void messagingService() throws Exception {
      server().enqueue(sendAccepted(OUTBOUND_SID));
      String service = "MG" + "b".repeat(32);
      connector()
          .send(OutboundMessage.text(service, Channel.SMS, "+15558675310", "Hi"), "token-not-real");
      Map<String, String> form = decode(server().takeRequest().getBody().utf8());
      assertThat(form).containsEntry("MessagingServiceSid", service).doesNotContainKey("From");
    }

    @Test
    @DisplayName("reports 21610 as PERMANENT with the recipient_unsubscribed code")
    void unsubscribed() {
      TwilioException e = failing(json(400, fixture("error-21610.json")));
      assertThat(e.kind()).isEqualTo(FailureKind.PERMANENT);
      assertThat(e.code()).isEqualTo(TwilioException.RECIPIENT_UNSUBSCRIBED);
      assertThat(e.twilioCode()).hasValue(21610);
    }

    @Test
    @DisplayName("reports 20003 as AUTH_EXPIRED and 20429 as RATE_LIMITED with a default wait")
    void authAndRate() {
      assertThat(failing(json(400, fixture("error-20003.json"))).kind())
          .isEqualTo(FailureKind.AUTH_EXPIRED);
      TwilioException limited = failing(json(400, fixture("error-20429.json")));
      assertThat(limited.kind()).isEqualTo(FailureKind.RATE_LIMITED);
      assertThat(limited.retryAfter()).contains(Duration.ofSeconds(5));
    }

    @Test
    @DisplayName("never echoes Twilio's message, which repeats the recipient")
    void noEcho() {
      TwilioException e = failing(json(400, fixture("error-21211.json")));
      assertThat(e.kind()).isEqualTo(FailureKind.INVALID_RECIPIENT);
      assertThat(e.getMessage()).contains("21211").doesNotContain("+1555555012XXXX");
    }

    @Test
    @DisplayName("never retries a send and answers a repeated idempotency key from memory")
    void noRetriesAndIdempotency() {
      failing(json(503, "{}"));
      assertThat(server().getRequestCount()).isEqualTo(1);
      server().enqueue(sendAccepted("SMfirst"));
      OutboundMessage keyed = text("Hi").withIdempotencyKey("draft-7");
      assertThat(connector().send(keyed, "token-not-real").providerMessageId())
          .isEqualTo("SMfirst");
      assertThat(connector().send(keyed, "token-not-real").providerMessageId())
          .isEqualTo("SMfirst");
      assertThat(server().getRequestCount()).isEqualTo(2);
    }

    @Test
    @DisplayName("refuses a body over 1,600 characters before any call")
    void tooLong() {
      assertThatThrownBy(() -> connector().send(text("x".repeat(1601)), "token-not-real"))
          .isInstanceOfSatisfying(
              TwilioException.class,
              e -> assertThat(e.code()).isEqualTo(TwilioException.TEXT_TOO_LONG));
      assertThat(server().getRequestCount()).isZero();
    }

    @Test
    @DisplayName("retries a probe after a 5xx and is found by ServiceLoader discovery")
    void probeRetriesAndDiscovery() {
      server().enqueue(json(500, "{}"));
      server().enqueue(probeHealthy());
      assertThat(connector().probe(NUMBER, "token-not-real").status())
          .isEqualTo(HealthStatus.HEALTHY);
      assertThat(server().getRequestCount()).isEqualTo(2);
      assertThat(ConnectorDiscovery.discover(getClass().getClassLoader()))
          .extracting(ConnectorFactory::providerId)
          .contains("twilio");
    }

    private TwilioException failing(MockResponse answer) {
      server().enqueue(answer);
      try {
        connector().send(text("Hi"), "token-not-real");
      } catch (TwilioException e) {
        return e;
      }
      throw new AssertionError("the send should have failed");
    }

    private OutboundMessage text(String body) {
      return OutboundMessage.text(NUMBER, Channel.SMS, "+15558675310", body);
    }
  }

  // ================================================================ helpers

  private List<InboundEvent> receive(String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return connector()
        .receive(
            request(
                webhookUri().toString(), bytes, signatureHeaders(webhookUri(), bytes, AUTH_TOKEN)));
  }

  private InboundEvent.Message onlyMessage(String fixtureName) {
    return onlyMessage(receive(fixture(fixtureName)));
  }

  private static InboundEvent.Message onlyMessage(List<InboundEvent> events) {
    assertThat(events).hasSize(1);
    return (InboundEvent.Message) events.get(0);
  }

  private static WebhookRequest request(String url, byte[] body, Map<String, String> headers) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put("Content-Type", "application/x-www-form-urlencoded");
    return WebhookRequest.post(URI.create(url), all, body);
  }

  private static Map<String, String> decode(String form) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : form.split("&")) {
      int eq = pair.indexOf('=');
      params.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return params;
  }

  /** An independent computation of Twilio's signature, as its documentation describes it. */
  static String expectedSignature(String url, byte[] body, String token) {
    TreeMap<String, List<String>> sorted = new TreeMap<>();
    String text = new String(body, StandardCharsets.UTF_8);
    if (!text.isEmpty()) {
      for (String pair : text.split("&")) {
        int eq = pair.indexOf('=');
        String name =
            URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value =
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        sorted.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
      }
    }
    StringBuilder data = new StringBuilder(url);
    sorted.forEach(
        (name, values) -> values.stream().sorted().forEach(v -> data.append(name).append(v)));
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A fixture from {@code src/test/resources/fixtures/twilio}, as its bytes say. */
  static String fixture(String name) {
    try (InputStream in =
        TwilioConnectorTest.class.getResourceAsStream("/fixtures/twilio/" + name)) {
      if (in == null) {
        throw new AssertionError("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Seed 1 is the documented payload; other seeds change the sid that must differ. */
  private static byte[] seeded(String body, String sid, int seed) {
    String varied = seed == 1 ? body : body.replace(sid, sid.substring(0, sid.length() - 1) + seed);
    return varied.getBytes(StandardCharsets.UTF_8);
  }
}
