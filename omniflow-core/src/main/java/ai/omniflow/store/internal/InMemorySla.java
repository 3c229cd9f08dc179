package ai.omniflow.store.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.sla.SlaCalendar;
import ai.omniflow.sla.SlaErrors;
import ai.omniflow.sla.SlaPolicy;
import ai.omniflow.store.spi.SlaRepository;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The {@link SlaRepository} of one in-memory transaction. Not thread-safe: the store's lock guards
 * it.
 */
final class InMemorySla implements SlaRepository {
  private final InMemoryTables tables;
  private final InMemoryContext tx;
  private final UUID org;

  InMemorySla(InMemoryTables tables, InMemoryContext tx) {
    this.tables = tables;
    this.tx = tx;
    this.org = tx.org();
  }

  @Override
  public Optional<SlaPolicy> policy() {
    tx.requireOpen();
    return Optional.ofNullable(tables.slaPolicies.get(org));
  }

  @Override
  public void savePolicy(@Nullable SlaPolicy policy) {
    tx.requireOpen();
    if (policy == null) {
      tx.remove(tables.slaPolicies, org);
    } else {
      tx.put(tables.slaPolicies, org, policy);
    }
  }

  @Override
  public void insertCalendar(SlaCalendar calendar) {
    tx.requireOpen();
    if (tables.slaCalendars.containsKey(calendar.id())) {
      throw OmniFlowException.conflict(
          SlaErrors.SLA_CALENDAR_EXISTS, "The calendar exists already.");
    }
    requireScopeFree(calendar);
    tx.put(tables.slaCalendars, calendar.id(), new Owned<>(org, calendar));
  }

  @Override
  public void updateCalendar(SlaCalendar calendar) {
    tx.requireOpen();
    Owned<SlaCalendar> old = tables.slaCalendars.get(calendar.id());
    if (old == null || !old.org().equals(org)) {
      throw OmniFlowException.notFound("The calendar");
    }
    requireScopeFree(calendar);
    tx.put(tables.slaCalendars, calendar.id(), new Owned<>(org, calendar));
  }

  private void requireScopeFree(SlaCalendar calendar) {
    for (SlaCalendar c : calendars()) {
      if (c.scope().equals(calendar.scope()) && !c.id().equals(calendar.id())) {
        throw OmniFlowException.conflict(
            SlaErrors.SLA_CALENDAR_SCOPE_TAKEN, "scope: another calendar of the org has it.");
      }
    }
  }

  @Override
  public boolean deleteCalendar(UUID id) {
    tx.requireOpen();
    Owned<SlaCalendar> old = tables.slaCalendars.get(id);
    if (old == null || !old.org().equals(org)) {
      return false;
    }
    tx.remove(tables.slaCalendars, id);
    return true;
  }

  @Override
  public Optional<SlaCalendar> findCalendar(UUID id) {
    tx.requireOpen();
    Owned<SlaCalendar> o = tables.slaCalendars.get(id);
    return o == null || !o.org().equals(org) ? Optional.empty() : Optional.of(o.value());
  }

  @Override
  public List<SlaCalendar> calendars() {
    tx.requireOpen();
    return tables.slaCalendars.values().stream()
        .filter(o -> o.org().equals(org))
        .map(Owned::value)
        .toList();
  }

  @Override
  public List<SlaCalendar> calendarsForAssignee(@Nullable UUID assigneeUserId) {
    tx.requireOpen();
    java.util.Set<String> agents = new java.util.HashSet<>();
    java.util.Set<String> groups = new java.util.HashSet<>();
    if (assigneeUserId != null) {
      for (Owned<ai.omniflow.routing.Agent> a : tables.agents.values()) {
        if (a.org().equals(org) && assigneeUserId.equals(a.value().userId())) {
          agents.add(a.value().id().toString());
        }
      }
      for (Map.Entry<List<Object>, ai.omniflow.routing.RoutingGroup> g :
          tables.routingGroups.entrySet()) {
        if (g.getKey().get(0).equals(org)
            && g.getValue().members().stream().anyMatch(m -> agents.contains(m.toString()))) {
          groups.add(g.getValue().key());
        }
      }
    }
    return calendars().stream()
        .filter(
            c ->
                switch (c.scope().kind()) {
                  case ORG -> true;
                  case AGENT -> agents.contains(c.scope().ref());
                  case GROUP -> groups.contains(c.scope().ref());
                })
        .toList();
  }
}
