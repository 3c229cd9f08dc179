package ai.omniflow.store.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.Page;
import ai.omniflow.PageRequest;
import ai.omniflow.contacts.Contact;
import ai.omniflow.contacts.ContactErrors;
import ai.omniflow.contacts.Identity;
import ai.omniflow.contacts.IdentityKind;
import ai.omniflow.store.spi.ContactRepository;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The {@link ContactRepository} of one in-memory transaction. Not thread-safe: the store's lock
 * guards it.
 */
final class InMemoryContacts implements ContactRepository {
  private final InMemoryTables tables;
  private final InMemoryContext tx;
  private final UUID org;

  InMemoryContacts(InMemoryTables tables, InMemoryContext tx) {
    this.tables = tables;
    this.tx = tx;
    this.org = tx.org();
  }

  @Override
  public void insert(Contact c) {
    tx.requireOrg(c.orgId(), "the contact");
    if (tables.contacts.containsKey(c.id())) {
      throw OmniFlowException.conflict(ContactErrors.CONTACT_EXISTS, "The contact exists already.");
    }
    tx.put(tables.contacts, c.id(), c);
  }

  @Override
  public void update(Contact c) {
    tx.requireOrg(c.orgId(), "the contact");
    Contact old = tables.contacts.get(c.id());
    if (old == null || !old.orgId().equals(org)) {
      throw OmniFlowException.notFound("The contact");
    }
    tx.put(tables.contacts, c.id(), c);
  }

  @Override
  public Optional<Contact> find(UUID contactId) {
    tx.requireOpen();
    return Optional.ofNullable(tables.contacts.get(contactId)).filter(c -> c.orgId().equals(org));
  }

  @Override
  public Optional<Contact> lock(UUID contactId) {
    return find(contactId);
  }

  @Override
  public Page<Contact> list(PageRequest page) {
    tx.requireOpen();
    List<Contact> standing =
        tables.contacts.values().stream()
            .filter(c -> c.orgId().equals(org) && !c.isMerged())
            .sorted(Comparator.comparing(Contact::createdAt))
            .toList();
    return Page.slice(standing, page);
  }

  @Override
  public void insertIdentity(Identity i) {
    tx.requireOrg(i.orgId(), "the identity");
    boolean clash =
        tables.identities.containsKey(i.id())
            || tables.identities.values().stream()
                .anyMatch(
                    o ->
                        o.orgId().equals(org)
                            && o.kind() == i.kind()
                            && o.normalizedValue().equals(i.normalizedValue()));
    if (clash) {
      throw OmniFlowException.race(
          ContactErrors.IDENTITY_EXISTS, "The org has an identity of that kind and value already.");
    }
    requireContact(i.contactId());
    tx.put(tables.identities, i.id(), i);
  }

  @Override
  public void updateIdentity(Identity i) {
    tx.requireOrg(i.orgId(), "the identity");
    Identity old = tables.identities.get(i.id());
    if (old == null || !old.orgId().equals(org)) {
      throw OmniFlowException.notFound("The identity");
    }
    requireContact(i.contactId());
    // Kind and value are the identity's key: only its contact and times change.
    Identity kept =
        new Identity(
            old.id(),
            old.orgId(),
            i.contactId(),
            old.kind(),
            i.handle(),
            old.normalizedValue(),
            i.firstSeenAt(),
            i.lastSeenAt());
    tx.put(tables.identities, i.id(), kept);
  }

  private void requireContact(UUID contactId) {
    Contact c = tables.contacts.get(contactId);
    if (c == null || !c.orgId().equals(org)) {
      throw OmniFlowException.notFound("The contact");
    }
  }

  @Override
  public Optional<Identity> findIdentity(IdentityKind kind, String normalizedValue) {
    tx.requireOpen();
    return tables.identities.values().stream()
        .filter(
            i ->
                i.orgId().equals(org)
                    && i.kind() == kind
                    && i.normalizedValue().equals(normalizedValue))
        .findFirst();
  }

  @Override
  public List<Identity> findIdentities(IdentityKind kind, Collection<String> normalizedValues) {
    tx.requireOpen();
    Objects.requireNonNull(kind, "kind");
    if (normalizedValues.size() > MAX_IDENTITY_VALUES) {
      throw new IllegalArgumentException("at most " + MAX_IDENTITY_VALUES + " values");
    }
    Set<String> values = new HashSet<>();
    for (String v : normalizedValues) {
      values.add(Objects.requireNonNull(v, "value"));
    }
    return tables.identities.values().stream()
        .filter(
            i -> i.orgId().equals(org) && i.kind() == kind && values.contains(i.normalizedValue()))
        .toList();
  }

  @Override
  public List<Identity> identities(UUID contactId) {
    tx.requireOpen();
    return tables.identities.values().stream()
        .filter(i -> i.orgId().equals(org) && i.contactId().equals(contactId))
        .sorted(Comparator.comparing(Identity::firstSeenAt))
        .toList();
  }
}
