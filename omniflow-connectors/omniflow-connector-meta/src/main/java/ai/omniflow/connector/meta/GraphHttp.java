package ai.omniflow.connector.meta;

import ai.omniflow.connector.spi.ConnectorConfig;
import ai.omniflow.connector.spi.FailureKind;
import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * The connector's HTTP plumbing: one immutable OkHttp client with explicit timeouts, answers read
 * up to a bound, and retries with jittered back-off (Failsafe) for idempotent reads only. Sends are
 * never retried here: the Graph API does not deduplicate them, so a retry could deliver twice (core
 * decides, decision 0029). Thread-safe.
 */
final class GraphHttp {
  /** The largest answer read, in bytes; a bigger one is refused unread. */
  static final int MAX_ANSWER_BYTES = 1 << 20;

  /** The longest {@code X-Business-Use-Case-Usage} header read; a longer one is ignored. */
  static final int MAX_USAGE_HEADER = 8192;

  private final OkHttpClient client;
  private final RetryPolicy<Answer> readRetries;

  /** An answer read whole (within the bound). */
  record Answer(
      int code, @Nullable String retryAfterHeader, String body, @Nullable String usageHeader) {
    Answer(int code, @Nullable String retryAfterHeader, String body) {
      this(code, retryAfterHeader, body, null);
    }

    boolean successful() {
      return code / 100 == 2;
    }

    /** {@code Retry-After} in seconds, when the platform gave one. */
    Optional<Duration> retryAfter() {
      return parseRetryAfter(retryAfterHeader);
    }
  }

  GraphHttp(ConnectorConfig config) {
    Duration connect = duration(config, MetaConnectorFactory.CONNECT_TIMEOUT, "PT5S");
    Duration read = duration(config, MetaConnectorFactory.READ_TIMEOUT, "PT10S");
    Duration call = duration(config, MetaConnectorFactory.CALL_TIMEOUT, "PT20S");
    int attempts = attempts(config);
    Duration maxWait = duration(config, MetaConnectorFactory.MAX_RETRY_WAIT, "PT10S");
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
    this.readRetries =
        RetryPolicy.<Answer>builder()
            .handleIf(
                (answer, failure) ->
                    failure instanceof MetaException e
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
  Answer once(Request request, String what) {
    return execute(request, what);
  }

  /** Makes an idempotent call, retrying I/O failures, 5xx and short rate limits. */
  Answer idempotent(Request request, String what) {
    return Failsafe.with(readRetries).get(() -> execute(request, what));
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
      String usage = response.header("X-Business-Use-Case-Usage");
      return new Answer(
          response.code(),
          response.header("Retry-After"),
          text,
          usage == null || usage.length() > MAX_USAGE_HEADER ? null : usage);
    } catch (IOException e) {
      // The exception's message may name the URL; ours names only what failed, in kind.
      throw MetaException.of(
          FailureKind.TRANSIENT,
          "transient",
          null,
          "meta unreachable during " + what + " (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static MetaException tooLarge(String what) {
    return MetaException.of(
        FailureKind.MALFORMED_PAYLOAD,
        "answer_too_large",
        null,
        "meta's answer to " + what + " is larger than " + MAX_ANSWER_BYTES + " bytes");
  }

  static Optional<Duration> parseRetryAfter(@Nullable String header) {
    if (header == null || header.isBlank() || header.length() > 10) {
      return Optional.empty();
    }
    try {
      long seconds = Long.parseLong(header.trim());
      return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    } catch (NumberFormatException e) {
      return Optional.empty(); // an HTTP date: Graph sends seconds; treat as not given
    }
  }

  private static Duration duration(ConnectorConfig config, String key, String fallback) {
    String text = config.setting(key).orElse(fallback);
    try {
      Duration value = Duration.parse(text);
      if (value.isNegative() || value.isZero() || value.compareTo(Duration.ofMinutes(5)) > 0) {
        throw new IllegalArgumentException(
            "the meta setting " + key + " must be a duration above zero and at most PT5M");
      }
      return value;
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "the meta setting " + key + " must be an ISO-8601 duration such as PT10S", e);
    }
  }

  private static int attempts(ConnectorConfig config) {
    String text = config.setting(MetaConnectorFactory.READ_ATTEMPTS).orElse("3");
    try {
      int value = Integer.parseInt(text);
      if (value < 1 || value > 10) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "the meta setting " + MetaConnectorFactory.READ_ATTEMPTS + " must be 1 to 10", e);
    }
  }
}
