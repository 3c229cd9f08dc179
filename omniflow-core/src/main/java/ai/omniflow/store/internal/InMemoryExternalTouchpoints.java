package ai.omniflow.store.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.attribution.AttributionErrors;
import ai.omniflow.attribution.ExternalTouchpoint;
import ai.omniflow.contacts.Contact;
import ai.omniflow.contacts.Identity;
import ai.omniflow.contacts.IdentityKind;
import ai.omniflow.store.spi.ExternalTouchpointRepository;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@link ExternalTouchpointRepository} of one in-memory transaction. Not thread-safe: the
 * store's lock guards it.
 */
final class InMemoryExternalTouchpoints implements ExternalTouchpointRepository {
  private final InMemoryTables tables;
  private final InMemoryContext tx;
  private final UUID org;

  InMemoryExternalTouchpoints(InMemoryTables tables, InMemoryContext tx) {
    this.tables = tables;
    this.tx = tx;
    this.org = tx.org();
  }

  @Override
  public void insert(ExternalTouchpoint t) {
    tx.requireOrg(t.orgId(), "the touchpoint");
    if (tables.externalTouchpoints.containsKey(t.id())) {
      throw OmniFlowException.conflict(
          AttributionErrors.TOUCHPOINT_EXISTS, "The touchpoint exists already.");
    }
    if (t.contactId() != null) {
      requireContact(t.contactId());
    }
    tx.put(
        tables.externalTouchpoints,
        t.id(),
        new Sequenced<>(tables.nextSequence(), t.occurredAt(), t));
  }

  @Override
  public Optional<ExternalTouchpoint> find(UUID id) {
    tx.requireOpen();
    Sequenced<ExternalTouchpoint> s = tables.externalTouchpoints.get(id);
    return s == null || !s.value().orgId().equals(org) ? Optional.empty() : Optional.of(s.value());
  }

  @Override
  public int linkAnonymousKey(String anonymousKey, UUID contactId) {
    Objects.requireNonNull(anonymousKey, "anonymousKey");
    tx.requireOpen();
    requireContact(contactId);
    int linked = 0;
    for (Sequenced<ExternalTouchpoint> s : List.copyOf(tables.externalTouchpoints.values())) {
      ExternalTouchpoint t = s.value();
      if (t.orgId().equals(org) && t.contactId() == null && anonymousKey.equals(t.anonymousKey())) {
        tx.put(
            tables.externalTouchpoints,
            t.id(),
            new Sequenced<>(s.seq(), s.at(), t.linkedTo(contactId)));
        linked++;
      }
    }
    return linked;
  }

  @Override
  public int linkMatchingIdentities() {
    tx.requireOpen();
    Map<String, UUID> emails = new HashMap<>();
    Map<String, UUID> phones = new HashMap<>();
    for (Identity i : tables.identities.values()) {
      if (i.orgId().equals(org) && i.kind() == IdentityKind.EMAIL) {
        emails.put(i.normalizedValue(), i.contactId());
      } else if (i.orgId().equals(org) && i.kind() == IdentityKind.PHONE) {
        phones.put(i.normalizedValue(), i.contactId());
      }
    }
    int linked = 0;
    for (Sequenced<ExternalTouchpoint> s : List.copyOf(tables.externalTouchpoints.values())) {
      ExternalTouchpoint t = s.value();
      if (!t.orgId().equals(org) || t.contactId() != null) {
        continue;
      }
      UUID contact = t.email() == null ? null : emails.get(t.email());
      if (contact == null && t.phone() != null) {
        contact = phones.get(t.phone());
      }
      if (contact != null) {
        tx.put(
            tables.externalTouchpoints,
            t.id(),
            new Sequenced<>(s.seq(), s.at(), t.linkedTo(contact)));
        linked++;
      }
    }
    return linked;
  }

  private void requireContact(UUID contactId) {
    Contact c = tables.contacts.get(contactId);
    if (c == null || !c.orgId().equals(org)) {
      throw OmniFlowException.notFound("The contact");
    }
  }
}
