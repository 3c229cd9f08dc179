package ai.omniflow.connector.spi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Proof Key for Code Exchange (RFC 7636) with the {@code S256} method: a random code verifier kept
 * by the server and its SHA-256 challenge sent in the authorization URL.
 *
 * <pre>{@code
 * String verifier = Pkce.newCodeVerifier();        // 43 characters, 256 random bits
 * String challenge = Pkce.s256Challenge(verifier); // BASE64URL(SHA256(ASCII(verifier)))
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class Pkce {
  /** The {@code code_challenge_method} value for SHA-256 challenges. */
  public static final String METHOD = "S256";

  // RFC 7636 section 4.1: 43 to 128 characters from [A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~".
  private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9\\-._~]{43,128}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private Pkce() {}

  /** A new code verifier: 32 bytes from a {@link SecureRandom}, base64url without padding. */
  public static String newCodeVerifier() {
    return newCodeVerifier(RANDOM);
  }

  /**
   * A new code verifier drawn from {@code random}: 32 bytes, base64url without padding (43
   * characters), as RFC 7636 section 4.1 recommends.
   */
  public static String newCodeVerifier(SecureRandom random) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Whether {@code verifier} has the length and alphabet RFC 7636 allows. */
  public static boolean isValidCodeVerifier(String verifier) {
    return VERIFIER.matcher(verifier).matches();
  }

  /**
   * The S256 challenge of {@code verifier}: {@code BASE64URL-ENCODE(SHA256(ASCII(verifier)))}
   * without padding.
   *
   * @throws IllegalArgumentException if {@code verifier} is not a valid code verifier
   */
  public static String s256Challenge(String verifier) {
    if (!isValidCodeVerifier(verifier)) {
      throw new IllegalArgumentException(
          "code verifier must be 43 to 128 characters of [A-Za-z0-9-._~]");
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
