package ai.omniflow.connector.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.connector.spi.Channel;
import ai.omniflow.connector.spi.Connector;
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
import ai.omniflow.connector.spi.SendResult;
import ai.omniflow.connector.spi.TokenSet;
import ai.omniflow.connector.spi.WebhookRequest;
import ai.omniflow.connector.support.internal.Bounds;
import ai.omniflow.connector.tck.ConnectorCompatibilityKit;
import ai.omniflow.connector.tck.TokenGrant;
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
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The Meta connector passes the compatibility kit against MockWebServer, with the payloads of
 * Meta's documentation (see {@code src/test/resources/fixtures/meta/README.md}), and keeps its own
 * promises: every entry and event of a batch, echoes, comments, leads, the messaging window,
 * appsecret_proof, Graph error codes and signatures.
 */
class MetaConnectorTest extends ConnectorCompatibilityKit {

  static final String PAGE_ID = "102030405060708";
  static final String IG_ID = "17841400000000001";
  static final String PAGE_TOKEN = "meta-test-page-token-not-real";
  private static final String APP_SECRET = "meta-test-app-secret-not-real";
  private static final String VERIFY_TOKEN = "meta-test-verify-token-not-real";
  private static final String TEXT_MID =
      "m_AG5Hz2Uq7tuwNEhXfYYKj8mJEM_QPpz5jdCK48PnKAjSdjfipqxqMvK8ma6AC8fplwlqLP_5cgXIbu7I3rBN0P";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  protected ConnectorFactory factory() {
    return new MetaConnectorFactory(
        pageId -> PAGE_ID.equals(pageId) ? Optional.of(PAGE_TOKEN) : Optional.empty());
  }

  @Override
  protected ConnectorConfig config(URI apiBaseUri, Clock clock) {
    return ConnectorConfig.builder()
        .appId("1234567890")
        .appSecret(APP_SECRET)
        .webhookVerifyToken(VERIFY_TOKEN)
        .apiBaseUri(apiBaseUri)
        .redirectUri(URI.create("https://crm.example/oauth/meta/callback"))
        .scopes(MetaConnectorFactory.SCOPES)
        .clock(clock)
        .build();
  }

  @Override
  protected String sampleAccountId() {
    return PAGE_ID;
  }

  /**
   * Lead-ad changes are left out of the kit's webhook runs: each one reads the lead over HTTP while
   * parsing, which the kit does not script. {@link Leads} covers them.
   */
  @Override
  protected Set<InboundEvent.Kind> webhookKinds() {
    return EnumSet.of(
        InboundEvent.Kind.MESSAGE, InboundEvent.Kind.COMMENT, InboundEvent.Kind.DELIVERY_STATUS);
  }

  @Override
  protected Channel outboundChannel() {
    return Channel.FACEBOOK_DM;
  }

  @Override
  protected String sampleRecipient() {
    return "6123456789012345";
  }

  @Override
  protected byte[] webhookBody(InboundEvent.Kind kind, int seed) {
    return switch (kind) {
      case MESSAGE -> seeded(fixture("messenger-text.json"), TEXT_MID, seed);
      case COMMENT ->
          seeded(fixture("facebook-feed-comment.json"), "987654321098765_111222333444555", seed);
      case DELIVERY_STATUS -> seeded(fixture("messenger-delivery.json"), "m_delivered_0001", seed);
      default -> throw new AssertionError("not asked by the kit: " + kind);
    };
  }

  @Override
  protected Map<String, String> signatureHeaders(URI uri, byte[] body, String secret) {
    return Map.of("X-Hub-Signature-256", "sha256=" + hmacSha256Hex(secret, body));
  }

  @Override
  protected List<MockResponse> tokenResponses(TokenGrant grant) {
    return List.of(
        json(200, "{\"access_token\":\"short-lived-not-real\",\"token_type\":\"bearer\"}"),
        longLivedResponses(grant).get(0),
        longLivedResponses(grant).get(1),
        longLivedResponses(grant).get(2));
  }

  @Override
  protected List<MockResponse> refreshResponses(TokenGrant grant) {
    return longLivedResponses(grant);
  }

  private static List<MockResponse> longLivedResponses(TokenGrant grant) {
    long seconds = grant.expiresIn().toSeconds();
    String scopes = String.join(",", grant.scopes().stream().map(s -> "\"" + s + "\"").toList());
    return List.of(
        json(
            200,
            "{\"access_token\":\""
                + grant.refreshToken()
                + "\",\"token_type\":\"bearer\",\"expires_in\":"
                + seconds
                + "}"),
        json(
            200,
            "{\"data\":{\"app_id\":\"1234567890\",\"type\":\"USER\",\"application\":\"OmniFlow\","
                + "\"expires_at\":"
                + KIT_NOW.plusSeconds(seconds).getEpochSecond()
                + ",\"is_valid\":true,\"scopes\":["
                + scopes
                + "],\"user_id\":\"10160000000000000\"}}"),
        json(
            200,
            "{\"data\":[{\"access_token\":\""
                + grant.accessToken()
                + "\",\"category\":\"Real Estate\",\"name\":\""
                + grant.accountName()
                + "\",\"id\":\""
                + grant.accountId()
                + "\",\"tasks\":[\"ANALYZE\",\"ADVERTISE\",\"MODERATE\",\"CREATE_CONTENT\",\"MANAGE\"]"
                + "}],\"paging\":{\"cursors\":{\"before\":\"QVFI\",\"after\":\"QVFI\"}}}"));
  }

  @Override
  protected MockResponse grantRejected() {
    return json(
        400,
        "{\"error\":{\"message\":\"Invalid verification code format.\",\"type\":\"OAuthException\","
            + "\"code\":100,\"error_subcode\":36008,\"fbtrace_id\":\"AbCd\"}}");
  }

  @Override
  protected MockResponse revokeAccepted() {
    return json(200, "{\"success\":true}");
  }

  @Override
  protected MockResponse sendAccepted(String providerMessageId) {
    return json(200, fixture("send-accepted.json").replace("m_sent_0001", providerMessageId));
  }

  @Override
  protected Optional<MockResponse> sendFailure(FailureKind kind) {
    return switch (kind) {
      case AUTH_EXPIRED -> Optional.of(json(401, fixture("error-190-token-expired.json")));
      case RATE_LIMITED ->
          Optional.of(
              new MockResponse.Builder()
                  .code(400)
                  .setHeader("Retry-After", "30")
                  .setHeader("Content-Type", "application/json")
                  .body(fixture("error-613-rate-limit.json"))
                  .build());
      case INVALID_RECIPIENT ->
          Optional.of(json(400, fixture("error-100-2018001-no-matching-user.json")));
      case POLICY_WINDOW_CLOSED ->
          Optional.of(json(400, fixture("error-10-2018278-outside-window.json")));
      case TRANSIENT -> Optional.of(json(500, fixture("error-2-service-unavailable.json")));
      default -> Optional.empty();
    };
  }

  @Override
  protected MockResponse probeHealthy() {
    return json(200, fixture("me.json"));
  }

  @Override
  protected Optional<MockResponse> probeResponse(HealthStatus status) {
    return switch (status) {
      case HEALTHY -> Optional.of(probeHealthy());
      case NEEDS_REAUTH -> Optional.of(json(400, fixture("error-190-token-expired.json")));
      case DEGRADED -> Optional.of(json(500, fixture("error-2-service-unavailable.json")));
      case DISCONNECTED ->
          Optional.of(
              json(
                  400,
                  "{\"error\":{\"message\":\"Unsupported get request.\",\"type\":\"GraphMethodException\","
                      + "\"code\":100,\"error_subcode\":33,\"fbtrace_id\":\"AbCd\"}}"));
    };
  }

  // ================================================================ Meta's own promises

  @Nested
  @DisplayName("Direct messages")
  class DirectMessages {

    @Test
    @DisplayName("turn a Messenger message into a facebook_dm keyed by its mid")
    void messengerText() {
      InboundEvent.Message message = onlyMessage(receive(fixture("messenger-text.json")));
      assertThat(message.channel()).isEqualTo(Channel.FACEBOOK_DM);
      assertThat(message.providerAccountId()).isEqualTo(PAGE_ID);
      assertThat(message.providerMessageId()).isEqualTo(TEXT_MID);
      assertThat(message.dedupeKey()).isEqualTo("mid:" + TEXT_MID);
      assertThat(message.sender().handle()).isEqualTo("6123456789012345");
      assertThat(message.text()).isEqualTo("Hi! Is the flat on Elm Street still available?");
      assertThat(message.occurredAt()).isEqualTo(Instant.ofEpochMilli(1733318399000L));
      assertThat(message.referral()).isEqualTo(Referral.NONE);
    }

    @Test
    @DisplayName("turn an Instagram message into an instagram_dm of the Instagram account")
    void instagramText() {
      InboundEvent.Message message = onlyMessage(receive(fixture("instagram-dm.json")));
      assertThat(message.channel()).isEqualTo(Channel.INSTAGRAM_DM);
      assertThat(message.providerAccountId()).isEqualTo(IG_ID);
      assertThat(message.sender().handle()).isEqualTo("1790012345678901");
    }

    @Test
    @DisplayName("keep the ad and its post from a click-to-Messenger referral")
    void adReferral() {
      InboundEvent.Message message = onlyMessage(receive(fixture("messenger-ad-referral.json")));
      assertThat(message.referral())
          .isEqualTo(new Referral(null, "120210000000001", "102030405060708_987654321098765"));
    }

    @Test
    @DisplayName("never take an echo of the page's own send for a customer message")
    void echoes() {
      List<InboundEvent> events = receive(fixture("messenger-echo.json"));
      assertThat(events).noneMatch(e -> e instanceof InboundEvent.Message);
      assertThat(events)
          .singleElement()
          .isInstanceOfSatisfying(
              InboundEvent.DeliveryUpdate.class,
              u -> {
                assertThat(u.providerMessageId()).isEqualTo("m_echo_0001");
                assertThat(u.status()).isEqualTo(DeliveryStatus.SENT);
              });
    }

    @Test
    @DisplayName("read every entry and every messaging event of a batch, in order")
    void batches() throws IOException {
      JsonNode a = JSON.readTree(fixture("messenger-text.json"));
      JsonNode b = JSON.readTree(fixture("messenger-ad-referral.json"));
      JsonNode c = JSON.readTree(fixture("messenger-delivery.json"));
      var root = JSON.createObjectNode().put("object", "page");
      var entries = root.putArray("entry");
      entries.add(a.path("entry").get(0));
      var second = b.path("entry").get(0).deepCopy();
      ((com.fasterxml.jackson.databind.node.ArrayNode) second.path("messaging"))
          .add(c.path("entry").get(0).path("messaging").get(0));
      entries.add(second);
      List<InboundEvent> events = receive(JSON.writeValueAsString(root));
      assertThat(events)
          .extracting(InboundEvent::dedupeKey)
          .containsExactly(
              "mid:" + TEXT_MID, "mid:m_ad_referral_0001", "delivered:m_delivered_0001");
    }

    @Test
    @DisplayName("skip unknown objects, fields and events without failing")
    void unknowns() {
      assertThat(receive("{\"object\":\"user\",\"entry\":[{\"id\":\"1\",\"changes\":[]}]}"))
          .isEmpty();
      assertThat(
              receive(
                  "{\"object\":\"page\",\"entry\":[{\"id\":\"1\",\"time\":1,"
                      + "\"changes\":[{\"field\":\"ratings\",\"value\":{}}],"
                      + "\"messaging\":[{\"sender\":{\"id\":\"2\"},\"recipient\":{\"id\":\"1\"},"
                      + "\"timestamp\":1733318399000,\"postback\":{\"title\":\"Hi\"}},"
                      + "{\"sender\":{\"id\":\"2\"},\"timestamp\":1733318399000,"
                      + "\"read\":{\"watermark\":1}},{\"sender\":{},\"message\":{}}, 7, null]}, 3]}"))
          .isEmpty();
    }

    @Test
    @DisplayName("skip an event whose id is over 256 characters and cut text to 20,000")
    void bounds() {
      String body =
          fixture("messenger-text.json")
              .replace(TEXT_MID, "m".repeat(257))
              .replace("Hi! Is the flat on Elm Street still available?", "x".repeat(30_000));
      assertThat(receive(body)).isEmpty();
      InboundEvent.Message message =
          onlyMessage(
              receive(
                  fixture("messenger-text.json")
                      .replace(
                          "Hi! Is the flat on Elm Street still available?", "x".repeat(30_000))));
      assertThat(message.text()).hasSize(20_000);
    }

    @Test
    @DisplayName("name no part of the body in the error for malformed JSON")
    void malformedNamesNoInput() {
      String body = "{\"object\":\"page\",\"entry\":[{\"id\":\"secret-looking-value\"";
      assertThatThrownBy(() -> receive(body))
          .isInstanceOfSatisfying(
              ConnectorException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(FailureKind.MALFORMED_PAYLOAD);
                assertThat(e.getMessage()).doesNotContain("secret-looking-value");
              });
    }
  }

  @Nested
  @DisplayName("Comments")
  class Comments {

    @Test
    @DisplayName("turn a Facebook feed comment into a facebook_comment with its post")
    void facebook() {
      InboundEvent.Comment comment = onlyComment(receive(fixture("facebook-feed-comment.json")));
      assertThat(comment.channel()).isEqualTo(Channel.FACEBOOK_COMMENT);
      assertThat(comment.commentId()).isEqualTo("987654321098765_111222333444555");
      assertThat(comment.dedupeKey()).isEqualTo("comment:987654321098765_111222333444555");
      assertThat(comment.parentCommentId()).as("a top-level comment").isNull();
      assertThat(comment.referral().postId()).isEqualTo("102030405060708_987654321098765");
      assertThat(comment.sender().name()).isEqualTo("Ana Lima");
      assertThat(comment.text()).isEqualTo("How much is the rent?");
      assertThat(comment.occurredAt()).isEqualTo(Instant.ofEpochSecond(1733318899L));
    }

    @Test
    @DisplayName("turn an Instagram comment into an instagram_comment with its media and ad")
    void instagram() {
      InboundEvent.Comment comment = onlyComment(receive(fixture("instagram-comment.json")));
      assertThat(comment.channel()).isEqualTo(Channel.INSTAGRAM_COMMENT);
      assertThat(comment.providerAccountId()).isEqualTo(IG_ID);
      assertThat(comment.commentId()).isEqualTo("17865799348089039");
      assertThat(comment.referral())
          .isEqualTo(new Referral(null, "120210000000002", "17900000000000001"));
      assertThat(comment.sender().name()).isEqualTo("ana.lima");
      assertThat(comment.occurredAt()).isEqualTo(Instant.ofEpochSecond(1733319000L));
    }

    @Test
    @DisplayName("skip the page's own comments, edits, removals and other feed items")
    void skipsOwnAndOthers() {
      String feed = fixture("facebook-feed-comment.json");
      assertThat(receive(feed.replace("\"id\": \"24242424242424\"", "\"id\": \"" + PAGE_ID + "\"")))
          .isEmpty();
      assertThat(receive(feed.replace("\"verb\": \"add\"", "\"verb\": \"remove\""))).isEmpty();
      assertThat(receive(feed.replace("\"item\": \"comment\"", "\"item\": \"reaction\"")))
          .isEmpty();
    }
  }

  @Nested
  @DisplayName("Lead Ads")
  class Leads {

    @Test
    @DisplayName("read the lead with the page token and keep its answers, ad, form and campaign")
    void leadgen() throws Exception {
      server().enqueue(json(200, fixture("lead.json")));
      List<InboundEvent> events = receive(fixture("leadgen.json"));
      assertThat(events).singleElement().isInstanceOf(InboundEvent.LeadForm.class);
      InboundEvent.LeadForm lead = (InboundEvent.LeadForm) events.get(0);
      assertThat(lead.dedupeKey()).isEqualTo("lead:444555666777888");
      assertThat(lead.providerAccountId()).isEqualTo(PAGE_ID);
      assertThat(lead.formId()).isEqualTo("555666777888999");
      assertThat(lead.fields())
          .containsExactly(
              Map.entry("full_name", "Ana Lima"),
              Map.entry("email", "ana.lima@example.com"),
              Map.entry("phone_number", "+4915112345678"),
              Map.entry("when_do_you_want_to_move?", "within_3_months"));
      assertThat(lead.sender().name()).isEqualTo("Ana Lima");
      assertThat(lead.sender().email()).isEqualTo("ana.lima@example.com");
      assertThat(lead.sender().phone()).isEqualTo("+4915112345678");
      assertThat(lead.referral())
          .isEqualTo(new Referral("120210000000005", "120210000000003", null));
      assertThat(lead.occurredAt()).isEqualTo(Instant.parse("2024-12-04T13:31:39Z"));

      RecordedRequest read = server().takeRequest(5, TimeUnit.SECONDS);
      assertThat(read).isNotNull();
      assertThat(read.getUrl().encodedPath()).isEqualTo("/444555666777888");
      assertThat(read.getHeaders().get("Authorization")).isEqualTo("Bearer " + PAGE_TOKEN);
      assertThat(read.getUrl().queryParameter("appsecret_proof"))
          .isEqualTo(hmacSha256Hex(APP_SECRET, PAGE_TOKEN.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    @DisplayName("fail without dropping the lead when the page has no token")
    void noPageToken() {
      Connector without = new MetaConnectorFactory().create(connectorConfig());
      byte[] body = fixture("leadgen.json").getBytes(StandardCharsets.UTF_8);
      assertThatThrownBy(
              () ->
                  without.receive(webhook(body, signatureHeaders(webhookUri(), body, APP_SECRET))))
          .isInstanceOfSatisfying(
              MetaException.class,
              e -> {
                assertThat(e.code()).isEqualTo(MetaException.NO_PAGE_TOKEN);
                assertThat(e.externalAccountId()).contains(PAGE_ID);
                assertThat(e.getMessage()).doesNotContain(PAGE_TOKEN);
              });
      assertThat(server().getRequestCount()).isZero();
    }

    @Test
    @DisplayName(
        "report an expired page token while reading a lead as AUTH_EXPIRED naming the page, so"
            + " core can mark its account")
    void expiredToken() {
      server().enqueue(json(400, fixture("error-190-token-expired.json")));
      assertThatThrownBy(() -> receive(fixture("leadgen.json")))
          .isInstanceOfSatisfying(
              ConnectorException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(FailureKind.AUTH_EXPIRED);
                assertThat(e.externalAccountId()).contains(PAGE_ID);
              });
    }

    @Test
    @DisplayName("report a throttled lead read as RATE_LIMITED with the default minute's wait")
    void throttledRead() {
      server().enqueue(json(400, fixture("error-613-rate-limit.json")));
      assertThatThrownBy(() -> receive(fixture("leadgen.json")))
          .isInstanceOfSatisfying(
              ConnectorException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(FailureKind.RATE_LIMITED);
                assertThat(e.retryAfter()).contains(java.time.Duration.ofSeconds(60));
              });
      assertThat(server().getRequestCount()).isOne();
    }

    @Test
    @DisplayName(
        "give each page its own token from /me/accounts, and its Instagram account the page's")
    void pageTokensPerAccount() {
      String scopes = "\"pages_messaging\",\"leads_retrieval\"";
      server().enqueue(json(200, "{\"access_token\":\"short-not-real\"}"));
      server().enqueue(json(200, "{\"access_token\":\"long-not-real\",\"expires_in\":5183944}"));
      server()
          .enqueue(
              json(
                  200,
                  "{\"data\":{\"is_valid\":true,\"expires_at\":"
                      + KIT_NOW.plusSeconds(5183944).getEpochSecond()
                      + ",\"scopes\":["
                      + scopes
                      + "]}}"));
      server()
          .enqueue(
              json(
                  200,
                  "{\"data\":[{\"access_token\":\"page-one-not-real\",\"name\":\"One\","
                      + "\"id\":\""
                      + PAGE_ID
                      + "\",\"instagram_business_account\":{\"id\":\""
                      + IG_ID
                      + "\",\"username\":\"one\"}},"
                      + "{\"access_token\":\"page-two-not-real\",\"name\":\"Two\","
                      + "\"id\":\"102030405060709\"}]}"));
      TokenSet tokens =
          connector()
              .exchangeCode("AQDcode", "verifier-0123456789", URI.create("https://crm.example/cb"));
      assertThat(tokens.accounts())
          .extracting(a -> a.externalAccountId())
          .containsExactly(PAGE_ID, IG_ID, "102030405060709");
      assertThat(tokens.accessTokenFor(PAGE_ID)).isEqualTo("page-one-not-real");
      assertThat(tokens.accessTokenFor(IG_ID)).isEqualTo("page-one-not-real");
      assertThat(tokens.accessTokenFor("102030405060709")).isEqualTo("page-two-not-real");
      assertThat(tokens.refreshToken()).isEqualTo("long-not-real");
      assertThat(tokens.toString()).doesNotContain("not-real");
    }
  }

  @Nested
  @DisplayName("The messaging window")
  class Window {

    @Test
    @DisplayName("sends a RESPONSE inside 24 hours, with appsecret_proof")
    void response() throws Exception {
      server().enqueue(json(200, fixture("send-accepted.json")));
      SendResult sent = connector().send(dm(Duration.ofHours(23)), PAGE_TOKEN);
      assertThat(sent.providerMessageId()).isEqualTo("m_sent_0001");
      RecordedRequest request = server().takeRequest(5, TimeUnit.SECONDS);
      assertThat(request).isNotNull();
      assertThat(request.getUrl().encodedPath()).isEqualTo("/" + PAGE_ID + "/messages");
      assertThat(request.getUrl().queryParameter("appsecret_proof"))
          .isEqualTo(hmacSha256Hex(APP_SECRET, PAGE_TOKEN.getBytes(StandardCharsets.UTF_8)));
      JsonNode body = JSON.readTree(request.getBody().utf8());
      assertThat(body.path("recipient").path("id").asText()).isEqualTo("6123456789012345");
      assertThat(body.path("messaging_type").asText()).isEqualTo("RESPONSE");
      assertThat(body.has("tag")).isFalse();
      assertThat(body.path("message").path("text").asText()).isEqualTo("We can meet at 10.");
    }

    @Test
    @DisplayName("tags a reply between 24 hours and 7 days HUMAN_AGENT")
    void humanAgent() throws Exception {
      server().enqueue(json(200, fixture("send-accepted.json")));
      connector().send(dm(Duration.ofDays(3)), PAGE_TOKEN);
      JsonNode body = JSON.readTree(server().takeRequest(5, TimeUnit.SECONDS).getBody().utf8());
      assertThat(body.path("messaging_type").asText()).isEqualTo("MESSAGE_TAG");
      assertThat(body.path("tag").asText()).isEqualTo("HUMAN_AGENT");
    }

    @Test
    @DisplayName("refuses a reply after 7 days with window_closed before any HTTP call")
    void closedAfterSevenDays() {
      assertWindowClosed(connector(), dm(Duration.ofDays(7).plusMinutes(1)));
    }

    @Test
    @DisplayName("refuses a reply after 24 hours when the app has no Human Agent permission")
    void closedWithoutHumanAgent() {
      Connector strict =
          factory()
              .create(
                  connectorConfig().toBuilder()
                      .setting(MetaConnectorFactory.HUMAN_AGENT, "false")
                      .build());
      assertWindowClosed(strict, dm(Duration.ofHours(25)));
    }

    @Test
    @DisplayName("sends a private reply to a comment with recipient.comment_id")
    void privateReply() throws Exception {
      server().enqueue(json(200, fixture("send-accepted.json")));
      connector()
          .send(
              OutboundMessage.text(
                      PAGE_ID,
                      Channel.FACEBOOK_DM,
                      "comment:987654321098765_111222333444555",
                      "I sent you the details.")
                  .withLastInboundAt(KIT_NOW.minus(Duration.ofDays(1))),
              PAGE_TOKEN);
      JsonNode body = JSON.readTree(server().takeRequest(5, TimeUnit.SECONDS).getBody().utf8());
      assertThat(body.path("recipient").path("comment_id").asText())
          .isEqualTo("987654321098765_111222333444555");
      assertThat(body.path("recipient").has("id")).isFalse();
    }

    @Test
    @DisplayName("posts a public reply to a Facebook comment on its comments edge")
    void publicReply() throws Exception {
      server().enqueue(json(200, fixture("comment-reply-accepted.json")));
      SendResult sent =
          connector()
              .send(
                  OutboundMessage.text(
                      PAGE_ID,
                      Channel.FACEBOOK_COMMENT,
                      "987654321098765_111222333444555",
                      "Sent you a message!"),
                  PAGE_TOKEN);
      assertThat(sent.providerMessageId()).isEqualTo("987654321098765_999888777666555");
      RecordedRequest request = server().takeRequest(5, TimeUnit.SECONDS);
      assertThat(request.getUrl().encodedPath())
          .isEqualTo("/987654321098765_111222333444555/comments");
      assertThat(request.getUrl().queryParameter("appsecret_proof")).isNotBlank();
      assertThat(JSON.readTree(request.getBody().utf8()).path("message").asText())
          .isEqualTo("Sent you a message!");
    }

    @Test
    @DisplayName("posts a public reply to an Instagram comment on its replies edge")
    void instagramPublicReply() throws Exception {
      server().enqueue(json(200, "{\"id\":\"17873440459141021\"}"));
      SendResult sent =
          connector()
              .send(
                  OutboundMessage.text(
                      IG_ID, Channel.INSTAGRAM_COMMENT, "17865799348089039", "Check your DMs!"),
                  PAGE_TOKEN);
      assertThat(sent.providerMessageId()).isEqualTo("17873440459141021");
      assertThat(server().takeRequest(5, TimeUnit.SECONDS).getUrl().encodedPath())
          .isEqualTo("/17865799348089039/replies");
    }

    @Test
    @DisplayName("sends a message repeated with the same idempotency key only once")
    void idempotent() throws Exception {
      server().enqueue(json(200, fixture("send-accepted.json")));
      OutboundMessage message = dm(Duration.ofHours(1)).withIdempotencyKey("draft-42");
      SendResult first = connector().send(message, PAGE_TOKEN);
      SendResult again = connector().send(message, PAGE_TOKEN);
      assertThat(again).isEqualTo(first);
      assertThat(server().getRequestCount()).isEqualTo(1);
    }

    @Test
    @DisplayName("refuses a text over 2,000 characters before any HTTP call")
    void tooLong() {
      assertThatThrownBy(
              () ->
                  connector()
                      .send(
                          OutboundMessage.text(
                              PAGE_ID, Channel.FACEBOOK_DM, "6123456789012345", "x".repeat(2001)),
                          PAGE_TOKEN))
          .isInstanceOfSatisfying(
              MetaException.class,
              e -> assertThat(e.code()).isEqualTo(MetaException.TEXT_TOO_LONG));
      assertThat(server().getRequestCount()).isZero();
    }

    private OutboundMessage dm(Duration sinceLastInbound) {
      return OutboundMessage.text(
              PAGE_ID, Channel.FACEBOOK_DM, "6123456789012345", "We can meet at 10.")
          .withLastInboundAt(KIT_NOW.minus(sinceLastInbound));
    }

    private void assertWindowClosed(Connector connector, OutboundMessage message) {
      assertThatThrownBy(() -> connector.send(message, PAGE_TOKEN))
          .isInstanceOfSatisfying(
              MetaException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(FailureKind.POLICY_WINDOW_CLOSED);
                assertThat(e.code()).isEqualTo(MetaException.WINDOW_CLOSED);
              });
      assertThat(server().getRequestCount()).isZero();
    }
  }

  @Nested
  @DisplayName("Graph errors")
  class GraphErrors {

    @Test
    @DisplayName("classify 190 as AUTH_EXPIRED whatever the HTTP status")
    void tokenExpired() {
      server().enqueue(json(400, fixture("error-190-token-expired.json")));
      assertThatThrownBy(() -> connector().send(text(), PAGE_TOKEN))
          .isInstanceOfSatisfying(
              MetaException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(FailureKind.AUTH_EXPIRED);
                assertThat(e.graphCode()).hasValue(190);
                assertThat(e.getMessage()).doesNotContain("Session has expired");
              });
    }

    @Test
    @DisplayName("classify every throttling code as RATE_LIMITED with a wait to honour")
    void throttling() {
      for (int code : new int[] {4, 17, 32, 613, 80001, 80006, 80014}) {
        server()
            .enqueue(
                json(
                    400,
                    "{\"error\":{\"message\":\"(#"
                        + code
                        + ") limit\",\"type\":\"OAuthException\",\"code\":"
                        + code
                        + "}}"));
        assertThatThrownBy(() -> connector().send(text(), PAGE_TOKEN))
            .as("code %d", code)
            .isInstanceOfSatisfying(
                MetaException.class,
                e -> {
                  assertThat(e.kind()).isEqualTo(FailureKind.RATE_LIMITED);
                  assertThat(e.retryAfter()).contains(Duration.ofSeconds(60));
                });
      }
      assertThat(MetaConnector.isThrottling(80000)).isFalse();
      assertThat(MetaConnector.isThrottling(80015)).isFalse();
    }

    @Test
    @DisplayName("wait as long as X-Business-Use-Case-Usage says access returns")
    void businessUseCaseWait() {
      server()
          .enqueue(
              new MockResponse.Builder()
                  .code(400)
                  .setHeader("Content-Type", "application/json")
                  .setHeader(
                      "X-Business-Use-Case-Usage",
                      "{\""
                          + PAGE_ID
                          + "\":[{\"type\":\"messenger\",\"call_count\":100,"
                          + "\"total_cputime\":25,\"total_time\":25,"
                          + "\"estimated_time_to_regain_access\":19}]}")
                  .body(fixture("error-80006-messenger-rate-limit.json"))
                  .build());
      assertThatThrownBy(() -> connector().send(text(), PAGE_TOKEN))
          .isInstanceOfSatisfying(
              MetaException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(FailureKind.RATE_LIMITED);
                assertThat(e.graphCode()).hasValue(80006);
                assertThat(e.retryAfter()).contains(Duration.ofMinutes(19));
              });
    }

    @Test
    @DisplayName("classify 5xx and code 2 as TRANSIENT and the rest as PERMANENT")
    void transientAndPermanent() {
      server().enqueue(json(500, fixture("error-2-service-unavailable.json")));
      server().enqueue(json(400, fixture("error-2-service-unavailable.json")));
      server()
          .enqueue(
              json(400, "{\"error\":{\"message\":\"(#200) Permissions error\",\"code\":200}}"));
      List<FailureKind> kinds = new java.util.ArrayList<>();
      for (int i = 0; i < 3; i++) {
        try {
          connector().send(text(), PAGE_TOKEN);
        } catch (ConnectorException e) {
          kinds.add(e.kind());
        }
      }
      assertThat(kinds)
          .containsExactly(FailureKind.TRANSIENT, FailureKind.TRANSIENT, FailureKind.PERMANENT);
    }

    private OutboundMessage text() {
      return OutboundMessage.text(PAGE_ID, Channel.FACEBOOK_DM, "6123456789012345", "Hello");
    }
  }

  @Nested
  @DisplayName("Facebook Login")
  class Login {

    @Test
    @DisplayName("asks for every permission the connector needs, comma-separated")
    void scopes() {
      var request =
          new ai.omniflow.connector.spi.AuthorizationRequest(
              "state-1",
              ai.omniflow.connector.spi.Pkce.newCodeVerifier(),
              connectorConfig().requireRedirectUri(),
              MetaConnectorFactory.SCOPES);
      String url = connector().authorizationUrl(request).toString();
      assertThat(url).startsWith("https://www.facebook.com/v21.0/dialog/oauth?");
      assertThat(url).contains("scope=" + String.join("%2C", MetaConnectorFactory.SCOPES));
    }

    @Test
    @DisplayName("names each page and its Instagram business account as connected accounts")
    void pagesAndInstagram() throws Exception {
      server()
          .enqueue(json(200, "{\"access_token\":\"long-lived-not-real\",\"expires_in\":5183944}"));
      server()
          .enqueue(
              json(
                  200,
                  "{\"data\":{\"is_valid\":true,\"expires_at\":1898000000,"
                      + "\"scopes\":[\"pages_messaging\",\"instagram_basic\"]}}"));
      server()
          .enqueue(
              json(
                  200,
                  "{\"data\":[{\"access_token\":\"page-one-not-real\",\"name\":\"Sunny Homes\",\"id\":\""
                      + PAGE_ID
                      + "\",\"instagram_business_account\":{\"id\":\""
                      + IG_ID
                      + "\",\"username\":\"sunnyhomes\"}},"
                      + "{\"access_token\":\"page-two-not-real\",\"name\":\"Sunny Rentals\","
                      + "\"id\":\"102030405060709\"}]}"));
      TokenSet tokens = connector().refresh("long-lived-not-real");
      assertThat(tokens.accounts())
          .extracting(a -> a.externalAccountId() + " " + a.displayName())
          .containsExactly(
              PAGE_ID + " Sunny Homes",
              IG_ID + " sunnyhomes (Instagram)",
              "102030405060709 Sunny Rentals");
      assertThat(tokens.accessToken()).isEqualTo("page-one-not-real");
      assertThat(tokens.refreshToken()).isEqualTo("long-lived-not-real");
      assertThat(tokens.expiresAt()).isEqualTo(Instant.ofEpochSecond(1898000000L));
      assertThat(tokens.scopes()).containsExactly("pages_messaging", "instagram_basic");
      RecordedRequest exchange = server().takeRequest(5, TimeUnit.SECONDS);
      assertThat(exchange.getBody().utf8()).contains("grant_type=fb_exchange_token");
      server().takeRequest(5, TimeUnit.SECONDS);
      RecordedRequest accounts = server().takeRequest(5, TimeUnit.SECONDS);
      assertThat(accounts.getUrl().encodedPath()).isEqualTo("/me/accounts");
      assertThat(accounts.getUrl().queryParameter("appsecret_proof"))
          .isEqualTo(
              hmacSha256Hex(APP_SECRET, "long-lived-not-real".getBytes(StandardCharsets.UTF_8)));
    }
  }

  @Nested
  @DisplayName("Bounds on what the platform answers")
  class AnswerBounds {

    @Test
    @DisplayName("connects at most 100 pages and Instagram accounts however many Meta lists")
    void boundAccounts() {
      StringBuilder pages = new StringBuilder("{\"data\":[");
      for (int i = 0; i < 80; i++) {
        pages.append(i == 0 ? "" : ",");
        pages.append("{\"access_token\":\"page-not-real\",\"name\":\"Page ").append(i);
        pages.append("\",\"id\":\"").append(102030405000000L + i).append("\",");
        pages.append("\"instagram_business_account\":{\"id\":\"");
        pages.append(178414000000000L + i).append("\",\"username\":\"ig").append(i);
        pages.append("\"}}");
      }
      pages.append("]}");
      server().enqueue(json(200, "{\"access_token\":\"long-lived-not-real\"}"));
      server().enqueue(json(200, "{\"data\":{\"is_valid\":true,\"scopes\":[]}}"));
      server().enqueue(json(200, pages.toString()));

      TokenSet tokens = connector().refresh("long-lived-not-real");

      assertThat(tokens.accounts()).hasSize(Bounds.MAX_ACCOUNTS);
      assertThat(tokens.accounts().get(1).displayName()).isEqualTo("ig0 (Instagram)");
    }

    @Test
    @DisplayName("takes an absurd expires_in or expires_at as no expiry instead of failing")
    void boundExpiry() {
      server().enqueue(json(200, "{\"access_token\":\"long-lived-not-real\",\"expires_in\":9e18}"));
      server()
          .enqueue(
              json(
                  200,
                  "{\"data\":{\"is_valid\":true,\"expires_at\":99999999999999,"
                      + "\"scopes\":[\"pages_messaging\"]}}"));
      server().enqueue(json(200, "{\"data\":[{\"name\":\"Sunny\",\"id\":\"" + PAGE_ID + "\"}]}"));

      TokenSet tokens = connector().refresh("long-lived-not-real");

      assertThat(tokens.expiresAt()).isNull();
      assertThat(tokens.accounts()).hasSize(1);
    }

    @Test
    @DisplayName("reads at most 100 well-formed scopes from debug_token")
    void boundScopes() {
      StringBuilder scopes = new StringBuilder();
      for (int i = 0; i < 300; i++) {
        scopes.append(i == 0 ? "" : ",").append("\"scope_").append("x".repeat(i % 60 + 1));
        scopes.append("_").append((char) ('a' + i / 60)).append("\"");
      }
      server().enqueue(json(200, "{\"access_token\":\"long-lived-not-real\"}"));
      server().enqueue(json(200, "{\"data\":{\"is_valid\":true,\"scopes\":[" + scopes + "]}}"));
      server().enqueue(json(200, "{\"data\":[{\"name\":\"Sunny\",\"id\":\"" + PAGE_ID + "\"}]}"));

      assertThat(connector().refresh("long-lived-not-real").scopes()).hasSize(100);
    }
  }

  @Nested
  @DisplayName("Signatures")
  class Signatures {

    @Test
    @DisplayName("reject every body with one bit flipped, at positions across the whole body")
    void bitFlips() {
      byte[] body = fixture("messenger-text.json").getBytes(StandardCharsets.UTF_8);
      String header = "sha256=" + hmacSha256Hex(APP_SECRET, body);
      for (int at = 0; at < body.length; at += 5) {
        for (int bit = 0; bit < 8; bit += 3) {
          byte[] flipped = body.clone();
          flipped[at] ^= (byte) (1 << bit);
          assertRejected(flipped, Map.of("X-Hub-Signature-256", header));
        }
      }
    }

    @Test
    @DisplayName("reject random single-byte changes to every fixture")
    void randomMutations() {
      Random random = new Random(20261204L);
      for (String name :
          List.of(
              "messenger-text.json",
              "messenger-echo.json",
              "instagram-dm.json",
              "facebook-feed-comment.json",
              "instagram-comment.json",
              "leadgen.json")) {
        byte[] body = fixture(name).getBytes(StandardCharsets.UTF_8);
        String header = "sha256=" + hmacSha256Hex(APP_SECRET, body);
        for (int i = 0; i < 50; i++) {
          byte[] mutated = body.clone();
          int at = random.nextInt(mutated.length);
          mutated[at] = (byte) (mutated[at] + 1 + random.nextInt(255));
          assertRejected(mutated, Map.of("X-Hub-Signature-256", header));
        }
        assertRejected(
            java.util.Arrays.copyOf(body, body.length - 1), Map.of("X-Hub-Signature-256", header));
      }
    }

    @Test
    @DisplayName("reject the same JSON re-serialized, because signatures cover the raw bytes")
    void reserialized() throws IOException {
      String raw = fixture("facebook-feed-comment.json");
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
      byte[] body = fixture("instagram-dm.json").getBytes(StandardCharsets.UTF_8);
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
              Map.of("X-Hub-Signature-256", ""),
              Map.of("X-Hub-Signature", "sha1=" + right.substring(0, 40)));
      for (Map<String, String> headers : wrong) {
        assertRejected(body, headers);
      }
    }

    @Test
    @DisplayName("accept the right signature in either hex case")
    void hexCase() {
      byte[] body = fixture("messenger-text.json").getBytes(StandardCharsets.UTF_8);
      String upper = "sha256=" + hmacSha256Hex(APP_SECRET, body).toUpperCase(Locale.ROOT);
      connector().verifySignature(webhook(body, Map.of("x-hub-signature-256", upper)));
    }

    @Test
    @DisplayName("refuse a handshake whose mode is not subscribe or whose challenge is too long")
    void handshake() {
      assertThat(
              connector()
                  .verifyHandshake(
                      Map.of(
                          "hub.mode", "unsubscribe",
                          "hub.verify_token", VERIFY_TOKEN,
                          "hub.challenge", "1158201444")))
          .isEmpty();
      assertThat(
              connector()
                  .verifyHandshake(
                      Map.of(
                          "hub.mode",
                          "subscribe",
                          "hub.verify_token",
                          VERIFY_TOKEN,
                          "hub.challenge",
                          "1".repeat(257))))
          .isEmpty();
      assertThat(
              connector()
                  .verifyHandshake(
                      Map.of(
                          "hub.mode", "subscribe",
                          "hub.verify_token", VERIFY_TOKEN,
                          "hub.challenge", "1158201444")))
          .contains("1158201444");
    }

    private void assertRejected(byte[] body, Map<String, String> headers) {
      assertThatThrownBy(() -> connector().receive(webhook(body, headers)))
          .isInstanceOfSatisfying(
              ConnectorException.class,
              e -> assertThat(e.kind()).isEqualTo(FailureKind.SIGNATURE_INVALID));
    }
  }

  @Nested
  @DisplayName("Discovery")
  class Discovery {

    @Test
    @DisplayName("lists the factory for ServiceLoader under the provider id meta")
    void listed() {
      assertThat(ConnectorDiscovery.discover(MetaConnectorTest.class.getClassLoader()))
          .anySatisfy(f -> assertThat(f.providerId()).isEqualTo("meta"));
    }
  }

  // ================================================================ helpers

  private List<InboundEvent> receive(String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return connector().receive(webhook(bytes, signatureHeaders(webhookUri(), bytes, APP_SECRET)));
  }

  private static InboundEvent.Message onlyMessage(List<InboundEvent> events) {
    assertThat(events).hasSize(1);
    return (InboundEvent.Message) events.get(0);
  }

  private static InboundEvent.Comment onlyComment(List<InboundEvent> events) {
    assertThat(events).hasSize(1);
    return (InboundEvent.Comment) events.get(0);
  }

  private WebhookRequest webhook(byte[] body, Map<String, String> headers) {
    return WebhookRequest.post(webhookUri(), headers, body);
  }

  /** A fixture from {@code src/test/resources/fixtures/meta}, as its bytes say. */
  static String fixture(String name) {
    try (InputStream in = MetaConnectorTest.class.getResourceAsStream("/fixtures/meta/" + name)) {
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
