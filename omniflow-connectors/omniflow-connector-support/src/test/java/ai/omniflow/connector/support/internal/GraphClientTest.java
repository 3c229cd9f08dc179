package ai.omniflow.connector.support.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.connector.spi.ConnectorConfig;
import ai.omniflow.connector.spi.FailureKind;
import ai.omniflow.connector.spi.HealthReport;
import ai.omniflow.connector.spi.HealthStatus;
import ai.omniflow.connector.spi.WebhookRequest;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The Graph API client core")
class GraphClientTest {
  private static final String SECRET = "Jefe";
  private static final String VERIFY = "graph-test-verify-token-not-real";
  private static final URI WEBHOOK = URI.create("https://omniflow.example.test/webhooks/acme");
  private static final Instant NOW = Instant.parse("2030-01-02T03:04:05Z");

  private final GraphClient graph =
      new GraphClient(
          "acme",
          ConnectorConfig.builder()
              .appId("1234567890")
              .appSecret(SECRET)
              .webhookVerifyToken(VERIFY)
              .apiBaseUri(URI.create("https://graph.example.test/v21.0/"))
              .build(),
          TestFailure::of);

  @Test
  @DisplayName("computes appsecret_proof as the hex HMAC-SHA256 of the token with the app secret")
  void proof() {
    // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
    assertThat(graph.proof("what do ya want for nothing?"))
        .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    assertThat(graph.appToken()).isEqualTo("1234567890|Jefe");
  }

  @Test
  @DisplayName("shows its provider and host, never the app secret")
  void secrecy() {
    assertThat(graph.toString()).contains("acme", "graph.example.test").doesNotContain(SECRET);
    assertThat(graph.url().addPathSegment("me").build().toString())
        .isEqualTo("https://graph.example.test/v21.0/me");
  }

  @Nested
  @DisplayName("The webhook handshake")
  class Handshake {
    private Map<String, String> params(String mode, String token, String challenge) {
      Map<String, String> params = new HashMap<>();
      params.put("hub.mode", mode);
      params.put("hub.verify_token", token);
      params.put("hub.challenge", challenge);
      return params;
    }

    @Test
    @DisplayName("answers the challenge for subscribe with the right verify token")
    void answers() {
      assertThat(graph.verifyHandshake(params("subscribe", VERIFY, "1158201444")))
          .contains("1158201444");
    }

    @Test
    @DisplayName("refuses a wrong token, another mode, or a missing or over-long challenge")
    void refuses() {
      assertThat(graph.verifyHandshake(params("subscribe", VERIFY + "x", "1"))).isEmpty();
      assertThat(graph.verifyHandshake(params("unsubscribe", VERIFY, "1"))).isEmpty();
      assertThat(graph.verifyHandshake(params("subscribe", VERIFY, ""))).isEmpty();
      assertThat(graph.verifyHandshake(params("subscribe", VERIFY, "1".repeat(257)))).isEmpty();
      assertThat(graph.verifyHandshake(Map.of("hub.mode", "subscribe"))).isEmpty();
    }
  }

  @Nested
  @DisplayName("Webhook signatures")
  class Signatures {
    private final byte[] body = "{\"object\":\"page\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    @DisplayName("accept the app secret's signature of the raw body")
    void accept() {
      graph.verifySignature(
          WebhookRequest.post(
              WEBHOOK, Map.of(HubSignature.HEADER, HubSignature.sign(body, SECRET)), body));
    }

    @Test
    @DisplayName("refuse a missing header and a mismatch as the provider's signature_invalid")
    void refuse() {
      assertThatThrownBy(() -> graph.verifySignature(WebhookRequest.post(WEBHOOK, Map.of(), body)))
          .isInstanceOfSatisfying(
              TestFailure.class,
              e -> {
                assertThat(e.kind()).isEqualTo(FailureKind.SIGNATURE_INVALID);
                assertThat(e.code).isEqualTo("signature_invalid");
              })
          .hasMessageContaining("acme webhook has no X-Hub-Signature-256 header");
      String other = HubSignature.sign(body, "another-secret");
      assertThatThrownBy(
              () ->
                  graph.verifySignature(
                      WebhookRequest.post(WEBHOOK, Map.of(HubSignature.HEADER, other), body)))
          .isInstanceOf(TestFailure.class)
          .hasMessageContaining("acme webhook signature does not match its body")
          .hasMessageNotContaining(other.substring(7));
    }
  }

  @Nested
  @DisplayName("Graph error payloads")
  class Errors {
    @Test
    @DisplayName("give their code and subcode and never their message")
    void codes() {
      GraphError error =
          GraphError.of(
              new JsonHttp.Answer(
                  400,
                  "{\"error\":{\"message\":\"(#100) secret-echo\",\"type\":\"OAuthException\","
                      + "\"code\":100,\"error_subcode\":2018001,\"fbtrace_id\":\"A\"}}"));

      assertThat(error).isEqualTo(new GraphError(100, 2018001));
      assertThat(error.codeOrNull()).isEqualTo(100);
      assertThat(error.describe()).isEqualTo(", graph error 100/2018001").doesNotContain("secret");
    }

    @Test
    @DisplayName("are none for a body that is not JSON, has no error, or a non-numeric code")
    void none() {
      for (String body :
          new String[] {"<html>", "{}", "{\"error\":{\"code\":\"x\"}}", "[]", "{\"error\":7}"}) {
        GraphError error = GraphError.of(new JsonHttp.Answer(500, body));
        assertThat(error.code()).as(body).isEqualTo(-1);
        assertThat(error.codeOrNull()).isNull();
        assertThat(error.describe()).isEmpty();
      }
      assertThat(new GraphError(190, -1).describe()).isEqualTo(", graph error 190");
    }
  }

  @Nested
  @DisplayName("A probe's refusal")
  class Probe {
    private HealthStatus status(int http, String body) {
      return graph.refusedProbe(new JsonHttp.Answer(http, body), NOW).status();
    }

    @Test
    @DisplayName("needs reauthorization on HTTP 401 or Graph error 190")
    void reauth() {
      assertThat(status(401, "{}")).isEqualTo(HealthStatus.NEEDS_REAUTH);
      assertThat(status(400, "{\"error\":{\"code\":190}}")).isEqualTo(HealthStatus.NEEDS_REAUTH);
    }

    @Test
    @DisplayName("is disconnected on HTTP 404 or Graph error 100/33, else degraded")
    void disconnectedOrDegraded() {
      assertThat(status(404, "{}")).isEqualTo(HealthStatus.DISCONNECTED);
      assertThat(status(400, "{\"error\":{\"code\":100,\"error_subcode\":33}}"))
          .isEqualTo(HealthStatus.DISCONNECTED);
      assertThat(status(500, "{\"error\":{\"code\":2}}")).isEqualTo(HealthStatus.DEGRADED);
      assertThat(graph.refusedProbe(new JsonHttp.Answer(500, "{\"error\":{\"code\":2}}"), NOW))
          .satisfies(
              report -> {
                assertThat(report.detail()).isEqualTo("acme answered 500, graph error 2");
                assertThat(report.checkedAt()).isEqualTo(NOW);
              });
    }
  }

  @Test
  @DisplayName(
      "probes with a bearer GET and never throws: answered, refused, too large, unreachable")
  void probe() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      GraphClient live =
          new GraphClient(
              "acme",
              ConnectorConfig.builder()
                  .appId("1")
                  .appSecret(SECRET)
                  .apiBaseUri(server.url("/").uri())
                  .setting(JsonHttp.READ_ATTEMPTS, "1")
                  .build(),
              TestFailure::of);
      HttpUrl me = live.url().addPathSegment("me").build();
      HealthReport healthy = new HealthReport(HealthStatus.HEALTHY, "fine", NOW);
      server.enqueue(new MockResponse.Builder().code(200).body("{\"id\":\"1\"}").build());
      server.enqueue(
          new MockResponse.Builder().code(400).body("{\"error\":{\"code\":190}}").build());
      server.enqueue(
          new MockResponse.Builder()
              .code(200)
              .body("9".repeat(JsonHttp.MAX_ANSWER_BYTES + 1))
              .build());

      assertThat(live.probe(me, "tok", NOW, answer -> healthy)).isSameAs(healthy);
      assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer tok");
      assertThat(live.probe(me, "tok", NOW, answer -> healthy).status())
          .isEqualTo(HealthStatus.NEEDS_REAUTH);
      HealthReport tooLarge = live.probe(me, "tok", NOW, answer -> healthy);
      assertThat(tooLarge.status()).isEqualTo(HealthStatus.DEGRADED);
      assertThat(tooLarge.detail()).contains("acme's answer to probe is larger");
      server.close();
      assertThat(live.probe(me, "tok", NOW, answer -> healthy).status())
          .isEqualTo(HealthStatus.DEGRADED);
    }
  }

  @Test
  @DisplayName("reads debug_token scopes once each, well-formed only, at most 100")
  void scopes() throws Exception {
    ObjectMapper json = new ObjectMapper();
    assertThat(
            GraphClient.scopes(
                json.readTree(
                    "{\"scopes\":[\"pages_messaging\",\"pages_messaging\",\"Bad Scope\",7,"
                        + "\""
                        + "a".repeat(65)
                        + "\",\"leads_retrieval\"]}")))
        .containsExactly("pages_messaging", "leads_retrieval");
    StringBuilder many = new StringBuilder("{\"scopes\":[");
    for (int i = 0; i < 150; i++) {
      many.append(i == 0 ? "" : ",").append("\"scope_").append((char) ('a' + i % 26));
      many.append("_".repeat(i / 26 + 1)).append('"');
    }
    many.append("]}");
    assertThat(GraphClient.scopes(json.readTree(many.toString())))
        .hasSize(GraphClient.MAX_SCOPES)
        .doesNotHaveDuplicates();
    assertThat(GraphClient.scopes(json.readTree("{}"))).isEmpty();
  }
}
