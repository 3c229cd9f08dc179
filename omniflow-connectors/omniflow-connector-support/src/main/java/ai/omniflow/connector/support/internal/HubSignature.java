package ai.omniflow.connector.support.internal;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Meta's webhook signature, used by Messenger, Instagram and WhatsApp alike: {@code
 * X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, raw body)>}, compared in constant time.
 */
public final class HubSignature {
  /** The header that carries the signature. */
  public static final String HEADER = "X-Hub-Signature-256";

  private static final String PREFIX = "sha256=";
  private static final int HEX_LENGTH = 64;

  private HubSignature() {}

  /** The header value that signs {@code body} with {@code secret}. */
  public static String sign(byte[] body, String secret) {
    return PREFIX + HexFormat.of().formatHex(hmac(body, secret));
  }

  /** Whether {@code header} is a well-formed signature of {@code body} with {@code secret}. */
  public static boolean matches(byte[] body, String secret, @Nullable String header) {
    if (header == null || header.length() != PREFIX.length() + HEX_LENGTH) {
      return false;
    }
    if (!header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return false;
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(header.substring(PREFIX.length()));
    } catch (IllegalArgumentException notHex) {
      return false;
    }
    return MessageDigest.isEqual(hmac(body, secret), given);
  }

  /** HMAC-SHA256 of {@code data} keyed with the UTF-8 bytes of {@code secret}. */
  public static byte[] hmac(byte[] data, String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(data);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }
}
