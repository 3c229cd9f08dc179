package ai.omniflow.vault.tink;

import ai.omniflow.vault.spi.TokenCipher;
import ai.omniflow.vault.tink.spi.KeyEncryptionKey;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The vault's keys: a Tink keyset of AES-256-GCM keys, one of them primary (new ciphertexts use
 * it), the others kept to read older ciphertexts. Immutable: each rotation step returns a new
 * keyset, which the operator then stores in place of the old one.
 *
 * <p>Rotation, in order: {@link #withNewKey()} (add, not yet primary, so every node can read with
 * it before any writes with it) → {@link #promote(int)} → re-encrypt every token ({@code
 * ai.omniflow.vault.TokenVault#reseal}) → {@link #disable(int)} the old key → later remove it.
 *
 * <pre>{@code
 * Keyset keyset = Keyset.parseJson(System.getenv("TOKEN_ENCRYPTION_KEY"));
 * }</pre>
 *
 * <p>{@link #toString()} never shows key material. Thread-safe.
 */
public final class Keyset implements TokenCipher {
  private static final byte[] KEK_ASSOCIATED_DATA =
      "omniflow-token-keyset/v1".getBytes(StandardCharsets.UTF_8);

  static {
    try {
      AeadConfig.register();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Tink's AEAD primitives could not be registered", e);
    }
  }

  private final KeysetHandle handle;
  private final Aead aead;

  private Keyset(KeysetHandle handle) {
    this.handle = handle;
    try {
      this.aead = handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the keyset gives no AEAD", e);
    }
  }

  @Override
  public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
    return aead.encrypt(plaintext, associatedData);
  }

  @Override
  public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
    return aead.decrypt(ciphertext, associatedData);
  }

  /** The id of the key a ciphertext was sealed with (from Tink's 5-byte prefix), or -1. */
  @Override
  public int keyIdOf(byte[] ciphertext) {
    if (ciphertext.length < 5 || ciphertext[0] != 0x01) {
      return -1;
    }
    return ByteBuffer.wrap(ciphertext, 1, 4).getInt();
  }

  /** A new keyset with one AES-256-GCM key. */
  public static Keyset generate() {
    try {
      return new Keyset(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not generate a keyset", e);
    }
  }

  /**
   * Reads a cleartext Tink JSON keyset.
   *
   * @throws IllegalArgumentException if the text is not a Tink JSON keyset of AES-256-GCM keys with
   *     an enabled primary; the message never repeats the text
   */
  public static Keyset parseJson(String json) {
    Objects.requireNonNull(json, "json");
    requireOneJsonObject(json);
    try {
      return validated(TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get()));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException(
          "not a valid Tink JSON keyset (" + e.getClass().getSimpleName() + ")");
    }
  }

  /**
   * Reads a Tink JSON keyset encrypted with a key-encryption key.
   *
   * @throws IllegalArgumentException if it does not decrypt or is not a valid keyset
   */
  // Tink deprecates the JSON form of encrypted keysets in favour of its binary form; the JSON form
  // is what hosts already keep in their settings, so it stays until a decision moves them.
  @SuppressWarnings("deprecation")
  public static Keyset parseEncryptedJson(String json, KeyEncryptionKey kek) {
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(kek, "kek");
    requireOneJsonObject(json);
    try {
      return validated(
          TinkJsonProtoKeysetFormat.parseEncryptedKeyset(json, asAead(kek), KEK_ASSOCIATED_DATA));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException(
          "not a valid encrypted Tink JSON keyset, or the key-encryption key does not open it ("
              + e.getClass().getSimpleName()
              + ")");
    }
  }

  /**
   * Tink's JSON reader is lenient and stops after the first value, so "{keyset},{garbage}" (two
   * settings joined by a comma, say) would pass as the first keyset: refuse anything but exactly
   * one JSON object.
   */
  private static void requireOneJsonObject(String json) {
    try {
      JsonNode node =
          new ObjectMapper()
              .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
              .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
              .readTree(json);
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException("not a valid Tink JSON keyset (not one JSON object)");
      }
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a valid Tink JSON keyset (not one JSON object)");
    }
  }

  private static Keyset validated(KeysetHandle handle) throws GeneralSecurityException {
    for (int i = 0; i < handle.size(); i++) {
      if (!(handle.getAt(i).getKey().getParameters() instanceof AesGcmParameters p)
          || p.getKeySizeBytes() != 32) {
        throw new GeneralSecurityException("only AES-256-GCM keys are accepted");
      }
    }
    handle.getPrimary(); // throws when there is no enabled primary
    return new Keyset(handle);
  }

  /** The keyset as cleartext Tink JSON. Secret: store it like a password. */
  public String toJson() {
    try {
      return TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not serialize the keyset", e);
    }
  }

  /** The keyset encrypted with {@code kek}, as Tink JSON. */
  // See parseEncryptedJson: Tink deprecates the JSON form hosts keep in their settings.
  @SuppressWarnings("deprecation")
  public String toEncryptedJson(KeyEncryptionKey kek) {
    try {
      return TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(
          handle, asAead(kek), KEK_ASSOCIATED_DATA);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not encrypt the keyset", e);
    }
  }

  /** Rotation step 1: adds a new enabled key that is not yet primary. */
  public Keyset withNewKey() {
    try {
      KeysetHandle.Builder b = KeysetHandle.newBuilder(handle);
      b.addEntry(
          KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
              .withRandomId());
      return new Keyset(b.build());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not add a key", e);
    }
  }

  /**
   * Rotation step 2: makes {@code keyId} the primary key, used for new ciphertexts.
   *
   * @throws IllegalArgumentException if there is no such key or it is disabled
   */
  public Keyset promote(int keyId) {
    try {
      KeysetHandle.Builder b = KeysetHandle.newBuilder(handle);
      KeysetHandle.Builder.Entry entry = b.getAt(indexOf(keyId));
      if (entry.getStatus() != KeyStatus.ENABLED) {
        throw new IllegalArgumentException("key " + keyId + " is not enabled");
      }
      entry.makePrimary();
      return new Keyset(b.build());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not promote key " + keyId, e);
    }
  }

  /**
   * Rotation step 4: disables {@code keyId}; ciphertexts under it no longer open.
   *
   * @throws IllegalArgumentException if there is no such key or it is the primary
   */
  public Keyset disable(int keyId) {
    if (keyId == primaryKeyId()) {
      throw new IllegalArgumentException("the primary key cannot be disabled; promote another");
    }
    try {
      KeysetHandle.Builder b = KeysetHandle.newBuilder(handle);
      b.getAt(indexOf(keyId)).setStatus(KeyStatus.DISABLED);
      return new Keyset(b.build());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not disable key " + keyId, e);
    }
  }

  /** The id of the primary key. */
  @Override
  public int primaryKeyId() {
    return handle.getPrimary().getId();
  }

  /** The ids of every key, enabled or not, in keyset order. */
  public List<Integer> keyIds() {
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < handle.size(); i++) {
      ids.add(handle.getAt(i).getId());
    }
    return ids;
  }

  /** Whether {@code keyId} is in the keyset and enabled. */
  public boolean isEnabled(int keyId) {
    for (int i = 0; i < handle.size(); i++) {
      if (handle.getAt(i).getId() == keyId) {
        return handle.getAt(i).getStatus() == KeyStatus.ENABLED;
      }
    }
    return false;
  }

  private int indexOf(int keyId) {
    for (int i = 0; i < handle.size(); i++) {
      if (handle.getAt(i).getId() == keyId) {
        return i;
      }
    }
    throw new IllegalArgumentException("the keyset has no key " + keyId);
  }

  private static Aead asAead(KeyEncryptionKey kek) {
    return new Aead() {
      @Override
      public byte[] encrypt(byte[] plaintext, byte[] associatedData)
          throws GeneralSecurityException {
        return kek.encrypt(plaintext, associatedData);
      }

      @Override
      public byte[] decrypt(byte[] ciphertext, byte[] associatedData)
          throws GeneralSecurityException {
        return kek.decrypt(ciphertext, associatedData);
      }
    };
  }

  @Override
  public String toString() {
    return "Keyset[primary=" + primaryKeyId() + ", keys=" + keyIds() + "]";
  }
}
