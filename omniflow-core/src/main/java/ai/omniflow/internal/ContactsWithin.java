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
  default Contact resolve(
      StoreTransaction tx,
      List<IdentityClaim> claims,
      @Nullable String displayName,
      AbsentIdentities absent) {
    return resolveSender(tx, claims, displayName, absent, null).contact();
  }

  /**
   * As {@link #resolve(StoreTransaction, List, String, AbsentIdentities)}, for the sender of an
   * inbound message whose text is {@code text}: a contact created here is inserted with the
   * language {@link ai.omniflow.contacts.ContactLanguages} decides from that text alone, which is
   * what it would decide once the message is the contact's only one (decision 0102); {@code null}
   * for no text to detect (a lead form).
   */
  Resolved resolveSender(
      StoreTransaction tx,
      List<IdentityClaim> claims,
      @Nullable String displayName,
      AbsentIdentities absent,
      @Nullable String text);

  /** The contact a resolution ended with, and whether it created it. */
  record Resolved(Contact contact, boolean created) {
    public Resolved {
      java.util.Objects.requireNonNull(contact, "contact");
    }
  }
}
