package ai.omniflow.store.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.leads.Lead;
import ai.omniflow.store.spi.TaskRepository;
import ai.omniflow.tasks.Task;
import ai.omniflow.tasks.TaskErrors;
import ai.omniflow.tasks.TaskQuery;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The {@link TaskRepository} of one in-memory transaction: tasks by id and each task's pending
 * overdue check in a map. Not thread-safe: the store's lock guards it.
 */
final class InMemoryTasks implements TaskRepository {
  /** PostgreSQL orders uuids as unsigned bytes, as their text sorts; {@link UUID} does not. */
  private static final Comparator<Task> BY_DUE =
      Comparator.comparing(Task::dueAt).thenComparing(t -> t.id().toString());

  private final InMemoryTables tables;
  private final InMemoryContext tx;
  private final UUID org;

  InMemoryTasks(InMemoryTables tables, InMemoryContext tx) {
    this.tables = tables;
    this.tx = tx;
    this.org = tx.org();
  }

  @Override
  public boolean insert(Task t) {
    tx.requireOrg(t.orgId(), "the task");
    Sequenced<Lead> lead = tables.leads.get(t.leadId());
    if (lead == null || !lead.value().orgId().equals(org)) {
      throw OmniFlowException.notFound("The lead");
    }
    if (tables.tasks.containsKey(t.id())) {
      throw OmniFlowException.conflict(TaskErrors.TASK_EXISTS, "The task exists already.");
    }
    if (t.enrollmentId() != null
        && tables.tasks.values().stream()
            .anyMatch(
                o ->
                    t.enrollmentId().equals(o.enrollmentId())
                        && Objects.equals(t.stepKey(), o.stepKey()))) {
      return false;
    }
    tx.put(tables.tasks, t.id(), t);
    schedule(t);
    return true;
  }

  @Override
  public Optional<Task> find(UUID taskId) {
    tx.requireOpen();
    return Optional.ofNullable(tables.tasks.get(taskId)).filter(t -> t.orgId().equals(org));
  }

  @Override
  public Optional<Task> lock(UUID taskId) {
    return find(taskId);
  }

  @Override
  public void update(Task t) {
    tx.requireOrg(t.orgId(), "the task");
    if (find(t.id()).isEmpty()) {
      throw OmniFlowException.notFound("The task");
    }
    tx.put(tables.tasks, t.id(), t);
    schedule(t);
  }

  private void schedule(Task t) {
    Optional<Instant> at = t.nextCheckAt();
    if (at.isPresent()) {
      tx.put(tables.taskChecks, t.id(), at.get());
    } else {
      tx.remove(tables.taskChecks, t.id());
    }
  }

  @Override
  public List<Task> list(TaskQuery q) {
    Objects.requireNonNull(q, "query");
    Predicate<Task> p = t -> t.orgId().equals(org);
    if (q.assignee() != null) {
      p = p.and(t -> q.assignee().equals(t.assigneeUserId()));
    }
    if (q.status() != null) {
      p = p.and(t -> t.status() == q.status());
    }
    if (q.dueBefore() != null) {
      p = p.and(t -> t.dueAt().isBefore(q.dueBefore()));
    }
    TaskQuery.Cursor after = q.after();
    if (after != null) {
      p =
          p.and(
              t ->
                  t.dueAt().isAfter(after.dueAt())
                      || (t.dueAt().equals(after.dueAt())
                          && t.id().toString().compareTo(after.id().toString()) > 0));
    }
    return select(p, q.limit());
  }

  @Override
  public List<Task> ofLead(UUID leadId, int limit) {
    Objects.requireNonNull(leadId, "leadId");
    if (limit < 1 || limit > MAX_OF_LEAD) {
      throw new IllegalArgumentException("limit must be 1 to " + MAX_OF_LEAD);
    }
    return select(t -> t.orgId().equals(org) && t.leadId().equals(leadId), limit);
  }

  private List<Task> select(Predicate<Task> p, int limit) {
    tx.requireOpen();
    return tables.tasks.values().stream().filter(p).sorted(BY_DUE).limit(limit).toList();
  }

  @Override
  public Optional<Instant> scheduledCheck(UUID taskId) {
    return find(taskId).map(t -> tables.taskChecks.get(t.id()));
  }
}
