package ai.omniflow.store.internal;

import ai.omniflow.Page;
import ai.omniflow.PageRequest;
import ai.omniflow.inbox.InboxThread;
import ai.omniflow.inbox.ThreadFilter;
import ai.omniflow.leads.Lead;
import ai.omniflow.leads.LeadFilter;
import ai.omniflow.sla.SlaReading;
import ai.omniflow.sla.SlaState;
import ai.omniflow.sla.SlaStep;
import ai.omniflow.sla.SlaThreadQuery;
import ai.omniflow.sla.ThreadClock;
import ai.omniflow.store.spi.SlaClockRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The {@link SlaClockRepository} of one in-memory transaction: clocks per thread, and steps in a
 * map by instance id (nothing runs them; a test reads them). Not thread-safe: the store's lock
 * guards it.
 */
final class InMemorySlaClocks implements SlaClockRepository {
  private final InMemoryTables tables;
  private final InMemoryContext tx;
  private final UUID org;

  InMemorySlaClocks(InMemoryTables tables, InMemoryContext tx) {
    this.tables = tables;
    this.tx = tx;
    this.org = tx.org();
  }

  @Override
  public Optional<ThreadClock> find(UUID threadId) {
    tx.requireOpen();
    Owned<ThreadClock> row = tables.slaClocks.get(threadId);
    return row == null || !row.org().equals(org) ? Optional.empty() : Optional.of(row.value());
  }

  @Override
  public Optional<ThreadClock> lock(UUID threadId) {
    return find(threadId);
  }

  @Override
  public Map<UUID, ThreadClock> find(Collection<UUID> threadIds) {
    if (threadIds.size() > MAX_FIND) {
      throw new IllegalArgumentException("at most " + MAX_FIND + " threads at once");
    }
    Map<UUID, ThreadClock> out = new LinkedHashMap<>();
    for (UUID id : threadIds) {
      find(id).ifPresent(c -> out.put(id, c));
    }
    return out;
  }

  @Override
  public void save(ThreadClock clock) {
    tx.requireOpen();
    Owned<ThreadClock> row = tables.slaClocks.get(clock.threadId());
    if (row != null && !row.org().equals(org)) {
      throw new IllegalStateException("the thread belongs to another org");
    }
    tx.put(tables.slaClocks, clock.threadId(), new Owned<>(org, clock));
  }

  @Override
  public void replaceSteps(UUID threadId, List<SlaStep> steps) {
    tx.requireOpen();
    String prefix = SlaStep.prefix(org, threadId);
    for (String id : new ArrayList<>(tables.slaSteps.keySet())) {
      if (id.startsWith(prefix)) {
        tx.remove(tables.slaSteps, id);
      }
    }
    for (SlaStep step : steps) {
      if (!step.orgId().equals(org) || !step.threadId().equals(threadId)) {
        throw new IllegalArgumentException("a step of another thread");
      }
      tx.put(tables.slaSteps, step.instanceId(), step);
    }
  }

  @Override
  public void finishSteps(List<SlaStep> steps) {
    tx.requireOpen();
    for (SlaStep step : SlaStep.sameClock(steps)) {
      if (!step.orgId().equals(org)) {
        throw new IllegalArgumentException("a step of another org");
      }
      tx.remove(tables.slaSteps, step.instanceId());
    }
  }

  @Override
  public List<List<SlaStep>> claimDueSteps(Instant now, int limit) {
    tx.requireOpen();
    if (limit < 1 || limit > MAX_CLAIM) {
      throw new IllegalArgumentException("limit must be from 1 to " + MAX_CLAIM);
    }
    // One transaction at a time holds the store's lock: nothing else can hold a step meanwhile.
    String orgPrefix = org + "/";
    List<SlaStep> due =
        tables.slaSteps.entrySet().stream()
            .filter(e -> e.getKey().startsWith(orgPrefix) && !e.getValue().at().isAfter(now))
            .map(Map.Entry::getValue)
            .sorted(
                Comparator.comparing(SlaStep::at)
                    .thenComparing(s -> s.threadId().toString())
                    .thenComparingInt(SlaStep::index))
            .toList();
    List<List<SlaStep>> executions = SlaStep.byInstant(due);
    return executions.size() > limit ? executions.subList(0, limit) : executions;
  }

  @Override
  public Map<UUID, ThreadClock> lockAvailable(Collection<UUID> threadIds) {
    return find(threadIds);
  }

  @Override
  public void finishAll(List<List<SlaStep>> executions) {
    executions.forEach(this::finishSteps);
  }

  @Override
  public void rescheduleSteps(List<SlaStep> steps, Instant at) {
    tx.requireOpen();
    for (SlaStep step : SlaStep.sameClock(steps)) {
      if (!step.orgId().equals(org)) {
        throw new IllegalArgumentException("a step of another org");
      }
      if (tables.slaSteps.containsKey(step.instanceId())) {
        tx.put(
            tables.slaSteps,
            step.instanceId(),
            new SlaStep(step.orgId(), step.threadId(), step.clockStart(), step.index(), at));
      }
    }
  }

  @Override
  public List<SlaStep> steps(UUID threadId) {
    tx.requireOpen();
    String prefix = SlaStep.prefix(org, threadId);
    return tables.slaSteps.entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix))
        .map(Map.Entry::getValue)
        .sorted(Comparator.comparing(SlaStep::at).thenComparingInt(SlaStep::index))
        .toList();
  }

  @Override
  public Page<InboxThread> threads(
      ThreadFilter filter,
      SlaThreadQuery query,
      Instant now,
      double warningThreshold,
      PageRequest page) {
    tx.requireOpen();
    Instant at = now.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    List<Sequenced<InboxThread>> kept = new ArrayList<>();
    for (Sequenced<InboxThread> s : tables.threads.values()) {
      InboxThread t = s.value();
      if (!t.orgId().equals(org) || !filter.test(t)) {
        continue;
      }
      ThreadClock c = find(t.id()).orElse(null);
      if (query.keeps(c == null ? SlaState.NONE : c.state(at, warningThreshold))) {
        kept.add(s);
      }
    }
    if (query.sort() == SlaThreadQuery.Sort.LATEST_ACTIVITY) {
      return InMemoryTables.newestFirst(kept, t -> true, page);
    }
    // Soonest due open clock first, the rest last; ties by id as PostgreSQL orders uuids.
    Comparator<InboxThread> byDue =
        Comparator.comparing(
                (InboxThread t) -> openDue(t.id()), Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(t -> t.id().toString());
    return Page.slice(kept.stream().map(Sequenced::value).sorted(byDue).toList(), page);
  }

  @Override
  public Page<Lead> leads(
      LeadFilter filter,
      Set<SlaState> states,
      Instant now,
      double warningThreshold,
      PageRequest page) {
    tx.requireOpen();
    Instant at = now.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    List<Lead> kept =
        tables.leads.values().stream()
            .map(Sequenced::value)
            .filter(l -> l.orgId().equals(org) && filter.test(l))
            .filter(l -> states.isEmpty() || states.contains(state(l, at, warningThreshold)))
            .sorted(Comparator.comparing(Lead::createdAt).reversed().thenComparing(Lead::id))
            .toList();
    return Page.slice(kept, page);
  }

  /** The state of the lead's thread's first-response clock; {@code NONE} without one. */
  private SlaState state(Lead lead, Instant at, double warningThreshold) {
    return Optional.ofNullable(lead.threadId())
        .flatMap(this::find)
        .filter(c -> c.kind() == SlaReading.Clock.FIRST_RESPONSE)
        .map(c -> c.state(at, warningThreshold))
        .orElse(SlaState.NONE);
  }

  /** The due time of the thread's clock while running or paused, else {@code null}. */
  private @org.jspecify.annotations.Nullable Instant openDue(UUID threadId) {
    return find(threadId)
        .filter(c -> c.phase() != ThreadClock.Phase.STOPPED)
        .map(ThreadClock::dueAt)
        .orElse(null);
  }
}
