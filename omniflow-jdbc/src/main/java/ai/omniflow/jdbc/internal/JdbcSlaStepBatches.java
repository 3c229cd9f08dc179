package ai.omniflow.jdbc.internal;

import static ai.omniflow.store.spi.SlaClockRepository.MAX_CLAIM;
import static ai.omniflow.store.spi.SlaClockRepository.MAX_FIND;
import static ai.omniflow.store.spi.SlaClockRepository.STEP_TASK;

import ai.omniflow.sla.SlaStep;
import ai.omniflow.sla.ThreadClock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The part of {@link JdbcSlaClocks} that runs several executions of SLA steps in one transaction
 * (decision 0096): the org's due executions claimed with {@code for update skip locked}, their
 * clocks locked in one statement skipping those another transaction holds, and the executions
 * finished or rescheduled together. Not thread-safe.
 */
final class JdbcSlaStepBatches {

  /**
   * The org's due executions no scheduler picked, earliest first, row-locked and skipping any row
   * another transaction holds (db-scheduler's own pick skips ours the same way; decision 0096). The
   * execution-time index finds the due rows; the org's id range filters them.
   */
  static final String CLAIM_DUE =
      "select task_instance, execution_time from <schema>.scheduled_tasks where task_name = :task"
          + " and not picked and execution_time <= cast(:now as timestamptz)"
          + " and task_instance collate \"C\" >= :from and task_instance collate \"C\" < :to"
          + " order by execution_time limit :limit for update skip locked";

  /** The clocks no other transaction holds, locked in key order in one statement. */
  static final String LOCK_AVAILABLE =
      JdbcSlaClocks.FIND_MANY + " order by thread_id for update skip locked";

  static final String FINISH_ALL =
      "delete from <schema>.scheduled_tasks where task_name = :task and task_instance ="
          + " any(cast(:instances as text[]))";

  static final String RESCHEDULE_STEPS =
      "update <schema>.scheduled_tasks set execution_time = cast(:at as timestamptz) where"
          + " task_name = :task and task_instance = :instance and not picked";

  private final JdbcContext tx;
  private final UUID org;

  JdbcSlaStepBatches(JdbcContext tx) {
    this.tx = tx;
    this.org = tx.org();
  }

  List<List<SlaStep>> claimDue(Instant now, int limit) {
    if (limit < 1 || limit > MAX_CLAIM) {
      throw new IllegalArgumentException("limit must be from 1 to " + MAX_CLAIM);
    }
    String from = org + "/";
    return tx.step(
        "slaClocks.claimDueSteps",
        () ->
            tx.select(CLAIM_DUE)
                .bind("task", STEP_TASK)
                .bind("now", now.truncatedTo(java.time.temporal.ChronoUnit.MICROS))
                .bind("from", from)
                .bind("to", JdbcSlaClocks.upperBound(from))
                .bind("limit", limit)
                .map(
                    (rs, ctx) ->
                        SlaStep.parseAll(
                            rs.getString("task_instance"), Columns.instant(rs, "execution_time")))
                .list());
  }

  Map<UUID, ThreadClock> lockAvailable(Collection<UUID> threadIds) {
    if (threadIds.size() > MAX_FIND) {
      throw new IllegalArgumentException("at most " + MAX_FIND + " threads at once");
    }
    Map<UUID, ThreadClock> out = new LinkedHashMap<>();
    if (threadIds.isEmpty()) {
      return out;
    }
    tx.step(
            "slaClocks.lockAvailable",
            () ->
                tx.select(LOCK_AVAILABLE)
                    .bind("org", org)
                    .bindArray("threads", UUID.class, threadIds)
                    .map((rs, ctx) -> JdbcSlaClocks.clock(rs))
                    .list())
        .forEach(c -> out.put(c.threadId(), c));
    return out;
  }

  void finishAll(List<List<SlaStep>> executions) {
    if (executions.isEmpty()) {
      return;
    }
    List<String> instances = new java.util.ArrayList<>(executions.size());
    for (List<SlaStep> steps : executions) {
      if (!SlaStep.sameClock(steps).get(0).orgId().equals(org)) {
        throw new IllegalArgumentException("a step of another org");
      }
      instances.add(SlaStep.instanceId(steps));
    }
    tx.step(
        "slaClocks.finishAll",
        () ->
            tx.change(FINISH_ALL)
                .bind("task", STEP_TASK)
                .bindArray("instances", String.class, instances)
                .execute());
  }

  void reschedule(List<SlaStep> steps, Instant at) {
    SlaStep first = SlaStep.sameClock(steps).get(0);
    if (!first.orgId().equals(org)) {
      throw new IllegalArgumentException("a step of another org");
    }
    String instance = SlaStep.instanceId(steps);
    tx.step(
        "slaClocks.rescheduleSteps",
        () ->
            tx.change(RESCHEDULE_STEPS)
                .bind("task", STEP_TASK)
                .bind("instance", instance)
                .bind("at", at.truncatedTo(java.time.temporal.ChronoUnit.MICROS).toString())
                .execute());
  }
}
