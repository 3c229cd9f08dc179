package ai.omniflow.contacts.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.Page;
import ai.omniflow.PageRequest;
import ai.omniflow.contacts.Contact;
import ai.omniflow.contacts.ContactMerge;
import ai.omniflow.contacts.ContactService;
import ai.omniflow.contacts.Identity;
import ai.omniflow.contacts.IdentityKind;
import ai.omniflow.internal.IdentityNormalizer;
import ai.omniflow.store.spi.Store;
import ai.omniflow.store.spi.StoreTransaction;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Org;
import ai.omniflow.tenancy.Permission;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The contacts' reads: a contact, its identities and merges, the org's contacts, and the contact
 * behind a handle, each in one read-only transaction. {@link ContactService} delegates to it; the
 * Javadoc of its methods is the spec. Not API. Thread-safe.
 */
public final class ContactQueries {
  private final Store store;

  public ContactQueries(Store store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /** As {@link ContactService#contact}. */
  public Contact contact(Actor actor, UUID contactId) {
    Permission.CONTACTS_READ.check(actor);
    return store.inTransaction(actor, tx -> require(tx, contactId));
  }

  private static Contact require(StoreTransaction tx, UUID contactId) {
    Objects.requireNonNull(contactId, "contactId");
    return tx.contacts()
        .find(contactId)
        .orElseThrow(() -> OmniFlowException.notFound("The contact"));
  }

  /** As {@link ContactService#identities}. */
  public List<Identity> identities(Actor actor, UUID contactId) {
    Permission.CONTACTS_READ.check(actor);
    return store.inTransaction(
        actor,
        tx -> {
          require(tx, contactId);
          return tx.contacts().identities(contactId);
        });
  }

  /** As {@link ContactService#merges}. */
  public List<ContactMerge> merges(Actor actor, UUID contactId) {
    Permission.CONTACTS_READ.check(actor);
    return store.inTransaction(
        actor,
        tx -> {
          require(tx, contactId);
          return tx.contactMerges().listFor(contactId);
        });
  }

  /** As {@link ContactService#list}. */
  public Page<Contact> list(Actor actor, PageRequest page) {
    Permission.CONTACTS_READ.check(actor);
    Objects.requireNonNull(page, "page");
    return store.inTransaction(actor, tx -> tx.contacts().list(page));
  }

  /** As {@link ContactService#findByHandle}. */
  public Optional<Contact> findByHandle(Actor actor, IdentityKind kind, String handle) {
    Permission.CONTACTS_READ.check(actor);
    return store.inTransaction(
        actor,
        tx -> {
          Org org = tx.orgs().current().orElseThrow(() -> OmniFlowException.notFound("The org"));
          String value = IdentityNormalizer.normalize(kind, handle, "handle", org.defaultRegion());
          return tx.contacts()
              .findIdentity(kind, value)
              .flatMap(i -> tx.contacts().find(i.contactId()));
        });
  }
}
