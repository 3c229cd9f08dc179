package ai.omniflow.connector.support.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.connector.spi.ConnectorConfig;
import ai.omniflow.connector.spi.FailureKind;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The bounded JSON HTTP client")
class JsonHttpTest {
  private MockWebServer server;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static ConnectorConfig config(URI base, Map<String, String> settings) {
    ConnectorConfig.Builder builder =
        ConnectorConfig.builder().appId("1").appSecret("test-secret-not-real").apiBaseUri(base);
    settings.forEach(builder::setting);
    return builder.build();
  }

  private JsonHttp http(String... kept) {
    return new JsonHttp(
        "acme",
        config(server.url("/").uri(), Map.of(JsonHttp.MAX_RETRY_WAIT, "PT2S")),
        TestFailure::of,
        kept);
  }

  private Request get() {
    return new Request.Builder().url(server.url("/thing")).get().build();
  }

  private static MockResponse answer(int code, String body) {
    return new MockResponse.Builder().code(code).body(body).build();
  }

  @Nested
  @DisplayName("Answers")
  class Answers {
    @Test
    @DisplayName("are read whole with their status, Retry-After and the headers asked for")
    void readWhole() {
      server.enqueue(
          new MockResponse.Builder()
              .code(200)
              .body("{\"ok\":true}")
              .setHeader("Retry-After", "7")
              .setHeader("X-Usage", "{\"a\":1}")
              .setHeader("X-Other", "not kept")
              .build());

      JsonHttp.Answer answer = http("X-Usage").once(get(), "reading");

      assertThat(answer.successful()).isTrue();
      assertThat(answer.body()).isEqualTo("{\"ok\":true}");
      assertThat(answer.retryAfter()).contains(Duration.ofSeconds(7));
      assertThat(answer.header("x-usage")).contains("{\"a\":1}");
      assertThat(answer.header("X-Other")).isEmpty();
    }

    @Test
    @DisplayName("drop a kept header over 8,192 characters rather than read it")
    void dropLongHeaders() {
      server.enqueue(
          new MockResponse.Builder()
              .code(200)
              .body("{}")
              .setHeader("X-Usage", "x".repeat(JsonHttp.MAX_HEADER + 1))
              .build());

      assertThat(http("X-Usage").once(get(), "reading").header("X-Usage")).isEmpty();
    }

    @Test
    @DisplayName("over 1 MiB are refused as answer_too_large, with or without a length")
    void refuseLargeAnswers() {
      String big = "9".repeat(JsonHttp.MAX_ANSWER_BYTES + 1);
      server.enqueue(answer(200, big));
      server.enqueue(new MockResponse.Builder().code(200).chunkedBody(big, 64 * 1024).build());
      JsonHttp http = http();

      for (int i = 0; i < 2; i++) {
        assertThatThrownBy(() -> http.once(get(), "reading"))
            .isInstanceOfSatisfying(
                TestFailure.class,
                e -> {
                  assertThat(e.kind()).isEqualTo(FailureKind.MALFORMED_PAYLOAD);
                  assertThat(e.code).isEqualTo("answer_too_large");
                })
            .hasMessageContaining("acme's answer to reading is larger than 1048576 bytes");
      }
    }

    @Test
    @DisplayName("of exactly 1 MiB are read")
    void readTheBound() {
      server.enqueue(answer(200, "7".repeat(JsonHttp.MAX_ANSWER_BYTES)));

      assertThat(http().once(get(), "reading").body()).hasSize(JsonHttp.MAX_ANSWER_BYTES);
    }

    @Test
    @DisplayName("name a send's id only if it is 1 to 256 characters, never quoting a bad one")
    void boundSentIds() {
      JsonHttp http = http();

      assertThat(http.sent("m_1", "message id").providerMessageId()).isEqualTo("m_1");
      for (String id : new String[] {"", "  ", "x".repeat(Bounds.MAX_ID + 1)}) {
        assertThatThrownBy(() -> http.sent(id, "message id"))
            .isInstanceOfSatisfying(
                TestFailure.class,
                e -> {
                  assertThat(e.kind()).isEqualTo(FailureKind.MALFORMED_PAYLOAD);
                  assertThat(e.code).isEqualTo("malformed_payload");
                })
            .hasMessageContaining("acme's send answer names no message id")
            .hasMessageNotContaining("xxxx");
      }
    }

    @Test
    @DisplayName("are read as a JSON object, else malformed_payload without quoting the body")
    void readObjects() {
      JsonHttp http = http();

      assertThat(
              http.readObject(new JsonHttp.Answer(200, "{\"id\":\"1\"}"), "x").path("id").asText())
          .isEqualTo("1");
      for (String body : new String[] {"[1]", "\"text\"", "{not json secret-123", ""}) {
        assertThatThrownBy(() -> http.readObject(new JsonHttp.Answer(200, body), "a send"))
            .isInstanceOfSatisfying(
                TestFailure.class, e -> assertThat(e.code).isEqualTo("malformed_payload"))
            .hasMessageContaining("acme's answer to a send is not a JSON object")
            .hasMessageNotContaining("secret-123");
      }
    }
  }

  @Nested
  @DisplayName("Retries")
  class Retries {
    @Test
    @DisplayName("retry an idempotent call after 5xx and 429 until it succeeds")
    void retryIdempotentCalls() {
      server.enqueue(answer(503, "{}"));
      server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "0").build());
      server.enqueue(answer(200, "{\"ok\":true}"));

      JsonHttp.Answer answer = http().idempotent(get(), "reading");

      assertThat(answer.code()).isEqualTo(200);
      assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    @DisplayName("stop after read_attempts and return the last answer")
    void stopAfterTheAttempts() {
      for (int i = 0; i < 3; i++) {
        server.enqueue(answer(500, "{}"));
      }

      assertThat(http().idempotent(get(), "reading").code()).isEqualTo(500);
      assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    @DisplayName("never retry a call made once, whatever the answer")
    void neverRetrySends() {
      server.enqueue(answer(500, "{}"));
      server.enqueue(answer(200, "{}"));

      assertThat(http().once(get(), "send").code()).isEqualTo(500);
      assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    @DisplayName("return a Retry-After longer than max_retry_wait instead of waiting for it")
    void returnLongWaits() {
      server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "3600").build());

      JsonHttp.Answer answer = http().idempotent(get(), "reading");

      assertThat(answer.retryAfter()).contains(Duration.ofHours(1));
      assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    @DisplayName("report an unreachable platform as TRANSIENT, naming neither host nor port")
    void unreachable() {
      HttpUrl dead = server.url("/gone");
      server.close();
      JsonHttp http = http();
      Request request = new Request.Builder().url(dead).get().build();

      assertThatThrownBy(() -> http.idempotent(request, "probe"))
          .isInstanceOfSatisfying(
              TestFailure.class,
              e -> {
                assertThat(e.kind()).isEqualTo(FailureKind.TRANSIENT);
                assertThat(e.code).isEqualTo("transient");
              })
          .hasMessageContaining("acme unreachable during probe")
          .hasMessageNotContaining(String.valueOf(dead.port()))
          .hasMessageNotContaining("/gone");
    }
  }

  @Nested
  @DisplayName("Settings")
  class Settings {
    @Test
    @DisplayName("refuse a bad duration or attempt count naming the setting, not the value")
    void refuseBadSettings() {
      URI base = URI.create("https://api.example.test/");
      Map<String, String> bad =
          Map.of(
              JsonHttp.CONNECT_TIMEOUT, "soon-ish",
              JsonHttp.READ_TIMEOUT, "PT0S",
              JsonHttp.CALL_TIMEOUT, "PT6M",
              JsonHttp.READ_ATTEMPTS, "11",
              JsonHttp.MAX_RETRY_WAIT, "-PT1S");
      bad.forEach(
          (key, value) ->
              assertThatThrownBy(
                      () -> new JsonHttp("acme", config(base, Map.of(key, value)), TestFailure::of))
                  .isInstanceOf(IllegalArgumentException.class)
                  .hasMessageStartingWith("the acme setting " + key + " must be")
                  .hasMessageNotContaining(value));
    }

    @Test
    @DisplayName("read Retry-After as whole seconds only")
    void parseRetryAfter() {
      assertThat(JsonHttp.parseRetryAfter("30")).contains(Duration.ofSeconds(30));
      assertThat(JsonHttp.parseRetryAfter(" 5 ")).contains(Duration.ofSeconds(5));
      assertThat(JsonHttp.parseRetryAfter(null)).isEmpty();
      assertThat(JsonHttp.parseRetryAfter("-1")).isEmpty();
      assertThat(JsonHttp.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEmpty();
      assertThat(JsonHttp.parseRetryAfter("99999999999")).isEmpty();
    }
  }
}
