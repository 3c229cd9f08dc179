package ai.omniflow.webhooks;

import ai.omniflow.Limits;
import ai.omniflow.OmniFlowException;
import ai.omniflow.connector.spi.WebhookRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One webhook delivery as it is stored: the provider, the dedupe key of the delivery, and what the
 * connector needs to parse it again later (method, URI, the few headers the host kept, the raw body
 * bytes). Immutable; the body is copied in and out. Every part is bounded here, where it enters.
 *
 * <pre>{@code
 * var d = new InboundDelivery("meta", key, "POST", uri, Map.of("Content-Type", "application/json"),
 *     body, now);
 * }</pre>
 *
 * @param provider the connector's provider id
 * @param dedupeKey unique per provider and the same for a redelivery (the body's SHA-256 by
 *     default)
 * @param method the HTTP method
 * @param uri the request URI with its query string, as the platform called it
 * @param headers the headers kept, at most {@value #MAX_HEADERS}, one value each
 * @param body the raw body bytes, at most {@link WebhookService#MAX_BODY_BYTES}
 * @param receivedAt when OmniFlow received it
 */
public record InboundDelivery(
    String provider,
    String dedupeKey,
    String method,
    String uri,
    Map<String, String> headers,
    byte[] body,
    Instant receivedAt) {

  /** The most headers a delivery keeps. */
  public static final int MAX_HEADERS = 16;

  /** The longest URI kept. */
  public static final int MAX_URI = 2048;

  /** The longest header value kept. */
  public static final int MAX_HEADER_VALUE = 1024;

  private static final Pattern PROVIDER = Pattern.compile("[a-z][a-z0-9-]{0,31}");
  private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9-]{1,64}");
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9:._-]{1,128}");
  private static final Pattern METHOD = Pattern.compile("[A-Z]{1,10}");

  /**
   * Validates and copies.
   *
   * @throws OmniFlowException {@code invalid_provider} (bad request) for a provider outside the
   *     provider-id shape, {@code payload_too_large} for a body over the limit, {@code
   *     invalid_<part>} (invalid input) for any other part out of bounds; the message never repeats
   *     the value
   */
  public InboundDelivery {
    requireProvider(provider);
    if (!KEY.matcher(Objects.requireNonNull(dedupeKey, "dedupeKey")).matches()) {
      throw OmniFlowException.invalidInput(
          "invalid_dedupe_key", "dedupe_key must be 1 to 128 letters, digits or :._-.");
    }
    if (!METHOD.matcher(Objects.requireNonNull(method, "method")).matches()) {
      throw OmniFlowException.invalidInput("invalid_method", "method must be an HTTP method.");
    }
    Limits.text("uri", Objects.requireNonNull(uri, "uri"), MAX_URI);
    parse(uri);
    Objects.requireNonNull(headers, "headers");
    Limits.map("headers", headers, MAX_HEADERS);
    Map<String, String> copy = new LinkedHashMap<>();
    headers.forEach(
        (name, value) -> {
          if (name == null || !HEADER_NAME.matcher(name).matches()) {
            throw OmniFlowException.invalidInput(
                "invalid_headers", "a header name must be 1 to 64 letters, digits or dashes.");
          }
          Limits.text("headers", Objects.requireNonNull(value, "header value"), MAX_HEADER_VALUE);
          copy.put(name, value);
        });
    headers = java.util.Collections.unmodifiableMap(copy);
    Objects.requireNonNull(body, "body");
    if (body.length > WebhookService.MAX_BODY_BYTES) {
      throw tooLarge();
    }
    body = body.clone();
    Limits.instant("received_at", Objects.requireNonNull(receivedAt, "receivedAt"));
  }

  /**
   * Checks a provider name where it enters.
   *
   * @throws OmniFlowException {@code invalid_provider} (bad request), not echoing the name
   */
  public static String requireProvider(String provider) {
    if (provider == null || !PROVIDER.matcher(provider).matches()) {
      throw OmniFlowException.badRequest(
          WebhookErrors.INVALID_PROVIDER,
          "The provider must be 1 to 32 lower-case letters, digits or dashes.");
    }
    return provider;
  }

  static OmniFlowException tooLarge() {
    return new OmniFlowException(
        OmniFlowException.Kind.BAD_REQUEST,
        WebhookErrors.PAYLOAD_TOO_LARGE,
        "A webhook body must be at most " + WebhookService.MAX_BODY_BYTES + " bytes.");
  }

  private static URI parse(String uri) {
    try {
      return new URI(uri);
    } catch (URISyntaxException e) {
      throw OmniFlowException.invalidInput("invalid_uri", "uri must be a URI.");
    }
  }

  /** A copy of the raw body. */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /** The request to hand the connector's parser, exactly as it was received. */
  public WebhookRequest toRequest() {
    Map<String, List<String>> multi = new LinkedHashMap<>();
    headers.forEach((name, value) -> multi.put(name, List.of(value)));
    return new WebhookRequest(method, parse(uri), multi, body);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof InboundDelivery that
        && provider.equals(that.provider)
        && dedupeKey.equals(that.dedupeKey)
        && method.equals(that.method)
        && uri.equals(that.uri)
        && headers.equals(that.headers)
        && Arrays.equals(body, that.body)
        && receivedAt.equals(that.receivedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(provider, dedupeKey, method, uri, headers, receivedAt)
        + 31 * Arrays.hashCode(body);
  }

  @Override
  public String toString() {
    return "InboundDelivery[" + provider + " " + dedupeKey + ", " + body.length + " bytes]";
  }
}
