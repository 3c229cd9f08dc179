package ai.omniflow.connector.openai;

import ai.omniflow.assist.Facts;
import ai.omniflow.assist.ReplySuggesterCompatibilityKit;
import ai.omniflow.assist.spi.ReplySuggester;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Locale;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The kit against a scripted endpoint that answers as a well-behaved model would: {@code opt_out}
 * for "stop" or "unsubscribe", else a short grounded reply naming the contact from the facts.
 */
class OpenAiCompatibleReplySuggesterKitTest extends ReplySuggesterCompatibilityKit {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private MockWebServer server;
  private ReplySuggester suggester;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return answer(request);
          }
        });
    server.start();
    suggester =
        OpenAiCompatibleReplySuggester.builder()
            .baseUrl(server.url("/v1/").uri())
            .model("kit-model")
            .apiKey("sk-kit")
            .callTimeout(Duration.ofSeconds(5))
            .build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Override
  protected ReplySuggester suggester() {
    return suggester;
  }

  @Override
  protected int tries() {
    return 100;
  }

  private static MockResponse answer(RecordedRequest request) {
    try {
      JsonNode body = MAPPER.readTree(request.getBody().utf8());
      JsonNode input = MAPPER.readTree(body.path("messages").path(1).path("content").asText());
      String message = input.path("message").asText().toLowerCase(Locale.ROOT);
      String name = input.path("facts").path(Facts.CONTACT_FIRST_NAME).asText("there");
      String content =
          message.contains("stop") || message.contains("unsubscribe")
              ? "{\"intent\":\"opt_out\",\"confidence\":0.95,\"reply\":null,"
                  + "\"next_action\":\"stop_messaging\"}"
              : MAPPER
                  .createObjectNode()
                  .put("intent", "general_question")
                  .put("confidence", 0.7)
                  .put("reply", "Hi " + name + ", thanks for your message! We'll reply here soon.")
                  .put("next_action", "handoff")
                  .toString();
      String completion =
          MAPPER
              .createObjectNode()
              .put("id", "chatcmpl-kit")
              .put("object", "chat.completion")
              .set(
                  "choices",
                  MAPPER
                      .createArrayNode()
                      .add(
                          MAPPER
                              .createObjectNode()
                              .put("index", 0)
                              .put("finish_reason", "stop")
                              .set(
                                  "message",
                                  MAPPER
                                      .createObjectNode()
                                      .put("role", "assistant")
                                      .put("content", content)
                                      .putNull("refusal"))))
              .toString();
      return new MockResponse.Builder()
          .code(200)
          .addHeader("Content-Type", "application/json")
          .body(completion)
          .build();
    } catch (Exception e) {
      return new MockResponse.Builder().code(400).body("{}").build();
    }
  }
}
