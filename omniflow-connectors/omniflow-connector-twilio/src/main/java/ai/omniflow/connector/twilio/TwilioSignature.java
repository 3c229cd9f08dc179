package ai.omniflow.connector.twilio;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio's request signature: {@code X-Twilio-Signature} = base64(HMAC-SHA1(auth token, the full
 * URL + every POST parameter's name and value, sorted by name)), compared in constant time. A
 * repeated name contributes each of its values, in sorted order, as Twilio's own libraries do.
 */
final class TwilioSignature {
  /** The header that carries the signature. */
  static final String HEADER = "X-Twilio-Signature";

  private TwilioSignature() {}

  /** The signature of a request to {@code url} with the form {@code params}. */
  static String sign(String url, List<Map.Entry<String, String>> params, String authToken) {
    List<Map.Entry<String, String>> sorted = new ArrayList<>(params);
    sorted.sort(
        Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()));
    StringBuilder data = new StringBuilder(url);
    for (Map.Entry<String, String> param : sorted) {
      data.append(param.getKey()).append(param.getValue());
    }
    return Base64.getEncoder().encodeToString(hmac(data.toString(), authToken));
  }

  /** Whether {@code header} signs the request for {@code url} with {@code params}. */
  static boolean matches(
      String url, List<Map.Entry<String, String>> params, String authToken, String header) {
    byte[] given = header.getBytes(StandardCharsets.UTF_8);
    byte[] expected = sign(url, params, authToken).getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(expected, given);
  }

  private static byte[] hmac(String data, String key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA1 is unavailable", e);
    }
  }
}
