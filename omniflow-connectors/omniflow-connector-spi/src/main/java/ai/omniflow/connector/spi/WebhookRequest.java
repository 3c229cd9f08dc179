package ai.omniflow.connector.spi;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP request a platform sent to OmniFlow's webhook endpoint, exactly as it arrived: the host
 * must pass the raw body bytes, not a re-serialized form, because signatures are computed over
 * them.
 *
 * <pre>{@code
 * var request = new WebhookRequest("POST", uri, headers, body);
 * connector.verifySignature(request);
 * List<InboundEvent> events = connector.parse(request);
 * }</pre>
 *
 * <p>Header names are looked up ignoring case. The body is copied in and out, so the record is
 * immutable. {@link #toString()} shows the method, URI, header names and body length only.
 *
 * @param method the HTTP method, e.g. {@code POST}
 * @param uri the request URI with its query string
 * @param headers the headers, each name with its values in order
 * @param rawBody the body bytes as received (empty for a GET)
 */
public record WebhookRequest(
    String method, URI uri, Map<String, List<String>> headers, byte[] rawBody) {

  /**
   * Validates the components and copies the collections.
   *
   * @throws IllegalArgumentException if {@code method} is blank
   * @throws NullPointerException if any parameter is null or {@code headers} holds null
   */
  public WebhookRequest {
    Checks.notBlank(method, "method");
    Checks.notNull(uri, "uri");
    Checks.notNull(headers, "headers");
    Checks.notNull(rawBody, "rawBody");
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach(
        (name, values) -> {
          Checks.notNull(name, "header name");
          List<String> merged = new ArrayList<>(copy.getOrDefault(name, List.of()));
          merged.addAll(Checks.list(values, "values of header " + name));
          copy.put(name, List.copyOf(merged));
        });
    headers = Collections.unmodifiableMap(copy);
    rawBody = rawBody.clone();
  }

  /**
   * A POST with a single value per header.
   *
   * @throws NullPointerException if any argument is null
   */
  public static WebhookRequest post(URI uri, Map<String, String> headers, byte[] rawBody) {
    Map<String, List<String>> multi = new LinkedHashMap<>();
    headers.forEach((name, value) -> multi.put(name, List.of(value)));
    return new WebhookRequest("POST", uri, multi, rawBody);
  }

  /** A copy of the raw body bytes. */
  @Override
  public byte[] rawBody() {
    return rawBody.clone();
  }

  /** The first value of the header {@code name} (any case), if present. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** The decoded query parameters of {@link #uri()}; of a repeated name, the first value wins. */
  public Map<String, String> queryParameters() {
    Map<String, String> params = new LinkedHashMap<>();
    String query = uri.getRawQuery();
    if (query == null || query.isEmpty()) {
      return Map.of();
    }
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      params.putIfAbsent(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return Collections.unmodifiableMap(params);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof WebhookRequest that
        && method.equals(that.method)
        && uri.equals(that.uri)
        && headers.equals(that.headers)
        && Arrays.equals(rawBody, that.rawBody);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * (31 * method.hashCode() + uri.hashCode()) + headers.hashCode())
        + Arrays.hashCode(rawBody);
  }

  @Override
  public String toString() {
    return "WebhookRequest["
        + method
        + " "
        + uri.getPath()
        + ", headers="
        + headers.keySet()
        + ", body="
        + rawBody.length
        + " bytes]";
  }
}
