package ai.omniflow.connector.openai;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.assist.Facts;
import ai.omniflow.assist.Guardrails;
import ai.omniflow.assist.Suggestion;
import ai.omniflow.assist.SuggestionRequest;
import ai.omniflow.pack.VerticalPack;
import ai.omniflow.pack.VerticalPack.Intent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OpenAiCompatibleReplySuggesterTest {
  static final String KEY = "sk-test-Zq81secretkey";
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  static final VerticalPack HOMES =
      new VerticalPack(
          "homes",
          "Homes",
          "1.0.0",
          "For tests.",
          List.of(),
          List.of(
              new VerticalPack.Stage("new", "New", null),
              new VerticalPack.Stage("won", "Won", "won"),
              new VerticalPack.Stage("lost", "Lost", "lost")),
          List.of(
              new Intent("showing_request", "Showing", List.of("viewing", "see"), List.of()),
              new Intent("pricing_question", "Pricing", List.of("price"), List.of("how much")),
              new Intent("general_question", "General", List.of("question"), List.of()),
              new Intent("opt_out", "Opt-out", List.of("stop", "unsubscribe"), List.of())),
          Map.of(
              "pricing_question",
              "Hi {contact_first_name}, I'm {agent_name}. I'll confirm the details shortly.",
              "showing_request",
              "Hi {contact_first_name}, pick a time here: {booking_link}."),
          VerticalPack.DEFAULT_NEGATION_WORDS,
          Map.of("showing_request", "book_showing", "pricing_question", "ask_budget"));

  static final Facts ANA =
      Facts.builder()
          .put(Facts.CONTACT_FIRST_NAME, "Ana")
          .put(Facts.CONTACT_NAME, "Ana Ruiz")
          .put(Facts.AGENT_NAME, "Sam Lee")
          .put(Facts.BOOKING_LINK, "https://cal.example/sam")
          .lead("budget", "450000 EUR")
          .build();

  MockWebServer server;
  OpenAiCompatibleReplySuggester suggester;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    suggester =
        OpenAiCompatibleReplySuggester.builder()
            .baseUrl(server.url("/v1/").uri())
            .model("gpt-test")
            .apiKey(KEY)
            .callTimeout(Duration.ofMillis(800))
            .build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static SuggestionRequest request(String text, Facts facts) {
    return new SuggestionRequest(HOMES, text, facts, Guardrails.of("instagram_dm", NOW, NOW));
  }

  /** A chat-completions answer whose assistant content is {@code content}, as OpenAI sends it. */
  static MockResponse completion(String content) {
    return json(200, completionBody(content));
  }

  static String completionBody(String content) {
    return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1764072000,"
        + "\"model\":\"gpt-test\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
        + "\"content\":"
        + MAPPER.valueToTree(content)
        + ",\"refusal\":null},\"finish_reason\":\"stop\"}],"
        + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":10,\"total_tokens\":20}}";
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  static final String GOOD =
      "{\"intent\":\"pricing_question\",\"confidence\":0.9,"
          + "\"reply\":\"Hi Ana, I'm Sam Lee. Your budget of 450000 EUR works; I'll send the"
          + " details here.\",\"next_action\":\"ask_budget\"}";

  @Nested
  @DisplayName("A good answer")
  class Success {
    @Test
    void becomesTheSuggestionWithTheFactsItStates() {
      server.enqueue(completion(GOOD));

      Suggestion s = suggester.suggest(request("how much is it?", ANA));

      assertThat(s.intent()).isEqualTo("pricing_question");
      assertThat(s.confidence()).isEqualTo(0.9);
      assertThat(s.reply()).startsWith("Hi Ana, I'm Sam Lee.");
      assertThat(s.nextAction()).isEqualTo("ask_budget");
      assertThat(s.factsUsed()).contains("contact_first_name", "agent_name", "lead.budget");
      assertThat(s.warnings()).isEmpty();
    }

    @Test
    void anOptOutHasNoReplyAndStopsMessaging() {
      server.enqueue(
          completion(
              "{\"intent\":\"opt_out\",\"confidence\":1,\"reply\":null,"
                  + "\"next_action\":\"stop_messaging\"}"));

      Suggestion s = suggester.suggest(request("stop texting me", ANA));

      assertThat(s.reply()).isNull();
      assertThat(s.nextAction()).isEqualTo("stop_messaging");
      assertThat(s.warnings()).isEmpty();
    }

    @Test
    void keepsTheGuardrailWarnings() {
      server.enqueue(completion(GOOD));
      SuggestionRequest late =
          new SuggestionRequest(
              HOMES,
              "how much?",
              ANA,
              Guardrails.of("whatsapp", NOW.minus(Duration.ofDays(2)), NOW));

      assertThat(suggester.suggest(late).warnings())
          .containsExactly("window_closed_template_required");
    }
  }

  @Nested
  @DisplayName("The request")
  class TheRequest {
    @Test
    void carriesTheModelTheSchemaTheFactsAndTheKeyInItsHeaderOnly() throws Exception {
      server.enqueue(completion(GOOD));

      suggester.suggest(request("how much is it?", ANA));

      RecordedRequest recorded = server.takeRequest(2, TimeUnit.SECONDS);
      assertThat(recorded.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
      assertThat(recorded.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
      JsonNode body = MAPPER.readTree(recorded.getBody().utf8());
      assertThat(body.path("model").asText()).isEqualTo("gpt-test");
      assertThat(body.path("response_format").path("type").asText()).isEqualTo("json_schema");
      JsonNode schema = body.path("response_format").path("json_schema").path("schema");
      assertThat(schema.path("properties").path("intent").path("enum"))
          .extracting(JsonNode::asText)
          .containsExactly("showing_request", "pricing_question", "general_question", "opt_out");
      assertThat(schema.path("properties").path("reply").path("maxLength").asInt()).isEqualTo(4096);
      JsonNode input = MAPPER.readTree(body.path("messages").path(1).path("content").asText());
      assertThat(input.path("message").asText()).isEqualTo("how much is it?");
      assertThat(input.path("facts").path("contact_first_name").asText()).isEqualTo("Ana");
      assertThat(input.path("facts").path("lead.budget").asText()).isEqualTo("450000 EUR");
      assertThat(recorded.getBody().utf8()).doesNotContain(KEY);
    }

    @Test
    void carriesOnlyTheCurrentContactsData() throws Exception {
      Facts bo =
          Facts.builder()
              .put(Facts.CONTACT_FIRST_NAME, "Bo")
              .put(Facts.CONTACT_NAME, "Bo Zhang")
              .put(Facts.AGENT_NAME, "Sam Lee")
              .lead("budget", "300000 EUR")
              .build();
      server.enqueue(completion(GOOD));
      server.enqueue(
          completion(
              "{\"intent\":\"general_question\",\"confidence\":0.5,\"reply\":\"Hi Bo, Sam Lee"
                  + " will answer shortly.\",\"next_action\":\"handoff\"}"));

      suggester.suggest(request("how much is it? I'm Ana, ana@example.com", ANA));
      suggester.suggest(request("a question", bo));

      server.takeRequest(2, TimeUnit.SECONDS);
      String second = server.takeRequest(2, TimeUnit.SECONDS).getBody().utf8();
      assertThat(second).contains("Bo Zhang").contains("300000 EUR");
      assertThat(second)
          .doesNotContain("Ana")
          .doesNotContain("ana@example.com")
          .doesNotContain("450000")
          .doesNotContain("cal.example");
    }

    @Test
    void isNotSentForAContactWhoOptedOut() {
      SuggestionRequest optedOut =
          new SuggestionRequest(
              HOMES, "how much?", ANA, Guardrails.of("sms", NOW, NOW).withOptedOut(true));

      Suggestion s = suggester.suggest(optedOut);

      assertThat(server.getRequestCount()).isZero();
      assertThat(s.reply()).isNull();
      assertThat(s.warnings()).containsExactly("contact_opted_out");
    }
  }

  @Nested
  @DisplayName("Any failure falls back to the default suggester with the reason")
  class Fallbacks {
    Suggestion fallback(MockResponse response) {
      server.enqueue(response);
      Suggestion s = suggester.suggest(request("how much is it?", ANA));
      assertThat(s.intent()).isEqualTo("pricing_question");
      assertThat(s.reply()).isEqualTo("Hi Ana, I'm Sam Lee. I'll confirm the details shortly.");
      assertThat(s.nextAction()).isEqualTo("ask_budget");
      return s;
    }

    @Test
    void unauthorized() {
      assertThat(fallback(json(401, "{\"error\":{\"message\":\"Incorrect API key\"}}")).warnings())
          .containsExactly("llm_fallback:http_401");
    }

    @Test
    void rateLimited() {
      assertThat(fallback(json(429, "{\"error\":{\"message\":\"Rate limit\"}}")).warnings())
          .containsExactly("llm_fallback:http_429");
    }

    @Test
    void serverError() {
      assertThat(fallback(json(500, "{\"error\":{\"message\":\"boom\"}}")).warnings())
          .containsExactly("llm_fallback:http_500");
    }

    @Test
    void aBodyThatIsNotJson() {
      assertThat(fallback(json(200, "<html>gateway</html>")).warnings())
          .containsExactly("llm_fallback:malformed_response");
    }

    @Test
    void contentThatIsNotJson() {
      assertThat(fallback(completion("Sure! Here is a reply: hi")).warnings())
          .containsExactly("llm_fallback:malformed_response");
    }

    @Test
    void aRefusal() {
      String body =
          "{\"id\":\"chatcmpl-2\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
              + "\"message\":{\"role\":\"assistant\",\"content\":null,"
              + "\"refusal\":\"I'm sorry, I can't help with that.\"},\"finish_reason\":\"stop\"}]}";
      assertThat(fallback(json(200, body)).warnings()).containsExactly("llm_fallback:refusal");
    }

    @Test
    void anIntentOutsideThePacksVocabulary() {
      assertThat(
              fallback(
                      completion(
                          "{\"intent\":\"buy_now\",\"confidence\":0.9,\"reply\":\"Hi\","
                              + "\"next_action\":\"handoff\"}"))
                  .warnings())
          .containsExactly("llm_fallback:schema_violation");
    }

    @Test
    void aNextActionOutsideTheAllowedSet() {
      assertThat(
              fallback(
                      completion(
                          "{\"intent\":\"pricing_question\",\"confidence\":0.9,\"reply\":\"Hi\","
                              + "\"next_action\":\"send_invoice\"}"))
                  .warnings())
          .containsExactly("llm_fallback:schema_violation");
    }

    @Test
    void aReplyOver4096Characters() {
      String content =
          "{\"intent\":\"pricing_question\",\"confidence\":0.9,\"reply\":\""
              + "a".repeat(4097)
              + "\",\"next_action\":\"ask_budget\"}";
      assertThat(fallback(completion(content)).warnings())
          .containsExactly("llm_fallback:schema_violation");
    }

    @Test
    void aMissingFieldOrAnExtraOne() {
      assertThat(
              fallback(completion("{\"intent\":\"pricing_question\",\"confidence\":0.9}"))
                  .warnings())
          .containsExactly("llm_fallback:schema_violation");
      assertThat(
              fallback(
                      completion(
                          "{\"intent\":\"pricing_question\",\"confidence\":0.9,\"reply\":\"Hi\","
                              + "\"next_action\":\"ask_budget\",\"price\":\"$1\"}"))
                  .warnings())
          .containsExactly("llm_fallback:schema_violation");
    }

    @Test
    void aReplyStatingAFigureThatIsNotInTheFacts() {
      assertThat(
              fallback(
                      completion(
                          "{\"intent\":\"pricing_question\",\"confidence\":0.9,\"reply\":\"It's"
                              + " $525,000 and you can see it Saturday at 3pm.\","
                              + "\"next_action\":\"ask_budget\"}"))
                  .warnings())
          .containsExactly("llm_fallback:ungrounded");
    }

    @Test
    void aSlowAnswerBeyondTheTimeout() {
      MockResponse slow = completion(GOOD).newBuilder().headersDelay(3, TimeUnit.SECONDS).build();
      long started = System.nanoTime();

      assertThat(fallback(slow).warnings()).containsExactly("llm_fallback:timeout");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aBodyOverOneMegabyteIsNotReadFurther() {
      // A valid completion padded with whitespace past the cap: valid JSON, but too long to read.
      String padded =
          completionBody(GOOD) + " ".repeat(OpenAiCompatibleReplySuggester.MAX_RESPONSE_BYTES);
      assertThat(fallback(json(200, padded)).warnings())
          .containsExactly("llm_fallback:response_too_large");
    }

    @Test
    void aBodyOverOneMegabyteWithoutALengthIsCutOffToo() {
      String padded =
          completionBody(GOOD) + " ".repeat(OpenAiCompatibleReplySuggester.MAX_RESPONSE_BYTES);
      MockResponse chunked =
          new MockResponse.Builder()
              .code(200)
              .addHeader("Content-Type", "application/json")
              .chunkedBody(padded, 64 * 1024)
              .build();
      assertThat(fallback(chunked).warnings()).containsExactly("llm_fallback:response_too_large");
    }

    @Test
    void aBodyJustUnderTheCapIsRead() {
      String body = completionBody(GOOD);
      String padded =
          body + " ".repeat(OpenAiCompatibleReplySuggester.MAX_RESPONSE_BYTES - body.length());
      server.enqueue(json(200, padded));
      assertThat(suggester.suggest(request("how much is it?", ANA)).warnings()).isEmpty();
    }

    @Test
    void anEndpointThatIsNotThere() {
      server.close();
      Suggestion s = suggester.suggest(request("how much is it?", ANA));
      assertThat(s.warnings()).containsExactly("llm_fallback:unreachable");
      assertThat(s.reply()).isNotNull();
    }
  }

  @Nested
  @DisplayName("The API key")
  class Secrecy {
    @Test
    @DisplayName("a redirect to another host is not followed: it receives neither key nor prompt")
    void aRedirectToAnotherHostReceivesNothing() throws Exception {
      try (MockWebServer elsewhere = new MockWebServer()) {
        elsewhere.start();
        elsewhere.enqueue(completion(GOOD));
        elsewhere.enqueue(completion(GOOD));
        MockResponse redirect =
            new MockResponse.Builder()
                .code(307)
                .addHeader("Location", elsewhere.url("/v1/chat/completions").toString())
                .build();
        server.enqueue(redirect);
        server.enqueue(redirect);
        OpenAiCompatibleReplySuggester azure =
            suggester.toBuilder().flavour(OpenAiCompatibleReplySuggester.Flavour.AZURE).build();

        for (OpenAiCompatibleReplySuggester s : List.of(suggester, azure)) {
          assertThat(s.suggest(request("how much is it?", ANA)).warnings())
              .containsExactly("llm_fallback:http_307");
        }

        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(elsewhere.getRequestCount()).as("the redirect's target").isZero();
        assertThat(elsewhere.takeRequest(200, TimeUnit.MILLISECONDS)).isNull();
      }
    }

    @Test
    @DisplayName("the key goes in Authorization for OpenAI and in api-key for Azure, never both")
    void oneHeaderPerFlavour() throws Exception {
      server.enqueue(completion(GOOD));
      server.enqueue(completion(GOOD));
      OpenAiCompatibleReplySuggester azure =
          suggester.toBuilder().flavour(OpenAiCompatibleReplySuggester.Flavour.AZURE).build();

      suggester.suggest(request("how much is it?", ANA));
      azure.suggest(request("how much is it?", ANA));

      RecordedRequest openAi = server.takeRequest(2, TimeUnit.SECONDS);
      assertThat(openAi.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
      assertThat(openAi.getHeaders().get("api-key")).isNull();
      RecordedRequest toAzure = server.takeRequest(2, TimeUnit.SECONDS);
      assertThat(toAzure.getHeaders().get("api-key")).isEqualTo(KEY);
      assertThat(toAzure.getHeaders().get("Authorization")).isNull();
      assertThat(azure.toString()).contains("AZURE").doesNotContain(KEY);
    }

    @Test
    void neverAppearsInToStringOrTheLog() {
      assertThat(suggester.toString()).doesNotContain(KEY).contains("****").contains("gpt-test");
      assertThat(suggester.toBuilder().toString()).doesNotContain(KEY);

      PrintStream original = System.err;
      ByteArrayOutputStream log = new ByteArrayOutputStream();
      System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
      try {
        server.enqueue(json(401, "{\"error\":{\"message\":\"Incorrect API key " + KEY + "\"}}"));
        suggester.suggest(request("how much is it?", ANA));
      } finally {
        System.setErr(original);
      }
      assertThat(log.toString(StandardCharsets.UTF_8))
          .contains("http_401")
          .doesNotContain(KEY)
          .doesNotContain("Incorrect API key");
    }
  }
}
