package ai.omniflow.jdbc.internal;

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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The {@link SlaClockRepository} of one JDBC transaction: clocks in {@code sla_clocks}, steps as
 * db-scheduler executions in {@code scheduled_tasks}, written in the caller's transaction so that
 * they commit or roll back with the message that moved the clock (decision 0046). Not thread-safe.
 */
final class JdbcSlaClocks implements SlaClockRepository {
  static final String COLUMNS =
      "thread_id, kind, phase, started_at, running_since, window_nanos, used_nanos, wall_time,"
          + " warn_at, due_at, stopped_at, breached, fired";

  static final String FIND =
      "select " + COLUMNS + " from <schema>.sla_clocks where org_id = :org and thread_id = :thread";

  static final String LOCK = FIND + " for update";

  static final String FIND_MANY =
      "select "
          + COLUMNS
          + " from <schema>.sla_clocks where org_id = :org and thread_id = any(:threads)";

  static final String SAVE =
      "insert into <schema>.sla_clocks (org_id, "
          + COLUMNS
          + ") values (:org, :thread_id, :kind, :phase, :started_at, :running_since,"
          + " :window_nanos, :used_nanos, :wall_time, :warn_at, :due_at, :stopped_at, :breached,"
          + " :fired) on conflict (thread_id) do update set kind = excluded.kind, phase ="
          + " excluded.phase, started_at = excluded.started_at, running_since ="
          + " excluded.running_since, window_nanos = excluded.window_nanos, used_nanos ="
          + " excluded.used_nanos, wall_time = excluded.wall_time, warn_at = excluded.warn_at,"
          + " due_at = excluded.due_at, stopped_at = excluded.stopped_at, breached ="
          + " excluded.breached, fired = excluded.fired where sla_clocks.org_id = excluded.org_id";

  /** Pending executions of the thread; one a scheduler picked finishes on its own. */
  /**
   * The thread's steps are the ids in [{@code <org>/<thread>/}, {@code <org>/<thread>0}) in byte
   * order: a range the index of V29 serves whatever the database's collation, where a {@code LIKE}
   * with a bound pattern read every step of every thread (docs/performance.md, "Webhooks").
   */
  private static final String THREAD_STEPS =
      "task_name = :task and task_instance collate \"C\" >= :from and task_instance collate"
          + " \"C\" < :to and not picked";

  /** One execution's steps, picked or not (decision 0082). */
  static final String FINISH_STEPS =
      "delete from <schema>.scheduled_tasks where task_name = :task and task_instance ="
          + " :instance";

  /**
   * The thread's steps made {@code :instances} at {@code :ats} (ids and ISO-8601 instants as
   * parallel arrays), as two statements sent in one round trip (pgjdbc sends the statements of one
   * string together and prepares each on its own): this part, a {@code with} element inserting
   * these or, where pending already at another time, moving them to it, and {@link #STEP_GONE},
   * appended after the statement that holds this part. An execution already where it should be is
   * not written at all; a picked execution of the same id stays (its handler reads the clock
   * again).
   *
   * <p>Two statements, not one (decision 0108): the delete's range of ids has no estimate in a
   * generic plan (PostgreSQL guesses 0.5 % of the table), so a statement holding it was planned
   * anew on every execution, more than half of a stop's server time; alone, it is a small statement
   * cheap to plan, and the rest keeps its generic plan.
   */
  static final String STEP_PUT =
      "put as (insert into <schema>.scheduled_tasks (task_name, task_instance, task_data,"
          + " execution_time, picked, version) select :task, s.instance, null,"
          + " cast(s.at as timestamptz), false, 1 from unnest(cast(:instances as text[]),"
          + " cast(:ats as text[])) as s (instance, at)"
          + " on conflict (task_name, task_instance) do update set execution_time ="
          + " excluded.execution_time, consecutive_failures = null, last_failure = null,"
          + " version = scheduled_tasks.version + 1 where not scheduled_tasks.picked"
          + " and scheduled_tasks.execution_time <> excluded.execution_time)";

  /**
   * The second statement of {@link #STEP_PUT}'s round trip, with its separator: the thread's other
   * pending executions deleted. It runs after the first, in the same transaction, and touches none
   * of the rows the first wrote.
   */
  static final String STEP_GONE =
      "; delete from <schema>.scheduled_tasks where "
          + THREAD_STEPS
          + " and task_instance <> all(cast(:instances as text[]))";

  private static final DirectSql REPLACE_STEPS =
      DirectSql.of("with " + STEP_PUT + " select 1" + STEP_GONE);

  /** The clock saved and its steps replaced in one round trip; answers 0 for another org's. */
  private static final DirectSql SAVE_WITH_STEPS =
      DirectSql.of(
          "with clock as ("
              + SAVE
              + " returning 1), "
              + STEP_PUT
              + " select count(*) from clock"
              + STEP_GONE);

  private static final DirectSql SAVE_ALONE = DirectSql.of(SAVE);

  static final String STEPS =
      "select task_instance, execution_time from <schema>.scheduled_tasks where " + THREAD_STEPS;

  /**
   * A thread's clock state at {@code :now}, as {@link ThreadClock#state} reads it: the same
   * comparisons, and the warning point {@code ceil(window × threshold)} in doubles as Java computes
   * it ({@code 'none'} without a clock).
   */
  static final String STATE =
      "case when c.thread_id is null then 'none'"
          + " when c.phase = 'stopped' then (case when c.breached then 'breached' else 'met' end)"
          + " when c.phase = 'paused' then (case when c.breached then 'breached'"
          + " when c.used_nanos >= ceil(c.window_nanos * cast(:warning as float8))"
          + " then 'at_risk' else 'on_track' end)"
          + " when c.due_at is null then 'on_track'"
          + " when c.breached or c.due_at < cast(:now as timestamptz) then 'breached'"
          + " when c.warn_at <= cast(:now as timestamptz) then 'at_risk'"
          + " else 'on_track' end";

  /** The threads of the org with their clocks, filtered as the inbox filters, and by state. */
  private static final String THREADS_WHERE =
      " from <schema>.inbox_threads t left join <schema>.sla_clocks c"
          + " on c.thread_id = t.id and c.org_id = :org"
          + " where t.org_id = :org"
          + " and (cast(:status as text) is null or t.status = cast(:status as text))"
          + " and (cast(:channel as text) is null or t.channel = cast(:channel as text))"
          + " and (cast(:assignee as uuid) is null or t.assignee_user_id = cast(:assignee as uuid))"
          + " and (cast(:contact_id as uuid) is null or t.contact_id = cast(:contact_id as uuid))"
          + " and (not cast(:unassigned as boolean) or t.assignee_user_id is null)"
          + " and (cast(:any_state as boolean) or ("
          + STATE
          + ") = any(cast(:states as text[])))";

  static final String THREADS_COUNT = "select count(*)" + THREADS_WHERE;

  private static final String THREADS_SELECT =
      "select t." + JdbcInbox.THREAD_COLUMNS.replace(", ", ", t.") + THREADS_WHERE;

  static final String THREADS_BY_ACTIVITY =
      THREADS_SELECT + " order by t.last_activity_at desc, t.seq desc limit :limit offset :offset";

  /** Soonest due open clock first; no open clock with a due time last; ties by id. */
  static final String THREADS_BY_DUE =
      THREADS_SELECT
          + " order by (case when c.phase <> 'stopped' then c.due_at end) asc nulls last, t.id"
          + " limit :limit offset :offset";

  /**
   * The org's leads passing the leads' filter, with their threads' first-response clocks only (a
   * next-response clock reads as none, as a lead's {@code sla} shows it), filtered by state.
   */
  private static final String LEADS_FROM =
      " from (select "
          + JdbcLeads.COLUMNS
          + " from <schema>.leads"
          + JdbcLeads.FILTER
          + ") l left join <schema>.sla_clocks c on c.thread_id = l.thread_id and c.org_id = :org"
          + " and c.kind = 'first_response'"
          + " where (cast(:any_state as boolean) or ("
          + STATE
          + ") = any(cast(:states as text[])))";

  static final String LEADS_COUNT = "select count(*)" + LEADS_FROM;

  static final String LEADS =
      "select l.*" + LEADS_FROM + " order by l.created_at desc, l.id limit :limit offset :offset";

  private final JdbcContext tx;
  private final UUID org;
  private final JdbcSlaStepBatches batches;

  JdbcSlaClocks(JdbcContext tx) {
    this.tx = tx;
    this.org = tx.org();
    this.batches = new JdbcSlaStepBatches(tx);
  }

  @Override
  public Optional<ThreadClock> find(UUID threadId) {
    return tx.step(
        "slaClocks.find",
        () ->
            tx.select(FIND)
                .bind("org", org)
                .bind("thread", threadId)
                .map((rs, ctx) -> clock(rs))
                .findOne());
  }

  @Override
  public Optional<ThreadClock> lock(UUID threadId) {
    return tx.step(
        "slaClocks.lock",
        () ->
            tx.select(LOCK)
                .bind("org", org)
                .bind("thread", threadId)
                .map((rs, ctx) -> clock(rs))
                .findOne());
  }

  @Override
  public Map<UUID, ThreadClock> find(Collection<UUID> threadIds) {
    if (threadIds.size() > MAX_FIND) {
      throw new IllegalArgumentException("at most " + MAX_FIND + " threads at once");
    }
    Map<UUID, ThreadClock> out = new LinkedHashMap<>();
    if (threadIds.isEmpty()) {
      return out;
    }
    List<ThreadClock> rows =
        tx.step(
            "slaClocks.findMany",
            () ->
                tx.select(FIND_MANY)
                    .bind("org", org)
                    .bindArray("threads", UUID.class, threadIds)
                    .map((rs, ctx) -> clock(rs))
                    .list());
    for (UUID id : threadIds) {
      rows.stream().filter(c -> c.threadId().equals(id)).findFirst().ifPresent(c -> out.put(id, c));
    }
    return out;
  }

  @Override
  public void save(ThreadClock c) {
    int rows = tx.step("slaClocks.save", () -> bindClock(tx.direct(SAVE_ALONE), org, c).run());
    if (rows == 0) {
      throw new IllegalStateException("the thread's clock belongs to another org");
    }
  }

  /** Binds {@link #SAVE}'s parameters: {@code c} of the org {@code org}. */
  static DirectSql.Call bindClock(DirectSql.Call q, UUID org, ThreadClock c) {
    return q.uuid("org", org)
        .uuid("thread_id", c.threadId())
        .text("kind", c.kind().name().toLowerCase(Locale.ROOT))
        .text("phase", c.phase().wireName())
        .instant("started_at", c.startedAt())
        .instant("running_since", c.runningSince())
        .int8("window_nanos", c.window().toNanos())
        .int8("used_nanos", c.used().toNanos())
        .bool("wall_time", c.wallTime())
        .instant("warn_at", c.warnAt())
        .instant("due_at", c.dueAt())
        .instant("stopped_at", c.stoppedAt())
        .bool("breached", c.breached())
        .int4("fired", c.fired());
  }

  @Override
  public void replaceSteps(UUID threadId, List<SlaStep> steps) {
    tx.step(
        "slaClocks.replaceSteps",
        () -> bindSteps(tx.direct(REPLACE_STEPS), org, threadId, steps).one(rs -> rs.getInt(1)));
  }

  @Override
  public void save(ThreadClock c, List<SlaStep> steps) {
    long rows =
        tx.step(
            "slaClocks.saveWithSteps",
            () ->
                bindSteps(bindClock(tx.direct(SAVE_WITH_STEPS), org, c), org, c.threadId(), steps)
                    .one(rs -> rs.getLong(1)));
    if (rows == 0) {
      throw new IllegalStateException("the thread's clock belongs to another org");
    }
  }

  /**
   * Binds {@link #STEP_PUT} and {@link #STEP_GONE}'s parameters: the thread's steps, one execution
   * per instant (decision 0082).
   */
  static DirectSql.Call bindSteps(DirectSql.Call q, UUID org, UUID threadId, List<SlaStep> steps) {
    for (SlaStep s : steps) {
      if (!s.orgId().equals(org) || !s.threadId().equals(threadId)) {
        throw new IllegalArgumentException("a step of another thread");
      }
    }
    List<List<SlaStep>> executions = SlaStep.byInstant(steps);
    List<String> instances = new java.util.ArrayList<>(executions.size());
    List<String> ats = new java.util.ArrayList<>(executions.size());
    for (List<SlaStep> e : executions) {
      instances.add(SlaStep.instanceId(e));
      ats.add(e.get(0).at().toString());
    }
    String prefix = SlaStep.prefix(org, threadId);
    return q.text("task", STEP_TASK)
        .text("from", prefix)
        .text("to", upperBound(prefix))
        .texts("instances", instances)
        .texts("ats", ats);
  }

  @Override
  public void finishSteps(List<SlaStep> steps) {
    SlaStep first = SlaStep.sameClock(steps).get(0);
    if (!first.orgId().equals(org)) {
      throw new IllegalArgumentException("a step of another org");
    }
    String instance = SlaStep.instanceId(steps);
    tx.step(
        "slaClocks.finishSteps",
        () -> tx.change(FINISH_STEPS).bind("task", STEP_TASK).bind("instance", instance).execute());
  }

  @Override
  public List<List<SlaStep>> claimDueSteps(Instant now, int limit) {
    return batches.claimDue(now, limit);
  }

  @Override
  public Map<UUID, ThreadClock> lockAvailable(Collection<UUID> threadIds) {
    return batches.lockAvailable(threadIds);
  }

  @Override
  public void finishAll(List<List<SlaStep>> executions) {
    batches.finishAll(executions);
  }

  @Override
  public void rescheduleSteps(List<SlaStep> steps, Instant at) {
    batches.reschedule(steps, at);
  }

  @Override
  public List<SlaStep> steps(UUID threadId) {
    return tx.step(
        "slaClocks.steps",
        () ->
            tx
                .select(STEPS)
                .bind("task", STEP_TASK)
                .bind("from", SlaStep.prefix(org, threadId))
                .bind("to", upperBound(SlaStep.prefix(org, threadId)))
                .map(
                    (rs, ctx) ->
                        SlaStep.parseAll(
                            rs.getString("task_instance"), Columns.instant(rs, "execution_time")))
                .list()
                .stream()
                .flatMap(List::stream)
                .sorted(
                    java.util.Comparator.comparing(SlaStep::at).thenComparingInt(SlaStep::index))
                .toList());
  }

  /**
   * The first string after every string that starts with {@code prefix}, in byte order: its last
   * character, a slash, becomes the next one, {@code 0}.
   */
  static String upperBound(String prefix) {
    return prefix.substring(0, prefix.length() - 1)
        + (char) (prefix.charAt(prefix.length() - 1) + 1);
  }

  static ThreadClock clock(ResultSet rs) throws SQLException {
    return new ThreadClock(
        Columns.uuid(rs, "thread_id"),
        SlaReading.Clock.valueOf(rs.getString("kind").toUpperCase(Locale.ROOT)),
        ThreadClock.Phase.valueOf(rs.getString("phase").toUpperCase(Locale.ROOT)),
        Columns.instant(rs, "started_at"),
        Columns.instant(rs, "running_since"),
        Duration.ofNanos(rs.getLong("window_nanos")),
        Duration.ofNanos(rs.getLong("used_nanos")),
        rs.getBoolean("wall_time"),
        Columns.nullableInstant(rs, "warn_at"),
        Columns.nullableInstant(rs, "due_at"),
        Columns.nullableInstant(rs, "stopped_at"),
        rs.getBoolean("breached"),
        rs.getInt("fired"));
  }

  @Override
  public Page<InboxThread> threads(
      ThreadFilter filter,
      SlaThreadQuery query,
      Instant now,
      double warningThreshold,
      PageRequest page) {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(page, "page");
    List<String> states = query.states().stream().map(SlaState::wireName).sorted().toList();
    String list =
        query.sort() == SlaThreadQuery.Sort.SLA_DUE ? THREADS_BY_DUE : THREADS_BY_ACTIVITY;
    return tx.step(
        "slaClocks.threads",
        () -> {
          long total =
              bindThreads(tx.select(THREADS_COUNT), filter, states, now, warningThreshold)
                  .mapTo(Long.class)
                  .one();
          List<InboxThread> items =
              bindThreads(tx.select(list), filter, states, now, warningThreshold)
                  .bind("limit", page.limit())
                  .bind("offset", page.offset())
                  .map((rs, ctx) -> JdbcInbox.thread(rs, ctx))
                  .list();
          return Page.of(items, page, total);
        });
  }

  private <Q extends org.jdbi.v3.core.statement.SqlStatement<Q>> Q bindThreads(
      Q q, ThreadFilter f, List<String> states, Instant now, double warningThreshold) {
    return q.bind("org", org)
        .bind("status", f.status() == null ? null : f.status().wireName())
        .bind("channel", f.channel() == null ? null : f.channel().id())
        .bind("assignee", f.assigneeUserId())
        .bind("contact_id", f.contactId())
        .bind("unassigned", f.unassigned())
        .bind("any_state", states.isEmpty())
        .bindArray("states", String.class, states)
        .bind("now", now.truncatedTo(java.time.temporal.ChronoUnit.MICROS))
        .bind("warning", warningThreshold);
  }

  @Override
  public Page<Lead> leads(
      LeadFilter filter,
      Set<SlaState> states,
      Instant now,
      double warningThreshold,
      PageRequest page) {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(page, "page");
    List<String> wire = states.stream().map(SlaState::wireName).sorted().toList();
    return tx.step(
        "slaClocks.leads",
        () -> {
          long total =
              bindLeads(tx.select(LEADS_COUNT), filter, wire, now, warningThreshold)
                  .mapTo(Long.class)
                  .one();
          List<Lead> items =
              bindLeads(tx.select(LEADS), filter, wire, now, warningThreshold)
                  .bind("limit", page.limit())
                  .bind("offset", page.offset())
                  .map((rs, ctx) -> JdbcLeads.lead(rs, ctx))
                  .list();
          return Page.of(items, page, total);
        });
  }

  private <Q extends org.jdbi.v3.core.statement.SqlStatement<Q>> Q bindLeads(
      Q q, LeadFilter f, List<String> states, Instant now, double warningThreshold) {
    return JdbcLeads.bindFilter(q, org, f)
        .bind("any_state", states.isEmpty())
        .bindArray("states", String.class, states)
        .bind("now", now.truncatedTo(java.time.temporal.ChronoUnit.MICROS))
        .bind("warning", warningThreshold);
  }
}
