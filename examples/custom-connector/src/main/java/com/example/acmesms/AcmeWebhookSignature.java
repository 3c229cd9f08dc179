package com.example.acmesms;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Acme's webhook signature: {@code Acme-Signature: t=<unix seconds>,v1=<hex>} where the hex is
 * HMAC-SHA256, keyed with the webhook signing secret, of {@code "<t>." + raw body}.
 *
 * <pre>{@code
 * String header = AcmeWebhookSignature.sign(body, secret, clock.instant());
 * boolean ok = AcmeWebhookSignature.verify(body, secret, header, clock.instant());
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class AcmeWebhookSignature {
  /** The header that carries the signature. */
  public static final String HEADER = "Acme-Signature";

  /** How far a signature's time may be from now. */
  public static final Duration TOLERANCE = Duration.ofMinutes(5);

  private AcmeWebhookSignature() {}

  /** The header value signing {@code body} with {@code secret} at {@code at}. */
  public static String sign(byte[] body, String secret, Instant at) {
    long t = at.getEpochSecond();
    return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac(t, body, secret));
  }

  /**
   * Whether {@code header} signs {@code body} with {@code secret} at a time within {@link
   * #TOLERANCE} of {@code now}. Compares in constant time; a malformed header is simply false.
   */
  public static boolean verify(byte[] body, String secret, String header, Instant now) {
    Long t = null;
    byte[] given = null;
    for (String part : header.split(",")) {
      String p = part.trim();
      try {
        if (p.startsWith("t=")) {
          t = Long.parseLong(p.substring(2));
        } else if (p.startsWith("v1=")) {
          given = HexFormat.of().parseHex(p.substring(3));
        }
      } catch (IllegalArgumentException malformed) {
        return false;
      }
    }
    if (t == null || given == null) {
      return false;
    }
    Duration age = Duration.between(Instant.ofEpochSecond(t), now).abs();
    if (age.compareTo(TOLERANCE) > 0) {
      return false;
    }
    return MessageDigest.isEqual(mac(t, body, secret), given);
  }

  private static byte[] mac(long t, byte[] body, String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform has HmacSHA256", e);
    }
  }
}
