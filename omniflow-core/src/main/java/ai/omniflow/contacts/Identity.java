package ai.omniflow.contacts;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One handle of a contact on one channel. Within an org, no two identities share a kind and a
 * normalized value: that is what makes the same phone written three ways one person.
 *
 * @param id the identity's id
 * @param orgId its org
 * @param contactId the contact it belongs to now
 * @param kind what sort of handle it is
 * @param handle the handle as first seen, e.g. {@code (415) 555-0123}
 * @param normalizedValue the form it is matched by, e.g. {@code +14155550123}
 * @param firstSeenAt when it was first seen
 * @param lastSeenAt when it was last resolved
 */
public record Identity(
    UUID id,
    UUID orgId,
    UUID contactId,
    IdentityKind kind,
    String handle,
    String normalizedValue,
    Instant firstSeenAt,
    Instant lastSeenAt) {
  public Identity {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(contactId, "contactId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(handle, "handle");
    if (normalizedValue == null || normalizedValue.isEmpty()) {
      throw new IllegalArgumentException("normalizedValue must not be empty");
    }
    Objects.requireNonNull(firstSeenAt, "firstSeenAt");
    Objects.requireNonNull(lastSeenAt, "lastSeenAt");
  }

  public Identity movedTo(UUID contact) {
    return new Identity(id, orgId, contact, kind, handle, normalizedValue, firstSeenAt, lastSeenAt);
  }

  public Identity seenAt(Instant at) {
    Instant last = at.isAfter(lastSeenAt) ? at : lastSeenAt;
    return new Identity(id, orgId, contactId, kind, handle, normalizedValue, firstSeenAt, last);
  }
}
