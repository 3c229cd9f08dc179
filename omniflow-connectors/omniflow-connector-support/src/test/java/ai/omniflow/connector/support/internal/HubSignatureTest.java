package ai.omniflow.connector.support.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("X-Hub-Signature-256")
class HubSignatureTest {
  private static final String SECRET = "hub-test-app-secret-not-real";
  private static final byte[] BODY =
      "{\"object\":\"page\",\"entry\":[{\"id\":\"1\",\"time\":1,\"messaging\":[]}]}"
          .getBytes(StandardCharsets.UTF_8);

  @Test
  @DisplayName("computes HMAC-SHA256 as RFC 4231 test cases 1 and 2 publish it")
  void matchesThePublishedHmacVectors() {
    byte[] key = new byte[20];
    java.util.Arrays.fill(key, (byte) 0x0b);
    // Test case 1's key is 20 bytes of 0x0b, which are also valid UTF-8 characters.
    assertThat(
            HexFormat.of()
                .formatHex(
                    HubSignature.hmac(
                        "Hi There".getBytes(StandardCharsets.UTF_8),
                        new String(key, StandardCharsets.UTF_8))))
        .isEqualTo("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    assertThat(
            HexFormat.of()
                .formatHex(
                    HubSignature.hmac(
                        "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8), "Jefe")))
        .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  @Test
  @DisplayName("signs as sha256=<lower-case hex> and accepts its own signature")
  void signsAndAccepts() {
    String header = HubSignature.sign(BODY, SECRET);

    assertThat(header).startsWith("sha256=").hasSize(7 + 64);
    assertThat(header.substring(7)).matches("[0-9a-f]{64}");
    assertThat(HubSignature.matches(BODY, SECRET, header)).isTrue();
  }

  @Test
  @DisplayName("accepts the prefix and the hex in either case")
  void acceptsEitherCase() {
    String header = HubSignature.sign(BODY, SECRET);

    assertThat(HubSignature.matches(BODY, SECRET, header.toUpperCase(Locale.ROOT))).isTrue();
  }

  @Test
  @DisplayName("rejects every body with one bit flipped, at every byte")
  void rejectsEveryBitFlip() {
    String header = HubSignature.sign(BODY, SECRET);
    Random random = new Random(42);
    for (int i = 0; i < BODY.length; i++) {
      byte[] flipped = BODY.clone();
      flipped[i] ^= (byte) (1 << random.nextInt(8));
      assertThat(HubSignature.matches(flipped, SECRET, header)).as("byte %d", i).isFalse();
    }
  }

  @Test
  @DisplayName("rejects a body cut short or grown by one byte")
  void rejectsTruncationAndExtension() {
    String header = HubSignature.sign(BODY, SECRET);
    byte[] shorter = java.util.Arrays.copyOf(BODY, BODY.length - 1);
    byte[] longer = java.util.Arrays.copyOf(BODY, BODY.length + 1);

    assertThat(HubSignature.matches(shorter, SECRET, header)).isFalse();
    assertThat(HubSignature.matches(longer, SECRET, header)).isFalse();
  }

  @Test
  @DisplayName("rejects a wrong secret, a missing header and malformed headers")
  void rejectsWrongSecretAndMalformedHeaders() {
    String header = HubSignature.sign(BODY, SECRET);
    String hex = header.substring(7);

    assertThat(HubSignature.matches(BODY, SECRET + "x", header)).isFalse();
    assertThat(HubSignature.matches(BODY, SECRET, null)).isFalse();
    assertThat(HubSignature.matches(BODY, SECRET, "")).isFalse();
    assertThat(HubSignature.matches(BODY, SECRET, hex)).as("no prefix").isFalse();
    assertThat(HubSignature.matches(BODY, SECRET, "sha1=" + hex)).as("sha1").isFalse();
    assertThat(HubSignature.matches(BODY, SECRET, "sha256:" + hex)).as("colon").isFalse();
    assertThat(HubSignature.matches(BODY, SECRET, header + "0")).as("too long").isFalse();
    assertThat(HubSignature.matches(BODY, SECRET, header.substring(0, 70))).isFalse();
    assertThat(HubSignature.matches(BODY, SECRET, "sha256=" + "z".repeat(64))).isFalse();
    assertThat(HubSignature.matches(BODY, SECRET, " " + header.substring(1))).isFalse();
  }
}
