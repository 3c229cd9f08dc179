package ai.omniflow.audit;

import ai.omniflow.store.spi.JsonValues;
import ai.omniflow.tenancy.Role;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Who changed what: one entry per mutation, written in the same transaction as the change. The
 * store refuses to update or delete entries.
 *
 * @param id the entry's id
 * @param orgId the org the change happened in
 * @param actorUserId who made it, or {@code null} for OmniFlow itself
 * @param actorRole the role they acted with
 * @param action dotted lower-case verb, e.g. {@code org.select_pack}
 * @param entityType what kind of thing changed
 * @param entityId its id
 * @param before its JSON-shaped state before, or {@code null} when it was created
 * @param after its JSON-shaped state after, or {@code null} when it was removed
 * @param requestId the host's request id, or {@code null}
 * @param occurredAt when the change happened
 */
public record AuditEntry(
    UUID id,
    UUID orgId,
    @Nullable UUID actorUserId,
    Role actorRole,
    String action,
    String entityType,
    String entityId,
    @Nullable Map<String, @Nullable Object> before,
    @Nullable Map<String, @Nullable Object> after,
    @Nullable String requestId,
    Instant occurredAt) {
  public AuditEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(actorRole, "actorRole");
    if (action == null || !action.matches("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+")) {
      throw new IllegalArgumentException("action must be dotted lower-case, was " + action);
    }
    Objects.requireNonNull(entityType, "entityType");
    Objects.requireNonNull(entityId, "entityId");
    before = before == null ? null : JsonValues.copyObject(before);
    after = after == null ? null : JsonValues.copyObject(after);
    Objects.requireNonNull(occurredAt, "occurredAt");
  }
}
