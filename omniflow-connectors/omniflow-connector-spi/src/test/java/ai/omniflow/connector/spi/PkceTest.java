package ai.omniflow.connector.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PkceTest {

  @Test
  void theChallengeMatchesTheWorkedExampleOfRfc7636() {
    assertThat(Pkce.s256Challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
        .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  }

  @Test
  void newVerifiersAre43UnreservedCharactersAndDoNotRepeat() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String verifier = Pkce.newCodeVerifier();
      assertThat(verifier).hasSize(43).matches("[A-Za-z0-9\\-._~]+");
      assertThat(Pkce.isValidCodeVerifier(verifier)).isTrue();
      seen.add(verifier);
    }
    assertThat(seen).hasSize(1000);
  }

  @Test
  void aVerifierThatIsTooShortTooLongOrOutsideTheAlphabetIsRefused() {
    assertThatThrownBy(() -> Pkce.s256Challenge("short"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Pkce.s256Challenge("a".repeat(129)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Pkce.s256Challenge("a".repeat(42) + "/"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Pkce.isValidCodeVerifier("a".repeat(128))).isTrue();
  }
}
