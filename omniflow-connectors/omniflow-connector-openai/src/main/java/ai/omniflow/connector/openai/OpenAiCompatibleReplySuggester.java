package ai.omniflow.connector.openai;

import ai.omniflow.assist.Facts;
import ai.omniflow.assist.Grounding;
import ai.omniflow.assist.Suggestion;
import ai.omniflow.assist.SuggestionRequest;
import ai.omniflow.assist.TemplateReplySuggester;
import ai.omniflow.assist.spi.ReplySuggester;
import ai.omniflow.pack.VerticalPack;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reply suggester backed by any OpenAI-compatible chat-completions endpoint (OpenAI, Azure
 * OpenAI, Ollama, vLLM, …). It sends the pack's intents and allowed next actions, the grounding
 * facts and the one inbound message, and nothing about any other contact; it asks for JSON-schema
 * structured output ({@code response_format: {type: json_schema, …}}), validates the answer against
 * the schema (the intent in the pack's vocabulary, the next action in the allowed set, the reply at
 * most 4096 characters), and re-checks the grounding rule ({@link Grounding}: no number, date or
 * time in the reply that the facts do not state). On <b>any</b> failure — HTTP error, timeout,
 * unreachable endpoint, malformed body, refusal, schema violation, ungrounded reply — it answers
 * what the fallback suggester (default {@link TemplateReplySuggester#ofDefaults()}) answers, with a
 * warning {@code llm_fallback:<reason>}. It never throws for a failure of the endpoint.
 *
 * <p>A contact who opted out is never sent to the endpoint: the fallback answers (with no reply).
 *
 * <pre>{@code
 * ReplySuggester suggester = OpenAiCompatibleReplySuggester.builder()
 *     .baseUrl(URI.create("https://api.openai.com/v1/"))
 *     .model("gpt-4o-mini")
 *     .apiKey(System.getenv("OPENAI_API_KEY"))
 *     .callTimeout(Duration.ofSeconds(8))
 *     .build();
 * }</pre>
 *
 * <p>Redirects are never followed (a 3xx is the failure {@code http_3xx}), so the key and the
 * prompt go to the configured host only; a response body over {@link #MAX_RESPONSE_BYTES} is a
 * failure ({@link #TOO_LARGE}) and is not read further.
 *
 * <p>Immutable and thread-safe. The API key never appears in {@link #toString()}, logs or
 * exceptions.
 */
public final class OpenAiCompatibleReplySuggester implements ReplySuggester {
  /** The warning prefix of a fallback; the reason follows the colon. */
  public static final String FALLBACK_WARNING = "llm_fallback:";

  /** Reason: the call took longer than the call timeout. */
  public static final String TIMEOUT = "timeout";

  /** Reason: the endpoint could not be reached. */
  public static final String UNREACHABLE = "unreachable";

  /** Reason: the body was not the chat-completions JSON, or the content not JSON. */
  public static final String MALFORMED = "malformed_response";

  /** Reason: the model refused to answer. */
  public static final String REFUSAL = "refusal";

  /** Reason: the content did not match the schema. */
  public static final String SCHEMA_VIOLATION = "schema_violation";

  /** Reason: the reply stated a figure that is not in the facts. */
  public static final String UNGROUNDED = "ungrounded";

  /** Reason: the response body was longer than {@link #MAX_RESPONSE_BYTES}. */
  public static final String TOO_LARGE = "response_too_large";

  /** The most bytes of a response body read; a longer body is a failure, not read further. */
  public static final int MAX_RESPONSE_BYTES = 1024 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(OpenAiCompatibleReplySuggester.class);
  private static final MediaType JSON = MediaType.get("application/json");
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> ANSWER_KEYS =
      Set.of("intent", "confidence", "reply", "next_action");

  private final HttpUrl completionsUrl;
  private final URI baseUrl;
  private final String model;
  private final @Nullable String apiKey;
  private final Flavour flavour;
  private final Duration connectTimeout;
  private final Duration callTimeout;
  private final ReplySuggester fallback;
  private final OkHttpClient client;

  private OpenAiCompatibleReplySuggester(Builder b) {
    this.baseUrl = Objects.requireNonNull(b.baseUrl, "baseUrl is required");
    this.model = Objects.requireNonNull(b.model, "model is required");
    this.apiKey = b.apiKey;
    this.flavour = b.flavour;
    this.connectTimeout = b.connectTimeout;
    this.callTimeout = b.callTimeout;
    this.fallback = b.fallback;
    HttpUrl base = HttpUrl.get(baseUrl.toString());
    this.completionsUrl = Objects.requireNonNull(base.resolve("chat/completions"));
    this.client =
        (b.client == null ? new OkHttpClient() : b.client)
            .newBuilder()
            .connectTimeout(connectTimeout)
            .readTimeout(callTimeout)
            .callTimeout(callTimeout)
            // A redirect would carry the key and the prompt to wherever it points.
            .followRedirects(false)
            .followSslRedirects(false)
            .build();
  }

  /** A builder; {@code baseUrl} and {@code model} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this suggester's settings. */
  public Builder toBuilder() {
    Builder b =
        new Builder()
            .baseUrl(baseUrl)
            .model(model)
            .flavour(flavour)
            .connectTimeout(connectTimeout)
            .callTimeout(callTimeout)
            .fallback(fallback)
            .httpClient(client);
    b.apiKey = apiKey;
    return b;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Never throws for a failure of the endpoint; see the class description.
   *
   * @throws NullPointerException if {@code request} is null
   */
  @Override
  public Suggestion suggest(SuggestionRequest request) {
    Objects.requireNonNull(request, "request");
    if (request.guardrails().optedOut()) {
      return fallback.suggest(request); // nothing to send, and nothing to tell the endpoint
    }
    String content;
    try {
      content = call(request);
    } catch (Failure f) {
      return fallBack(request, f.reason);
    } catch (InterruptedIOException e) {
      return fallBack(request, TIMEOUT);
    } catch (IOException e) {
      return fallBack(request, UNREACHABLE);
    } catch (RuntimeException e) {
      return fallBack(request, MALFORMED);
    }
    try {
      return answer(request, content);
    } catch (Failure f) {
      return fallBack(request, f.reason);
    }
  }

  private Suggestion fallBack(SuggestionRequest request, String reason) {
    LOG.warn(
        "Falling back to the default reply suggester: {} (model {}, endpoint {})",
        reason,
        model,
        completionsUrl.host());
    return fallback.suggest(request).withWarning(FALLBACK_WARNING + reason);
  }

  /** The assistant message's content, a JSON text. */
  private String call(SuggestionRequest request) throws IOException, Failure {
    Request.Builder http =
        new Request.Builder()
            .url(completionsUrl)
            .post(RequestBody.create(MAPPER.writeValueAsString(body(request)), JSON));
    if (apiKey != null) {
      if (flavour == Flavour.AZURE) {
        http.header("api-key", apiKey);
      } else {
        http.header("Authorization", "Bearer " + apiKey);
      }
    }
    try (Response response = client.newCall(http.build()).execute()) {
      if (!response.isSuccessful()) {
        throw new Failure("http_" + response.code());
      }
      ResponseBody body = response.body();
      if (body.contentLength() > MAX_RESPONSE_BYTES) {
        throw new Failure(TOO_LARGE);
      }
      BufferedSource source = body.source();
      if (source.request(MAX_RESPONSE_BYTES + 1L)) {
        throw new Failure(TOO_LARGE); // more than the cap arrived; the rest is never read
      }
      JsonNode root;
      try {
        root = MAPPER.readTree(source.getBuffer().readUtf8());
      } catch (JsonProcessingException e) {
        throw new Failure(MALFORMED);
      }
      JsonNode message = root == null ? null : root.path("choices").path(0).path("message");
      if (message == null || !message.isObject()) {
        throw new Failure(MALFORMED);
      }
      JsonNode refusal = message.get("refusal");
      if (refusal != null && !refusal.isNull()) {
        throw new Failure(REFUSAL);
      }
      if ("content_filter".equals(root.path("choices").path(0).path("finish_reason").asText())) {
        throw new Failure(REFUSAL);
      }
      JsonNode content = message.get("content");
      if (content == null || !content.isTextual()) {
        throw new Failure(MALFORMED);
      }
      return content.asText();
    }
  }

  /** The chat-completions request: rules, the schema, the facts and this one message. */
  ObjectNode body(SuggestionRequest request) {
    VerticalPack pack = request.pack();
    ObjectNode body = MAPPER.createObjectNode();
    body.put("model", model);
    body.put("temperature", 0);
    ArrayNode messages = body.putArray("messages");
    ObjectNode system = messages.addObject();
    system.put("role", "system");
    system.put("content", systemPrompt(pack));
    ObjectNode user = messages.addObject();
    user.put("role", "user");
    ObjectNode input = MAPPER.createObjectNode();
    input.put("pack", pack.slug());
    ObjectNode intents = input.putObject("intents");
    for (VerticalPack.Intent intent : pack.intents()) {
      intents.put(intent.key(), intent.label());
    }
    ObjectNode templates = input.putObject("reply_templates");
    new TreeSet<>(pack.replyTemplates().keySet())
        .forEach(k -> templates.put(k, pack.replyTemplates().get(k)));
    ObjectNode facts = input.putObject("facts");
    request.facts().values().forEach(facts::put);
    input.put("channel", request.guardrails().channel());
    input.put("message", request.text());
    user.put("content", input.toString());
    ObjectNode format = body.putObject("response_format");
    format.put("type", "json_schema");
    ObjectNode jsonSchema = format.putObject("json_schema");
    jsonSchema.put("name", "reply_suggestion");
    jsonSchema.put("strict", true);
    jsonSchema.set("schema", schema(pack));
    return body;
  }

  private static String systemPrompt(VerticalPack pack) {
    return "You draft replies for a business's agent to inbound messages from one contact. Classify"
        + " the message into exactly one of the given intents and suggest a short, friendly reply."
        + " Use ONLY the given facts: never state a price, number, address, date or time that is"
        + " not literally in the facts; if the answer needs one, say the agent will follow up. Use"
        + " the reply templates as a guide to tone; fill their {slots} from the facts or word"
        + " around them. If the contact asks to stop or unsubscribe, the intent is opt_out, the"
        + " reply is null and the next action is stop_messaging. Answer with JSON matching the"
        + " schema and nothing else.";
  }

  /** The JSON schema of an answer for this pack. */
  static ObjectNode schema(VerticalPack pack) {
    ObjectNode schema = MAPPER.createObjectNode();
    schema.put("type", "object");
    schema.put("additionalProperties", false);
    ArrayNode required = schema.putArray("required");
    ObjectNode props = schema.putObject("properties");
    ObjectNode intent = props.putObject("intent");
    intent.put("type", "string");
    ArrayNode intentEnum = intent.putArray("enum");
    pack.intents().forEach(i -> intentEnum.add(i.key()));
    ObjectNode confidence = props.putObject("confidence");
    confidence.put("type", "number");
    confidence.put("minimum", 0);
    confidence.put("maximum", 1);
    ObjectNode reply = props.putObject("reply");
    reply.putArray("type").add("string").add("null");
    reply.put("maxLength", Suggestion.MAX_REPLY);
    ObjectNode next = props.putObject("next_action");
    next.put("type", "string");
    ArrayNode nextEnum = next.putArray("enum");
    new TreeSet<>(VerticalPack.NEXT_ACTIONS).forEach(nextEnum::add);
    required.add("intent").add("confidence").add("reply").add("next_action");
    return schema;
  }

  /** The suggestion from the model's content, or a failure naming what was wrong. */
  private Suggestion answer(SuggestionRequest request, String content) throws Failure {
    JsonNode answer;
    try {
      answer = MAPPER.readTree(content);
    } catch (JsonProcessingException e) {
      throw new Failure(MALFORMED);
    }
    if (answer == null || !answer.isObject()) {
      throw new Failure(MALFORMED);
    }
    for (Iterator<String> names = answer.fieldNames(); names.hasNext(); ) {
      if (!ANSWER_KEYS.contains(names.next())) {
        throw new Failure(SCHEMA_VIOLATION);
      }
    }
    VerticalPack pack = request.pack();
    JsonNode intentNode = answer.get("intent");
    JsonNode confidenceNode = answer.get("confidence");
    JsonNode replyNode = answer.get("reply");
    JsonNode nextNode = answer.get("next_action");
    if (intentNode == null
        || !intentNode.isTextual()
        || pack.intents().stream().noneMatch(i -> i.key().equals(intentNode.asText()))
        || confidenceNode == null
        || !confidenceNode.isNumber()
        || !(confidenceNode.asDouble() >= 0 && confidenceNode.asDouble() <= 1)
        || replyNode == null
        || !(replyNode.isNull() || replyNode.isTextual())
        || nextNode == null
        || !nextNode.isTextual()
        || !VerticalPack.NEXT_ACTIONS.contains(nextNode.asText())) {
      throw new Failure(SCHEMA_VIOLATION);
    }
    String intent = intentNode.asText();
    String reply = replyNode.isNull() ? null : replyNode.asText().strip();
    if (reply != null && (reply.isEmpty() || reply.length() > Suggestion.MAX_REPLY)) {
      throw new Failure(SCHEMA_VIOLATION);
    }
    String nextAction = nextNode.asText();
    if (intent.equals("opt_out")) {
      reply = null;
      nextAction = Suggestion.STOP_MESSAGING;
    } else if (reply == null || nextAction.equals(Suggestion.STOP_MESSAGING)) {
      throw new Failure(SCHEMA_VIOLATION); // only an opt-out goes without a reply
    }
    if (reply != null
        && (reply.indexOf('{') >= 0 || !Grounding.isGrounded(reply, request.facts()))) {
      throw new Failure(UNGROUNDED);
    }
    List<String> used = reply == null ? List.of() : factsStated(reply, request.facts());
    return new Suggestion(
        intent,
        confidenceNode.asDouble(),
        null,
        reply,
        nextAction,
        used,
        request.guardrails().warnings());
  }

  private static List<String> factsStated(String reply, Facts facts) {
    String lower = reply.toLowerCase(Locale.ROOT);
    List<String> used = new ArrayList<>();
    for (Map.Entry<String, String> fact : facts.values().entrySet()) {
      if (lower.contains(fact.getValue().toLowerCase(Locale.ROOT))) {
        used.add(fact.getKey());
      }
    }
    return used;
  }

  /** Names the endpoint and model; never the API key. */
  @Override
  public String toString() {
    return "OpenAiCompatibleReplySuggester{baseUrl="
        + baseUrl
        + ", model="
        + model
        + ", flavour="
        + flavour
        + ", apiKey="
        + (apiKey == null ? "none" : "****")
        + ", callTimeout="
        + callTimeout
        + "}";
  }

  /** A failure of the endpoint, by its fallback reason. No message, no key, no stack. */
  private static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;
    final String reason;

    Failure(String reason) {
      super(reason, null, false, false);
      this.reason = reason;
    }
  }

  /** How the endpoint wants the API key. */
  public enum Flavour {
    /** OpenAI and most compatible servers: {@code Authorization: Bearer <key>}. */
    OPENAI,
    /** Azure OpenAI: {@code api-key: <key>}. */
    AZURE
  }

  /** Settings of an {@link OpenAiCompatibleReplySuggester}. Not thread-safe. */
  public static final class Builder {
    private @Nullable URI baseUrl;
    private @Nullable String model;
    private @Nullable String apiKey;
    private Flavour flavour = Flavour.OPENAI;
    private Duration connectTimeout = Duration.ofSeconds(3);
    private Duration callTimeout = Duration.ofSeconds(10);
    private ReplySuggester fallback = TemplateReplySuggester.ofDefaults();
    private @Nullable OkHttpClient client;

    private Builder() {}

    /**
     * The API's base URL, ending before {@code chat/completions}: {@code
     * https://api.openai.com/v1/}, {@code http://localhost:11434/v1/} (Ollama). Required.
     *
     * @throws IllegalArgumentException if not an http or https URL
     */
    public Builder baseUrl(URI baseUrl) {
      String s = baseUrl.toString();
      if (!(s.startsWith("http://") || s.startsWith("https://"))) {
        throw new IllegalArgumentException("baseUrl must be an http or https URL");
      }
      this.baseUrl = URI.create(s.endsWith("/") ? s : s + "/");
      return this;
    }

    /**
     * The model name, e.g. {@code gpt-4o-mini}. Required.
     *
     * @throws IllegalArgumentException if blank
     */
    public Builder model(String model) {
      if (model.isBlank()) {
        throw new IllegalArgumentException("model must not be blank");
      }
      this.model = model;
      return this;
    }

    /**
     * How the key is sent: {@link Flavour#OPENAI} (the default) as {@code Authorization: Bearer …},
     * {@link Flavour#AZURE} as {@code api-key: …}. Only that one header carries the key.
     */
    public Builder flavour(Flavour flavour) {
      this.flavour = Objects.requireNonNull(flavour, "flavour");
      return this;
    }

    /**
     * The API key, sent as the {@linkplain #flavour(Flavour) flavour} says; none for an endpoint
     * that needs none (a local Ollama).
     *
     * @throws IllegalArgumentException if blank
     */
    public Builder apiKey(String apiKey) {
      if (apiKey.isBlank()) {
        throw new IllegalArgumentException("apiKey must not be blank");
      }
      this.apiKey = apiKey;
      return this;
    }

    /**
     * How long to wait for a connection. Default 3 s.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive("connectTimeout", timeout);
      return this;
    }

    /**
     * How long a whole call may take before the fallback answers. Default 10 s.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder callTimeout(Duration timeout) {
      this.callTimeout = positive("callTimeout", timeout);
      return this;
    }

    /** Who answers when the endpoint fails; default {@link TemplateReplySuggester#ofDefaults()}. */
    public Builder fallback(ReplySuggester fallback) {
      this.fallback = Objects.requireNonNull(fallback, "fallback");
      return this;
    }

    /** The OkHttp client to derive from (its pool and dispatcher are shared); default a new one. */
    public Builder httpClient(OkHttpClient client) {
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    /**
     * @throws NullPointerException if the base URL or model is missing
     */
    public OpenAiCompatibleReplySuggester build() {
      return new OpenAiCompatibleReplySuggester(this);
    }

    @Override
    public String toString() {
      return "OpenAiCompatibleReplySuggester.Builder{baseUrl=" + baseUrl + ", model=" + model + "}";
    }

    private static Duration positive(String name, Duration d) {
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive, was " + d);
      }
      return d;
    }
  }
}
