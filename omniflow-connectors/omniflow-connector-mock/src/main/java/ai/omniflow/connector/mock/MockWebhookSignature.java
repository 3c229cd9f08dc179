package ai.omniflow.connector.mock;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The mock platform's webhook signature: {@code X-Mock-Signature: sha256=<hex>}, an HMAC-SHA256 of
 * the raw body keyed with the app secret. Hosts use it to sign simulated deliveries in mock mode;
 * tests use it to sign fixtures.
 *
 * <pre>{@code
 * String header = MockWebhookSignature.sign(body, appSecret); // "sha256=9f0c…"
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class MockWebhookSignature {
  /** The header that carries the signature. */
  public static final String HEADER = "X-Mock-Signature";

  private static final String PREFIX = "sha256=";

  private MockWebhookSignature() {}

  /**
   * The header value signing {@code body} with {@code secret}.
   *
   * @throws IllegalArgumentException if {@code secret} is empty
   */
  public static String sign(byte[] body, String secret) {
    return PREFIX + HexFormat.of().formatHex(hmac(body, secret));
  }

  /**
   * Whether {@code headerValue} is a valid signature of {@code body} with {@code secret}, compared
   * in constant time.
   */
  public static boolean matches(byte[] body, String secret, String headerValue) {
    return decode(headerValue)
        .map(given -> MessageDigest.isEqual(hmac(body, secret), given))
        .orElse(false);
  }

  private static Optional<byte[]> decode(String headerValue) {
    String value = headerValue.trim();
    if (!value.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return Optional.empty();
    }
    try {
      return Optional.of(HexFormat.of().parseHex(value.substring(PREFIX.length())));
    } catch (IllegalArgumentException notHex) {
      return Optional.empty();
    }
  }

  static byte[] hmac(byte[] body, String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(
          new SecretKeySpec(
              secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform has HmacSHA256", e);
    }
  }
}
