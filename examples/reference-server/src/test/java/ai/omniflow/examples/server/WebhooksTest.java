package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.PageRequest;
import ai.omniflow.connector.spi.ConnectorFactory;
import ai.omniflow.connector.spi.HealthStatus;
import ai.omniflow.connector.twilio.TwilioConnectorFactory;
import ai.omniflow.connector.whatsapp.WhatsAppConnectorFactory;
import ai.omniflow.connectors.ConnectorAccount;
import ai.omniflow.inbox.ThreadFilter;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.webhooks.WebhookService;
import ai.omniflow.webhooks.WebhookStatus;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code GET|POST /webhooks/{provider}} over real HTTP with the platforms' documented payloads,
 * signed with test secrets, in live connector mode, with the server's own worker processing the
 * stored deliveries. The Meta and WhatsApp fixtures' event times are moved to now (ingest takes
 * events of the last 30 days), and the Twilio fixture's sender, a fictional 555 number that phone
 * validation refuses, becomes a valid one; nothing else in them changes.
 */
@DisplayName("Webhooks over HTTP")
@Import(WebhooksTest.PlatformConnectors.class)
@TestPropertySource(
    properties = {
      "omniflow.connectors.mode=live",
      "omniflow.webhooks.poll-interval=50ms",
      "omniflow.webhooks.first-backoff=0s",
      "omniflow.connectors.providers.meta.app-id=1234",
      "omniflow.connectors.providers.meta.app-secret=" + WebhooksTest.META_SECRET,
      "omniflow.connectors.providers.meta.webhook-verify-token=" + WebhooksTest.VERIFY_TOKEN,
      "omniflow.connectors.providers.meta.api-base-uri=https://graph.invalid/v21.0/",
      "omniflow.connectors.providers.whatsapp.app-id=5678",
      "omniflow.connectors.providers.whatsapp.app-secret=" + WebhooksTest.WHATSAPP_SECRET,
      "omniflow.connectors.providers.whatsapp.webhook-verify-token=" + WebhooksTest.VERIFY_TOKEN,
      "omniflow.connectors.providers.whatsapp.api-base-uri=https://graph.invalid/v21.0/",
      "omniflow.connectors.providers.twilio.app-id=ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      "omniflow.connectors.providers.twilio.app-secret=" + WebhooksTest.TWILIO_TOKEN,
      "omniflow.connectors.providers.twilio.api-base-uri=https://api.twilio.invalid/",
    })
class WebhooksTest extends ServerTest {
  static final String META_SECRET = "meta-test-app-secret";
  static final String WHATSAPP_SECRET = "whatsapp-test-app-secret";
  static final String TWILIO_TOKEN = "twilio-test-auth-token";
  static final String VERIFY_TOKEN = "test-verify-token";

  static final String META_PAGE = "102030405060708";
  static final String WHATSAPP_NUMBER = "106540352242922";
  static final String TWILIO_NUMBER = "+15017122661";

  /**
   * WhatsApp and Twilio, registered with their configs from the properties above; the server
   * registers Meta's itself (with the page tokens core keeps) once its app id is set.
   */
  @TestConfiguration
  static class PlatformConnectors {
    @Bean
    ConnectorFactory whatsAppFactory() {
      return new WhatsAppConnectorFactory();
    }

    @Bean
    ConnectorFactory twilioFactory() {
      return new TwilioConnectorFactory();
    }
  }

  /** One org for the class: a platform account belongs to the first org that connects it. */
  private static Actor owner;

  @BeforeEach
  void anOrgThatConnectedItsAccounts() {
    if (owner != null) {
      return;
    }
    owner = newOrg("Webhook Realty");
    connect("meta", META_PAGE);
    connect("whatsapp", WHATSAPP_NUMBER);
    connect("twilio", TWILIO_NUMBER);
  }

  private void connect(String provider, String externalId) {
    connect(owner, provider, externalId);
  }

  /** Connects the platform account to the org; returns its ref. */
  private String connect(Actor org, String provider, String externalId) {
    String ref = ConnectorAccount.newAccountRef();
    store.useTransaction(
        org,
        tx ->
            tx.connectorAccounts()
                .insert(
                    new ConnectorAccount(
                        UUID.randomUUID(),
                        org.orgId(),
                        ref,
                        provider,
                        externalId,
                        provider + " " + externalId,
                        List.of(),
                        HealthStatus.HEALTHY,
                        "Connected.",
                        null,
                        null,
                        omniFlow.clock().instant(),
                        omniFlow.clock().instant())));
    return ref;
  }

  private static String fixture(String name) {
    try (InputStream in = WebhooksTest.class.getResourceAsStream("/webhooks/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .strip()
          .replace("From=%2B15558675310", "From=%2B14158675310");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String hubSignature(String secret, String body) {
    return "sha256=" + HexFormat.of().formatHex(mac("HmacSHA256", secret, body));
  }

  /** Twilio's scheme: HMAC-SHA1 over the URL and the sorted form parameters, base64. */
  private static String twilioSignature(String url, String form) {
    TreeMap<String, String> params = new TreeMap<>();
    for (String pair : form.split("&")) {
      int eq = pair.indexOf('=');
      params.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    StringBuilder data = new StringBuilder(url);
    params.forEach((k, v) -> data.append(k).append(v));
    return Base64.getEncoder().encodeToString(mac("HmacSHA1", TWILIO_TOKEN, data.toString()));
  }

  private static byte[] mac(String algorithm, String secret, String data) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private Answer postMeta(String provider, String secret, String body) {
    return send(
        "POST",
        "/webhooks/" + provider,
        body,
        Map.of(
            "Content-Type", "application/json", "X-Hub-Signature-256", hubSignature(secret, body)));
  }

  private Answer postTwilio(String form) {
    String url = "http://localhost:" + port + "/webhooks/twilio";
    return send(
        "POST",
        "/webhooks/twilio",
        form,
        Map.of(
            "Content-Type",
            "application/x-www-form-urlencoded",
            "X-Twilio-Signature",
            twilioSignature(url, form)));
  }

  private long messages() {
    return omniFlow
        .inbox()
        .threads(owner, ThreadFilter.ALL, PageRequest.of(200, 0))
        .items()
        .stream()
        .mapToLong(t -> omniFlow.inbox().messages(owner, t.id(), PageRequest.first()).total())
        .sum();
  }

  private static void eventually(BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the condition did not hold within 20 s");
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private boolean nothingPending() {
    return store.webhookInbox().count(WebhookStatus.PENDING) == 0;
  }

  @Test
  @DisplayName("Meta, WhatsApp and Twilio deliveries are stored, acknowledged and processed")
  void documentedPayloadsBecomeMessages() {
    long before = messages();

    long nowMillis = System.currentTimeMillis();
    String metaBody =
        fixture("meta-messenger-text.json")
            .replace("1733318399000", Long.toString(nowMillis - 1000))
            .replace("1733318400000", Long.toString(nowMillis));
    String whatsAppBody =
        fixture("whatsapp-text-message.json")
            .replace("1749416383", Long.toString(nowMillis / 1000 - 1));
    Answer meta = postMeta("meta", META_SECRET, metaBody);
    Answer whatsapp = postMeta("whatsapp", WHATSAPP_SECRET, whatsAppBody);
    Answer twilio = postTwilio(fixture("twilio-inbound-sms.txt"));

    assertThat(List.of(meta.status(), whatsapp.status(), twilio.status()))
        .as(meta.body() + whatsapp.body() + twilio.body())
        .containsOnly(200);
    eventually(this::nothingPending);
    assertThat(messages() - before).isEqualTo(3);
    assertThat(omniFlow.webhooks().events(owner, WebhookStatus.FAILED, 0, 100)).isEmpty();
    assertThat(omniFlow.inbox().threads(owner, ThreadFilter.ALL, PageRequest.first()).items())
        .extracting(t -> t.channel().id())
        .contains("facebook_dm", "whatsapp", "sms");
  }

  @Test
  @DisplayName("the same delivery five times, shuffled among others, yields each message once")
  void redeliveriesYieldEachMessageOnce() {
    String base = fixture("twilio-inbound-sms.txt");
    List<String> forms = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
      forms.add(base.replace("SMcccccccccccccccccccccccccccccccc", sid));
    }
    List<String> deliveries = new ArrayList<>(forms);
    for (int i = 0; i < 4; i++) {
      deliveries.add(forms.get(2));
    }
    Collections.shuffle(deliveries, new Random(12));
    long before = messages();

    List<Integer> statuses = deliveries.stream().map(f -> postTwilio(f).status()).toList();
    eventually(this::nothingPending);

    assertThat(statuses).containsOnly(200);
    assertThat(messages() - before).isEqualTo(6);
  }

  @Test
  @DisplayName("a bad signature is 401 and nothing is stored")
  void aBadSignatureIsRefused() {
    String body = fixture("meta-messenger-text.json");
    long stored =
        store.webhookInbox().count(WebhookStatus.PENDING)
            + store.webhookInbox().count(WebhookStatus.DONE);

    Answer wrong = postMeta("meta", "not-the-app-secret", body);
    Answer missing = send("POST", "/webhooks/meta", body, Map.of());

    assertProblem(wrong, 401, "signature_invalid");
    assertProblem(missing, 401, "signature_invalid");
    assertThat(
            store.webhookInbox().count(WebhookStatus.PENDING)
                + store.webhookInbox().count(WebhookStatus.DONE))
        .isEqualTo(stored);
  }

  @Test
  @DisplayName("the handshake echoes the challenge for the verify token and is 403 otherwise")
  void theHandshake() {
    Answer ok =
        get(
            "/webhooks/meta?hub.mode=subscribe&hub.verify_token="
                + VERIFY_TOKEN
                + "&hub.challenge=1158201444",
            Map.of());
    Answer wrong =
        get("/webhooks/meta?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1", Map.of());

    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.body()).isEqualTo("1158201444");
    assertProblem(wrong, 403, "handshake_refused");
  }

  @Test
  @DisplayName(
      "a body of 3 MiB and one byte is 413; malformed JSON is 400; unknown objects are 200")
  void boundsAndShapes() {
    String huge = "x".repeat(WebhookService.MAX_BODY_BYTES + 1);
    String malformed = "{\"object\": \"page\", \"entry\": [";
    String unknown = "{\"object\": \"permissions\", \"entry\": []}";

    assertProblem(postMeta("meta", META_SECRET, huge), 413, "payload_too_large");
    assertProblem(postMeta("meta", META_SECRET, malformed), 400, "malformed_payload");
    Answer acknowledged = postMeta("meta", META_SECRET, unknown);
    assertThat(acknowledged.status()).isEqualTo(200);
    eventually(this::nothingPending);
  }

  /** The connectors page's "last webhook" of the account, once it is in {@code state}. */
  private String lastWebhookShown(PageClient pages, String ref, String state) throws Exception {
    String[] shown = {""};
    eventually(
        () -> {
          try {
            String body = pages.get("/connectors").body();
            int at = body.indexOf("id=\"webhook-" + ref + "\"");
            shown[0] = at < 0 ? "" : body.substring(at, body.indexOf("</dd>", at));
            return shown[0].contains("data-state=\"" + state + "\"");
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
    return shown[0];
  }

  @Test
  @DisplayName(
      "the connectors page shows an account's last webhook: none, failed with its code, processed")
  void theConnectorsPageShowsTheLastWebhook() throws Exception {
    Actor realty = newOrg("Last Webhook Realty");
    String number = "+15017122662";
    String ref = connect(realty, "twilio", number);
    PageClient pages = pagesAs(realty, realty.userId());
    PageClient viewer = pagesAs(realty, addMember(realty, ai.omniflow.tenancy.Role.VIEWER));
    String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
    String form =
        fixture("twilio-inbound-sms.txt")
            .replace(
                "To=%2B15017122661",
                "To=" + java.net.URLEncoder.encode(number, StandardCharsets.UTF_8))
            .replace("SMcccccccccccccccccccccccccccccccc", sid);

    assertThat(lastWebhookShown(pages, ref, "none")).contains("None yet");

    // The fixture's own sender, a fictional 555 number, which ingest refuses.
    Answer refused = postTwilio(form.replace("From=%2B14158675310", "From=%2B15558675310"));
    assertThat(refused.status()).as(refused.body()).isEqualTo(200);
    String failed = lastWebhookShown(pages, ref, "failed");
    assertThat(failed).contains(">Failed<").contains("invalid_phone").contains("received ");

    Answer accepted = postTwilio(form);
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
    String processed = lastWebhookShown(pages, ref, "processed");
    assertThat(processed).contains(">Processed<").contains("received ").doesNotContain("Error");
    assertThat(lastWebhookShown(viewer, ref, "processed")).contains(">Processed<");
  }
}
