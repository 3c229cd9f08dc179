package ai.omniflow.store.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.contacts.Contact;
import ai.omniflow.contacts.ContactErrors;
import ai.omniflow.contacts.ContactMerge;
import ai.omniflow.store.spi.ContactMergeRepository;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@link ContactMergeRepository} of one in-memory transaction. Not thread-safe: the store's
 * lock guards it.
 */
final class InMemoryContactMerges implements ContactMergeRepository {
  private final InMemoryTables tables;
  private final InMemoryContext tx;
  private final UUID org;

  InMemoryContactMerges(InMemoryTables tables, InMemoryContext tx) {
    this.tables = tables;
    this.tx = tx;
    this.org = tx.org();
  }

  @Override
  public void insert(ContactMerge m) {
    tx.requireOrg(m.orgId(), "the contact merge");
    if (tables.contactMerges.containsKey(m.id())) {
      throw OmniFlowException.conflict(
          ContactErrors.CONTACT_MERGE_EXISTS, "The contact merge exists already.");
    }
    for (UUID contactId : List.of(m.survivorId(), m.mergedId())) {
      Contact c = tables.contacts.get(contactId);
      if (c == null || !c.orgId().equals(org)) {
        throw OmniFlowException.notFound("The contact");
      }
    }
    tx.put(tables.contactMerges, m.id(), m);
  }

  @Override
  public Optional<ContactMerge> find(UUID mergeId) {
    tx.requireOpen();
    return Optional.ofNullable(tables.contactMerges.get(mergeId))
        .filter(m -> m.orgId().equals(org));
  }

  @Override
  public boolean markUndone(UUID mergeId, Instant at) {
    tx.requireOpen();
    ContactMerge old = tables.contactMerges.get(mergeId);
    if (old == null || !old.orgId().equals(org) || old.isUndone()) {
      return false;
    }
    tx.put(tables.contactMerges, mergeId, old.undoneAt(at));
    return true;
  }

  @Override
  public List<ContactMerge> listFor(UUID contactId) {
    tx.requireOpen();
    return tables.contactMerges.values().stream()
        .filter(
            m ->
                m.orgId().equals(org)
                    && (m.survivorId().equals(contactId) || m.mergedId().equals(contactId)))
        .sorted(Comparator.comparing(ContactMerge::mergedAt))
        .toList();
  }
}
