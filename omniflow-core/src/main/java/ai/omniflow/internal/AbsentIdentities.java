package ai.omniflow.internal;

import ai.omniflow.contacts.Identity;
import ai.omniflow.contacts.IdentityKind;
import ai.omniflow.store.spi.ContactRepository;
import ai.omniflow.store.spi.StoreTransaction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The identities (kind and normalized value) one transaction has found not to exist in its org,
 * read for a batch of senders at once, so that resolving each sender does not read them again one
 * by one (decision 0095). Resolution asks {@link #isAbsent} before it reads an identity and calls
 * {@link #exists} for every identity it resolved, which then exists in the transaction. Under READ
 * COMMITTED another transaction may add one of them meanwhile: its insert then meets the unique
 * key, a retryable race, as a read one statement earlier could have missed it too. Lives as long as
 * its transaction's work; not thread-safe.
 *
 * <pre>{@code
 * AbsentIdentities absent = AbsentIdentities.read(tx, Map.of(IdentityKind.PHONE, phones));
 * Contact c = contacts.resolve(tx, claims, name, absent);
 * }</pre>
 */
public final class AbsentIdentities {
  private final Set<String> keys = new HashSet<>();

  private AbsentIdentities() {}

  /** Knows of no absent identity: resolution reads each. */
  public static AbsentIdentities none() {
    return new AbsentIdentities();
  }

  /**
   * Reads the identities of {@code values} (normalized values by kind), one statement a kind, and
   * keeps those not found.
   *
   * @throws IllegalArgumentException for more than {@value ContactRepository#MAX_IDENTITY_VALUES}
   *     values of a kind
   */
  public static AbsentIdentities read(
      StoreTransaction tx, Map<IdentityKind, ? extends Set<String>> values) {
    AbsentIdentities absent = new AbsentIdentities();
    for (Map.Entry<IdentityKind, ? extends Set<String>> e : values.entrySet()) {
      if (e.getValue().isEmpty()) {
        continue;
      }
      List<String> missing = new ArrayList<>(e.getValue());
      for (Identity found : tx.contacts().findIdentities(e.getKey(), e.getValue())) {
        missing.remove(found.normalizedValue());
      }
      for (String value : missing) {
        absent.keys.add(key(e.getKey(), value));
      }
    }
    return absent;
  }

  /** Whether the identity is known not to exist in this transaction's org. */
  public boolean isAbsent(IdentityKind kind, String normalizedValue) {
    return keys.contains(key(kind, normalizedValue));
  }

  /** The identity exists from now on in this transaction (resolution wrote or found it). */
  public void exists(IdentityKind kind, String normalizedValue) {
    keys.remove(key(kind, normalizedValue));
  }

  private static String key(IdentityKind kind, String normalizedValue) {
    return Objects.requireNonNull(kind, "kind").wireName()
        + '\0'
        + Objects.requireNonNull(normalizedValue, "normalizedValue");
  }
}
