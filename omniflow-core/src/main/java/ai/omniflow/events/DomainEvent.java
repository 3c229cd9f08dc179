package ai.omniflow.events;

import ai.omniflow.store.spi.JsonValues;
import ai.omniflow.tenancy.Role;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A fact that happened in an org, such as {@code org.pack_selected}. Events are appended in the
 * same transaction as the change they describe and never change afterwards.
 *
 * @param id the event's id
 * @param orgId the org it happened in
 * @param type dotted lower-case name, e.g. {@code org.pack_selected}
 * @param subjectType what kind of thing it is about, e.g. {@code org}
 * @param subjectId the id of that thing
 * @param payload JSON-shaped details: strings, numbers, booleans, lists and maps
 * @param occurredAt when it happened
 * @param actorUserId who caused it, or {@code null} for OmniFlow itself
 * @param actorRole the role they acted with
 */
public record DomainEvent(
    UUID id,
    UUID orgId,
    String type,
    String subjectType,
    String subjectId,
    Map<String, @Nullable Object> payload,
    Instant occurredAt,
    @Nullable UUID actorUserId,
    Role actorRole) {
  public DomainEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(orgId, "orgId");
    if (type == null || !type.matches("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+")) {
      throw new IllegalArgumentException("type must be dotted lower-case, was " + type);
    }
    Objects.requireNonNull(subjectType, "subjectType");
    Objects.requireNonNull(subjectId, "subjectId");
    payload = JsonValues.copyObject(payload);
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(actorRole, "actorRole");
  }
}
