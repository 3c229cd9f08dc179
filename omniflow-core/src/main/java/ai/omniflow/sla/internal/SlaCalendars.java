package ai.omniflow.sla.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.internal.Recorder;
import ai.omniflow.sla.SlaCalendar;
import ai.omniflow.sla.SlaErrors;
import ai.omniflow.sla.SlaEvents;
import ai.omniflow.sla.SlaJson;
import ai.omniflow.store.spi.Store;
import ai.omniflow.store.spi.StoreTransaction;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Adds, reads, replaces and deletes an org's business calendars. Not API: the spec is {@link
 * ai.omniflow.sla.SlaService}'s calendar methods.
 */
public final class SlaCalendars {
  private static final String ENTITY = "sla_calendar";

  private final Store store;
  private final Clock clock;

  public SlaCalendars(Store store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** As {@link ai.omniflow.sla.SlaService#calendars}. */
  public List<SlaCalendar> calendars(Actor actor) {
    Permission.SLA_READ.check(actor);
    return store.inTransaction(actor, tx -> tx.sla().calendars());
  }

  /** As {@link ai.omniflow.sla.SlaService#calendar}. */
  public SlaCalendar calendar(Actor actor, UUID id) {
    Permission.SLA_READ.check(actor);
    Objects.requireNonNull(id, "id");
    return store.inTransaction(actor, tx -> find(tx, id));
  }

  /** As {@link ai.omniflow.sla.SlaService#createCalendar}. */
  public SlaCalendar create(Actor actor, SlaCalendar calendar) {
    Permission.SLA_MANAGE.check(actor);
    Objects.requireNonNull(calendar, "calendar");
    return store.inTransaction(
        actor,
        tx -> {
          if (tx.sla().calendars().size() >= SlaCalendar.MAX_PER_ORG) {
            throw OmniFlowException.conflict(
                SlaErrors.TOO_MANY_CALENDARS,
                "The org has " + SlaCalendar.MAX_PER_ORG + " calendars; delete one first.");
          }
          requireScopeExists(tx, calendar.scope());
          tx.sla().insertCalendar(calendar);
          record(
              tx,
              SlaEvents.SLA_CALENDAR_CREATED,
              SlaEvents.AUDIT_SLA_CALENDAR_CREATE,
              calendar.id(),
              null,
              SlaJson.toJson(calendar));
          return calendar;
        });
  }

  /** As {@link ai.omniflow.sla.SlaService#updateCalendar}. */
  public SlaCalendar update(Actor actor, SlaCalendar calendar) {
    Permission.SLA_MANAGE.check(actor);
    Objects.requireNonNull(calendar, "calendar");
    return store.inTransaction(
        actor,
        tx -> {
          SlaCalendar old = find(tx, calendar.id());
          requireScopeExists(tx, calendar.scope());
          if (old.equals(calendar)) {
            return old;
          }
          tx.sla().updateCalendar(calendar);
          record(
              tx,
              SlaEvents.SLA_CALENDAR_UPDATED,
              SlaEvents.AUDIT_SLA_CALENDAR_UPDATE,
              calendar.id(),
              SlaJson.toJson(old),
              SlaJson.toJson(calendar));
          return calendar;
        });
  }

  /** As {@link ai.omniflow.sla.SlaService#deleteCalendar}. */
  public void delete(Actor actor, UUID id) {
    Permission.SLA_MANAGE.check(actor);
    Objects.requireNonNull(id, "id");
    store.useTransaction(
        actor,
        tx -> {
          SlaCalendar old = find(tx, id);
          tx.sla().deleteCalendar(id);
          record(
              tx,
              SlaEvents.SLA_CALENDAR_DELETED,
              SlaEvents.AUDIT_SLA_CALENDAR_DELETE,
              id,
              SlaJson.toJson(old),
              null);
        });
  }

  private static SlaCalendar find(StoreTransaction tx, UUID id) {
    return tx.sla().findCalendar(id).orElseThrow(() -> OmniFlowException.notFound("The calendar"));
  }

  private static void requireScopeExists(StoreTransaction tx, SlaCalendar.Scope scope) {
    String ref = scope.ref();
    switch (scope.kind()) {
      case ORG -> {}
      case GROUP -> {
        if (ref == null || tx.routing().findGroup(ref).isEmpty()) {
          throw OmniFlowException.invalidInput(
              SlaErrors.UNKNOWN_GROUP, "scope: the org has no such routing group.");
        }
      }
      case AGENT -> {
        if (ref == null || tx.routing().findAgent(UUID.fromString(ref)).isEmpty()) {
          throw OmniFlowException.invalidInput(
              SlaErrors.UNKNOWN_AGENT, "scope: the org has no such agent.");
        }
      }
    }
  }

  private void record(
      StoreTransaction tx,
      String event,
      String action,
      UUID id,
      @Nullable Map<String, @Nullable Object> before,
      @Nullable Map<String, @Nullable Object> after) {
    Map<String, @Nullable Object> payload = new java.util.LinkedHashMap<>();
    payload.put("id", id.toString());
    if (after != null) {
      payload = after;
    }
    Recorder.record(
        tx,
        clock.instant(),
        new Recorder.Change(event, action, ENTITY, id.toString(), payload, before, after));
  }
}
