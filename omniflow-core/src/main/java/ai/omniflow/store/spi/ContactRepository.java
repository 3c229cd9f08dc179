package ai.omniflow.store.spi;

import ai.omniflow.Page;
import ai.omniflow.PageRequest;
import ai.omniflow.contacts.Contact;
import ai.omniflow.contacts.Identity;
import ai.omniflow.contacts.IdentityKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Contacts of the transaction's org and their identities. */
public interface ContactRepository {
  /**
   * @throws IllegalArgumentException if the contact is of another org
   * @throws ai.omniflow.OmniFlowException {@code contact_exists} (conflict) if the id is taken
   */
  void insert(Contact contact);

  /**
   * Replaces the contact with the same id.
   *
   * @throws IllegalArgumentException if the contact is of another org
   * @throws ai.omniflow.OmniFlowException {@code not_found} if the org has no such contact
   */
  void update(Contact contact);

  Optional<Contact> find(UUID contactId);

  /**
   * The contact, locked until the transaction ends, so that concurrent merges and unmerges of it
   * run one after the other. A store that serializes its transactions returns it as {@link #find}.
   */
  Optional<Contact> lock(UUID contactId);

  /** The org's contacts that are not merged away, oldest first (by creation, then insertion). */
  Page<Contact> list(PageRequest page);

  /**
   * @throws IllegalArgumentException if the identity is of another org
   * @throws ai.omniflow.OmniFlowException {@code identity_exists} (conflict) if the org has an
   *     identity of the same kind and normalized value, or with the same id, which is how a
   *     concurrent resolve of the same handle shows; {@code not_found} if its contact does not
   *     exist in the org
   */
  void insertIdentity(Identity identity);

  /**
   * Replaces the identity with the same id: its contact, handle and times. Its kind and normalized
   * value are its key and never change; a store keeps the ones it has.
   *
   * @throws IllegalArgumentException if the identity is of another org
   * @throws ai.omniflow.OmniFlowException {@code not_found} if the org has no such identity, or no
   *     such contact
   */
  void updateIdentity(Identity identity);

  Optional<Identity> findIdentity(IdentityKind kind, String normalizedValue);

  /** The most normalized values {@link #findIdentities} takes. */
  int MAX_IDENTITY_VALUES = 100;

  /**
   * The org's identities of that kind whose normalized value is one of {@code normalizedValues}, in
   * no particular order; a value without one has none. One read for a batch of senders where {@link
   * #findIdentity} is one per sender (decision 0095). This default calls {@link #findIdentity} per
   * value.
   *
   * @param normalizedValues at most {@value #MAX_IDENTITY_VALUES} values
   * @throws IllegalArgumentException if there are more
   */
  default List<Identity> findIdentities(IdentityKind kind, Collection<String> normalizedValues) {
    if (normalizedValues.size() > MAX_IDENTITY_VALUES) {
      throw new IllegalArgumentException("at most " + MAX_IDENTITY_VALUES + " values");
    }
    List<Identity> found = new ArrayList<>();
    for (String value : new LinkedHashSet<>(normalizedValues)) {
      findIdentity(kind, value).ifPresent(found::add);
    }
    return found;
  }

  /** The contact's identities, oldest first (by first seen, then insertion). */
  List<Identity> identities(UUID contactId);
}
