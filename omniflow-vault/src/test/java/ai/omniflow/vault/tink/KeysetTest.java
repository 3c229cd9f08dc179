package ai.omniflow.vault.tink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.OmniFlowException;
import ai.omniflow.vault.TokenBinding;
import ai.omniflow.vault.TokenKind;
import ai.omniflow.vault.TokenVault;
import ai.omniflow.vault.tink.spi.KeyEncryptionKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The token vault on the Tink keyset: binding, tampering, rotation and keyset storage. */
class KeysetTest {
  static final String TOKEN = "EAAGm0PX4ZCpsBA-access-token-secret";
  final UUID orgA = UUID.randomUUID();
  final UUID orgB = UUID.randomUUID();
  final TokenVault vault = new TokenVault(Keyset.generate());

  @Nested
  @DisplayName("A sealed token")
  class Sealing {
    @Test
    void opensForItsOwnBindingAndHoldsNoPlaintext() {
      TokenBinding binding = new TokenBinding(orgA, "acc_1", TokenKind.ACCESS);
      byte[] sealed = vault.seal(binding, TOKEN);
      assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(TOKEN);
      assertThat(vault.open(binding, sealed)).isEqualTo(TOKEN);
    }

    @Test
    void doesNotOpenWhenCopiedToAnotherOrgAccountOrKind() {
      byte[] sealed = vault.seal(new TokenBinding(orgA, "acc_1", TokenKind.ACCESS), TOKEN);
      for (TokenBinding other :
          new TokenBinding[] {
            new TokenBinding(orgB, "acc_1", TokenKind.ACCESS),
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
    void doesNotOpenWhenAnyByteIsAltered() {
      TokenBinding binding = new TokenBinding(orgA, "acc_1", TokenKind.ACCESS);
      Random r = new Random(42);
      for (int run = 0; run < 100; run++) {
        byte[] altered = vault.seal(binding, TOKEN);
        int i = r.nextInt(altered.length);
        altered[i] ^= (byte) (1 + r.nextInt(255));
        assertThatThrownBy(() -> vault.open(binding, altered))
            .isInstanceOf(OmniFlowException.class);
      }
    }

    @Test
    void differsEachTimeForTheSameToken() {
      TokenBinding binding = new TokenBinding(orgA, "acc_1", TokenKind.ACCESS);
      assertThat(vault.seal(binding, TOKEN)).isNotEqualTo(vault.seal(binding, TOKEN));
    }
  }

  @Nested
  @DisplayName("Key rotation")
  class Rotation {
    @Test
    void keepsOldCiphertextsReadableUntilResealedThenDisablesTheOldKey() {
      Keyset v1 = Keyset.generate();
      int oldKey = v1.primaryKeyId();
      TokenBinding binding = new TokenBinding(orgA, "acc_1", TokenKind.REFRESH);
      byte[] old = new TokenVault(v1).seal(binding, TOKEN);
      assertThat(v1.keyIdOf(old)).isEqualTo(oldKey);

      // 1. add: every node can read with the new key before any writes with it
      Keyset v2 = v1.withNewKey();
      assertThat(v2.primaryKeyId()).isEqualTo(oldKey);
      int newKey = v2.keyIds().stream().filter(id -> id != oldKey).findFirst().orElseThrow();

      // 2. promote: new ciphertexts use the new key, old ones still open
      TokenVault promoted = new TokenVault(Keyset.parseJson(v2.promote(newKey).toJson()));
      assertThat(promoted.open(binding, old)).isEqualTo(TOKEN);
      assertThat(promoted.keyIdOf(promoted.seal(binding, TOKEN))).isEqualTo(newKey);
      assertThat(promoted.needsReseal(old)).isTrue();

      // 3. re-encrypt
      byte[] resealed = promoted.reseal(binding, old);
      assertThat(promoted.needsReseal(resealed)).isFalse();

      // 4. disable the old key: resealed tokens open, old ciphertexts no longer do
      TokenVault afterDisable = new TokenVault(((Keyset) promoted.cipher()).disable(oldKey));
      assertThat(((Keyset) afterDisable.cipher()).isEnabled(oldKey)).isFalse();
      assertThat(afterDisable.open(binding, resealed)).isEqualTo(TOKEN);
      assertThatThrownBy(() -> afterDisable.open(binding, old))
          .isInstanceOf(OmniFlowException.class);
    }

    @Test
    void refusesToDisableThePrimaryOrPromoteAnUnknownKey() {
      Keyset keyset = Keyset.generate();
      assertThatThrownBy(() -> keyset.disable(keyset.primaryKeyId()))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> keyset.promote(12345)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  @DisplayName("A keyset")
  class Keysets {
    @Test
    void roundTripsThroughJsonAndNeverShowsKeyMaterialInToString() {
      Keyset keyset = Keyset.generate();
      String json = keyset.toJson();
      assertThat(Keyset.parseJson(json).primaryKeyId()).isEqualTo(keyset.primaryKeyId());
      assertThat(keyset.toString()).doesNotContain("value").contains("primary=");
    }

    @Test
    void thatIsMalformedIsRefusedWithoutEchoingIt() {
      String secretish = "{\"primaryKeyId\": 1, \"key\": [\"sekrit-material\"]}";
      for (String bad : new String[] {"", "not json", "{}", secretish}) {
        assertThatThrownBy(() -> Keyset.parseJson(bad))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("not a valid Tink JSON keyset")
            .hasMessageNotContaining("sekrit");
      }
    }

    @Test
    void followedByAnythingElseIsRefused() {
      String json = Keyset.generate().toJson();
      for (String bad :
          new String[] {json + ",{\"garbage\":true}", json + " x", "[" + json + "]"}) {
        assertThatThrownBy(() -> Keyset.parseJson(bad))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("not a valid Tink JSON keyset");
      }
      assertThat(Keyset.parseJson("  " + json + "\n").toJson()).isEqualTo(json);
    }

    @Test
    void canBeStoredEncryptedUnderAKeyEncryptionKey() {
      TokenVault kekVault = new TokenVault(Keyset.generate());
      KeyEncryptionKey kek = new TinkKek(kekVault);
      Keyset keyset = Keyset.generate();
      String encrypted = keyset.toEncryptedJson(kek);
      assertThat(encrypted).doesNotContain(keyset.toJson());
      assertThat(Keyset.parseEncryptedJson(encrypted, kek).primaryKeyId())
          .isEqualTo(keyset.primaryKeyId());
      KeyEncryptionKey wrong = new TinkKek(new TokenVault(Keyset.generate()));
      assertThatThrownBy(() -> Keyset.parseEncryptedJson(encrypted, wrong))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  /** A key-encryption key for tests, made of a second vault's AEAD. */
  private record TinkKek(TokenVault inner) implements KeyEncryptionKey {
    @Override
    public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
      return inner.cipher().encrypt(plaintext, associatedData);
    }

    @Override
    public byte[] decrypt(byte[] ciphertext, byte[] associatedData)
        throws GeneralSecurityException {
      return inner.cipher().decrypt(ciphertext, associatedData);
    }
  }
}
