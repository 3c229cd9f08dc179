package ai.omniflow.connector.support.internal;

import ai.omniflow.connector.spi.ConnectorConfig;
import ai.omniflow.connector.spi.ConnectorException;
import ai.omniflow.connector.spi.FailureKind;
import ai.omniflow.connector.spi.SendResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * A connector's HTTP plumbing: one immutable OkHttp client with explicit timeouts, answers read up
 * to a bound, and retries with jittered back-off (Failsafe) for idempotent calls only. Sends are
 * never retried here: no platform connector's send API deduplicates, so a retry could deliver twice
 * (core decides, decision 0029). Every failure is the connector's own exception, made by its {@link
 * Failures}, and names the provider and what failed, never the URL or the platform's text.
 * Thread-safe.
 */
public final class JsonHttp {
  /** Setting: how long to wait for a connection to the platform. */
  public static final String CONNECT_TIMEOUT = "connect_timeout";

  /** Setting: how long to wait between bytes of an answer. */
  public static final String READ_TIMEOUT = "read_timeout";

  /** Setting: how long one whole call may take, answer included. */
  public static final String CALL_TIMEOUT = "call_timeout";

  /** Setting: how many times an idempotent call is tried (1 to 10, default 3). */
  public static final String READ_ATTEMPTS = "read_attempts";

  /** Setting: the longest {@code Retry-After} waited for inside a retry; longer ones return. */
  public static final String MAX_RETRY_WAIT = "max_retry_wait";

  /** The largest answer read, in bytes; a bigger one is refused unread. */
  public static final int MAX_ANSWER_BYTES = 1 << 20;

  /** The longest kept header read, in characters; a longer one is treated as absent. */
  public static final int MAX_HEADER = 8192;

  private static final String RETRY_AFTER = "Retry-After";
  private static final Duration LONGEST_SETTING = Duration.ofMinutes(5);

  private final String provider;
  private final Failures failures;
  private final List<String> keptHeaders;
  private final OkHttpClient client;
  private final RetryPolicy<Answer> retries;
  private final ObjectMapper json = new ObjectMapper();

  /**
   * An answer read whole (within the bound): its status, body and the headers the client was asked
   * to keep ({@code Retry-After} always), each at most {@link #MAX_HEADER} characters.
   */
  public record Answer(int code, String body, Map<String, String> headers) {
    /** Copies {@code headers}; names are looked up without regard to case. */
    public Answer {
      Map<String, String> lower = new LinkedHashMap<>();
      headers.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
      headers = Map.copyOf(lower);
    }

    /** An answer with no kept header. */
    public Answer(int code, String body) {
      this(code, body, Map.of());
    }

    /** Whether the status is 2xx. */
    public boolean successful() {
      return code / 100 == 2;
    }

    /** A kept header's value. */
    public Optional<String> header(String name) {
      return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** {@code Retry-After} in seconds, when the platform gave one. */
    public Optional<Duration> retryAfter() {
      return parseRetryAfter(header(RETRY_AFTER).orElse(null));
    }
  }

  /**
   * A client for {@code provider} (a lower-case name used in every message) with the timeouts and
   * attempts of {@code config}'s settings ({@link #CONNECT_TIMEOUT}, {@link #READ_TIMEOUT}, {@link
   * #CALL_TIMEOUT}, {@link #MAX_RETRY_WAIT}: ISO-8601 durations above zero and at most PT5M,
   * defaults PT5S, PT10S, PT20S, PT10S; {@link #READ_ATTEMPTS}: 1 to 10, default 3).
   *
   * @param keptHeaders response headers to keep besides {@code Retry-After}
   * @throws IllegalArgumentException if a setting is out of range (naming it, never its value)
   */
  public JsonHttp(
      String provider, ConnectorConfig config, Failures failures, String... keptHeaders) {
    this.provider = provider;
    this.failures = failures;
    this.keptHeaders =
        Stream.concat(Stream.of(RETRY_AFTER), Arrays.stream(keptHeaders)).distinct().toList();
    Duration connect = duration(config, CONNECT_TIMEOUT, "PT5S");
    Duration read = duration(config, READ_TIMEOUT, "PT10S");
    Duration call = duration(config, CALL_TIMEOUT, "PT20S");
    int attempts = attempts(config);
    Duration maxWait = duration(config, MAX_RETRY_WAIT, "PT10S");
    this.client =
        new OkHttpClient.Builder()
            .connectTimeout(connect)
            .readTimeout(read)
            .writeTimeout(read)
            .callTimeout(call)
            // A POST that failed midway may have reached the platform: never resend it silently.
            .retryOnConnectionFailure(false)
            .followRedirects(false)
            .followSslRedirects(false)
            .build();
    this.retries =
        RetryPolicy.<Answer>builder()
            .handleIf(
                (answer, failure) ->
                    failure instanceof ConnectorException e
                        ? e.kind() == FailureKind.TRANSIENT
                        : answer != null && (answer.code() == 429 || answer.code() >= 500))
            .abortIf(
                (answer, failure) ->
                    answer != null
                        && answer
                            .retryAfter()
                            .map(wait -> wait.compareTo(maxWait) > 0)
                            .orElse(false))
            .withBackoff(Duration.ofMillis(200), Duration.ofSeconds(2))
            .withJitter(0.5)
            .withDelayFn(
                context -> {
                  Answer last = context.getLastResult();
                  // Negative: use the jittered back-off; a Retry-After the platform gave wins.
                  return last == null
                      ? Duration.ofMillis(-1)
                      : last.retryAfter().orElse(Duration.ofMillis(-1));
                })
            .withMaxAttempts(attempts)
            .build();
  }

  /** Makes a call once: for sends, which the platform does not deduplicate. */
  public Answer once(Request request, String what) {
    return execute(request, what);
  }

  /** Makes an idempotent call, retrying I/O failures, 5xx and short rate limits. */
  public Answer idempotent(Request request, String what) {
    return Failsafe.with(retries).get(() -> execute(request, what));
  }

  /**
   * The answer's body as a JSON object, else a {@code malformed_payload} failure that names neither
   * the body nor the parser's message (which quotes it).
   */
  public JsonNode readObject(Answer answer, String what) {
    try {
      JsonNode node = json.readTree(answer.body());
      if (node == null || !node.isObject()) {
        throw new IOException("not an object");
      }
      return node;
    } catch (IOException | RuntimeException e) {
      throw failures.of(
          FailureKind.MALFORMED_PAYLOAD,
          "malformed_payload",
          null,
          provider + "'s answer to " + what + " is not a JSON object");
    }
  }

  /**
   * The result of a send whose answer named {@code id}, if it is 1 to {@link Bounds#MAX_ID}
   * characters; else a {@code malformed_payload} failure saying the answer names no {@code what}
   * (e.g. {@code "message id"}), never quoting the answer.
   */
  public SendResult sent(String id, String what) {
    if (id.isBlank() || id.length() > Bounds.MAX_ID) {
      throw failures.of(
          FailureKind.MALFORMED_PAYLOAD,
          "malformed_payload",
          null,
          provider + "'s send answer names no " + what);
    }
    return new SendResult(id);
  }

  private Answer execute(Request request, String what) {
    try (Response response = client.newCall(request).execute()) {
      ResponseBody body = response.body();
      if (body.contentLength() > MAX_ANSWER_BYTES) {
        throw tooLarge(what);
      }
      BufferedSource source = body.source();
      if (source.request(MAX_ANSWER_BYTES + 1L)) {
        throw tooLarge(what); // more than the bound arrived; the rest is never read
      }
      String text = source.getBuffer().readString(StandardCharsets.UTF_8);
      Map<String, String> headers = new LinkedHashMap<>();
      for (String name : keptHeaders) {
        String value = response.header(name);
        if (value != null && value.length() <= MAX_HEADER) {
          headers.put(name, value);
        }
      }
      return new Answer(response.code(), text, headers);
    } catch (IOException e) {
      // The exception's message may name the URL; ours names only what failed, in kind.
      throw failures.of(
          FailureKind.TRANSIENT,
          "transient",
          null,
          provider + " unreachable during " + what + " (" + e.getClass().getSimpleName() + ")");
    }
  }

  private ConnectorException tooLarge(String what) {
    return failures.of(
        FailureKind.MALFORMED_PAYLOAD,
        "answer_too_large",
        null,
        provider + "'s answer to " + what + " is larger than " + MAX_ANSWER_BYTES + " bytes");
  }

  /**
   * {@code Retry-After} as whole seconds; empty when absent, negative, over ten characters, or an
   * HTTP date (the platforms send seconds).
   */
  public static Optional<Duration> parseRetryAfter(@Nullable String header) {
    if (header == null || header.isBlank() || header.length() > 10) {
      return Optional.empty();
    }
    try {
      long seconds = Long.parseLong(header.trim());
      return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    } catch (NumberFormatException e) {
      return Optional.empty(); // an HTTP date: treat as not given
    }
  }

  private Duration duration(ConnectorConfig config, String key, String fallback) {
    String text = config.setting(key).orElse(fallback);
    try {
      Duration value = Duration.parse(text);
      if (value.isNegative() || value.isZero() || value.compareTo(LONGEST_SETTING) > 0) {
        throw new IllegalArgumentException(
            "the "
                + provider
                + " setting "
                + key
                + " must be a duration above zero and at most PT5M");
      }
      return value;
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "the " + provider + " setting " + key + " must be an ISO-8601 duration such as PT10S", e);
    }
  }

  private int attempts(ConnectorConfig config) {
    String text = config.setting(READ_ATTEMPTS).orElse("3");
    try {
      int value = Integer.parseInt(text);
      if (value < 1 || value > 10) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "the " + provider + " setting " + READ_ATTEMPTS + " must be 1 to 10", e);
    }
  }

  /** Shows the provider; never a URL or secret. */
  @Override
  public String toString() {
    return "JsonHttp[" + provider + "]";
  }
}
