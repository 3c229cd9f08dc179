package ai.omniflow.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.OmniFlowException;
import ai.omniflow.testing.TestTokenCipher;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The vault's own promises, whatever cipher it is given (omniflow-vault tests the Tink one). */
class TokenVaultTest {
  static final String TOKEN = "EAAGm0PX4ZCpsBA-access-token-secret";
  final UUID orgA = UUID.randomUUID();
  final TokenVault vault = new TokenVault(TestTokenCipher.generate());

  @Test
  void opensATokenOnlyForTheBindingItWasSealedFor() {
    TokenBinding binding = new TokenBinding(orgA, "acc_1", TokenKind.ACCESS);
    byte[] sealed = vault.seal(binding, TOKEN);
    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(TOKEN);
    assertThat(vault.open(binding, sealed)).isEqualTo(TOKEN);
    for (TokenBinding other :
        new TokenBinding[] {
          new TokenBinding(UUID.randomUUID(), "acc_1", TokenKind.ACCESS),
          new TokenBinding(orgA, "acc_2", TokenKind.ACCESS),
          new TokenBinding(orgA, "acc_1", TokenKind.REFRESH)
        }) {
      assertThatThrownBy(() -> vault.open(other, sealed))
          .isInstanceOfSatisfying(
              OmniFlowException.class,
              e -> {
                assertThat(e.code()).isEqualTo("token_undecryptable");
                assertThat(e.getMessage()).doesNotContain(TOKEN);
              });
    }
  }

  @Test
  void refusesToSealAnEmptyToken() {
    TokenBinding binding = new TokenBinding(orgA, "acc_1", TokenKind.ACCESS);
    assertThatThrownBy(() -> vault.seal(binding, "")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void knowsWhichCiphertextsRotationMustReseal() {
    TestTokenCipher v1 = TestTokenCipher.generate();
    TokenBinding binding = new TokenBinding(orgA, "acc_1", TokenKind.REFRESH);
    byte[] old = new TokenVault(v1).seal(binding, TOKEN);
    TestTokenCipher v2 = v1.withNewKey();
    int newKey = v2.keyIds().stream().filter(id -> id != v1.primaryKeyId()).findFirst().get();
    TokenVault promoted = new TokenVault(v2.promote(newKey));
    assertThat(promoted.needsReseal(old)).isTrue();
    byte[] resealed = promoted.reseal(binding, old);
    assertThat(promoted.keyIdOf(resealed)).isEqualTo(newKey);
    assertThat(promoted.needsReseal(resealed)).isFalse();
    assertThat(promoted.primaryKeyId()).isEqualTo(newKey);
  }
}
