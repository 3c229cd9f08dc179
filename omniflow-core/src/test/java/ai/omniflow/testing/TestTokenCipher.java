package ai.omniflow.testing;

import ai.omniflow.vault.spi.TokenCipher;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * A {@link TokenCipher} for core's tests on the JDK's AES-GCM, so core's tests need no Tink: a
 * ciphertext is {@code 0x01 | key id (4 bytes) | IV (12) | GCM output}. Immutable; rotation steps
 * return new ciphers, like {@code omniflow-vault}'s keyset.
 */
public final class TestTokenCipher implements TokenCipher {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Map<Integer, SecretKey> keys;
  private final int primary;

  private TestTokenCipher(Map<Integer, SecretKey> keys, int primary) {
    this.keys = Map.copyOf(keys);
    this.primary = primary;
  }

  /** A cipher with one new key. */
  public static TestTokenCipher generate() {
    int id = RANDOM.nextInt(Integer.MAX_VALUE);
    return new TestTokenCipher(Map.of(id, newKey()), id);
  }

  /** This cipher with one more key, not primary. */
  public TestTokenCipher withNewKey() {
    Map<Integer, SecretKey> more = new LinkedHashMap<>(keys);
    int id;
    do {
      id = RANDOM.nextInt(Integer.MAX_VALUE);
    } while (more.containsKey(id));
    more.put(id, newKey());
    return new TestTokenCipher(more, primary);
  }

  /** This cipher with {@code keyId} as the primary. */
  public TestTokenCipher promote(int keyId) {
    if (!keys.containsKey(keyId)) {
      throw new IllegalArgumentException("no key " + keyId);
    }
    return new TestTokenCipher(keys, keyId);
  }

  /** This cipher without {@code keyId}, which must not be the primary. */
  public TestTokenCipher disable(int keyId) {
    if (keyId == primary) {
      throw new IllegalArgumentException("the primary key cannot be disabled");
    }
    Map<Integer, SecretKey> fewer = new LinkedHashMap<>(keys);
    fewer.remove(keyId);
    return new TestTokenCipher(fewer, primary);
  }

  /** The ids of the keys this cipher holds. */
  public java.util.Set<Integer> keyIds() {
    return keys.keySet();
  }

  @Override
  public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
    byte[] iv = new byte[12];
    RANDOM.nextBytes(iv);
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(Cipher.ENCRYPT_MODE, keys.get(primary), new GCMParameterSpec(128, iv));
    cipher.updateAAD(associatedData);
    byte[] sealed = cipher.doFinal(plaintext);
    return ByteBuffer.allocate(5 + 12 + sealed.length)
        .put((byte) 0x01)
        .putInt(primary)
        .put(iv)
        .put(sealed)
        .array();
  }

  @Override
  public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
    SecretKey key = keys.get(keyIdOf(ciphertext));
    if (key == null || ciphertext.length < 5 + 12 + 16) {
      throw new GeneralSecurityException("no enabled key for this ciphertext");
    }
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, ciphertext, 5, 12));
    cipher.updateAAD(associatedData);
    return cipher.doFinal(ciphertext, 17, ciphertext.length - 17);
  }

  @Override
  public int primaryKeyId() {
    return primary;
  }

  @Override
  public int keyIdOf(byte[] ciphertext) {
    if (ciphertext.length < 5 || ciphertext[0] != 0x01) {
      return -1;
    }
    return ByteBuffer.wrap(ciphertext, 1, 4).getInt();
  }

  private static SecretKey newKey() {
    try {
      KeyGenerator generator = KeyGenerator.getInstance("AES");
      generator.init(256);
      return generator.generateKey();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
