package ai.omniflow.internal;

import ai.omniflow.contacts.Contact;
import ai.omniflow.contacts.IdentityClaim;
import ai.omniflow.store.spi.StoreTransaction;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Contact resolution inside another area's transaction (the inbox resolves the sender and writes
 * the thread and message in one transaction). Implemented by the contact service, handed over by
 * {@link Wiring}; not API.
 */
public interface ContactsWithin {
  /**
   * As {@link ai.omniflow.contacts.ContactService#resolve}, inside {@code tx}, without retrying: a
   * lost race is thrown retryable and the caller runs its whole transaction again.
   */
  default Contact resolve(
      StoreTransaction tx, List<IdentityClaim> claims, @Nullable String displayName) {
    return resolve(tx, claims, displayName, AbsentIdentities.none());
  }

  /**
   * As {@link #resolve(StoreTransaction, List, String)}, reading no identity that {@code absent}
   * knows not to exist, and telling it of each identity resolved (decision 0095).
   */
  Contact resolve(
      StoreTransaction tx,
      List<IdentityClaim> claims,
      @Nullable String displayName,
      AbsentIdentities absent);
}
