package ai.omniflow.internal;

import ai.omniflow.audit.AuditEntry;
import ai.omniflow.events.DomainEvent;
import ai.omniflow.store.spi.StoreTransaction;
import ai.omniflow.tenancy.Actor;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes a mutation's event and audit entry into the mutation's own transaction, so that the three
 * commit or vanish together.
 */
public final class Recorder {
  private Recorder() {}

  /** A change to record: the event to publish and the audit entry to keep. */
  public record Change(
      String eventType,
      String action,
      String entityType,
      String entityId,
      Map<String, @Nullable Object> payload,
      @Nullable Map<String, @Nullable Object> before,
      @Nullable Map<String, @Nullable Object> after) {}

  /**
   * Writes only an audit entry: for a refused attempt worth keeping (a bad OAuth callback), where
   * nothing happened that an event should announce.
   */
  public static void auditOnly(
      StoreTransaction tx,
      Instant at,
      String action,
      String entityType,
      String entityId,
      Map<String, @Nullable Object> details) {
    Actor actor = tx.actor();
    tx.audit()
        .append(
            new AuditEntry(
                Ids.next(),
                actor.orgId(),
                actor.userId(),
                actor.role(),
                action,
                entityType,
                entityId,
                null,
                details,
                actor.requestId(),
                at));
  }

  public static void record(StoreTransaction tx, Instant at, Change change) {
    Actor actor = tx.actor();
    tx.events()
        .append(
            new DomainEvent(
                Ids.next(),
                actor.orgId(),
                change.eventType(),
                change.entityType(),
                change.entityId(),
                change.payload(),
                at,
                actor.userId(),
                actor.role()));
    tx.audit()
        .append(
            new AuditEntry(
                Ids.next(),
                actor.orgId(),
                actor.userId(),
                actor.role(),
                change.action(),
                change.entityType(),
                change.entityId(),
                change.before(),
                change.after(),
                actor.requestId(),
                at));
  }
}
