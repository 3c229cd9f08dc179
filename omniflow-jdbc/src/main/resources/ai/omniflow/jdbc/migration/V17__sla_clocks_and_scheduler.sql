-- SLA clocks (issue 13, docs/sla.md, decision 0046): one row per thread with its clock as core's
-- ai.omniflow.sla.ThreadClock keeps it, and db-scheduler's table, in which each running clock's
-- warning, breach and escalation steps wait as executions of task 'omniflow-sla-step' named
-- <org>/<thread>/<clock start in epoch microseconds>/<step>.

create table ${flyway:defaultSchema}.sla_clocks (
  thread_id     uuid        primary key references ${flyway:defaultSchema}.inbox_threads (id),
  org_id        uuid        not null references ${flyway:defaultSchema}.orgs (id),
  kind          text        not null check (kind in ('first_response', 'next_response')),
  phase         text        not null check (phase in ('running', 'paused', 'stopped')),
  started_at    timestamptz not null,
  running_since timestamptz not null,
  -- The target's window and the time used before running_since, in nanoseconds.
  window_nanos  bigint      not null check (window_nanos > 0 and window_nanos <= 2592000000000000),
  used_nanos    bigint      not null check (used_nanos >= 0),
  wall_time     boolean     not null,
  warn_at       timestamptz,
  due_at        timestamptz,
  stopped_at    timestamptz,
  breached      boolean     not null,
  -- One bit per step done: 1 warning, 2 breach, 4 << n escalation step n.
  fired         integer     not null check (fired >= 0 and fired < 1024),
  constraint sla_clocks_started_at_finite check (isfinite(started_at)),
  constraint sla_clocks_running_since_finite check (isfinite(running_since)),
  constraint sla_clocks_warn_at_finite check (isfinite(warn_at)),
  constraint sla_clocks_due_at_finite check (isfinite(due_at)),
  constraint sla_clocks_stopped_at_finite check (isfinite(stopped_at)),
  constraint sla_clocks_stopped check ((phase = 'stopped') = (stopped_at is not null))
);

-- Thread lists filter and sort by the clock's state and due time.
create index sla_clocks_org_due_idx on ${flyway:defaultSchema}.sla_clocks (org_id, due_at);

alter table ${flyway:defaultSchema}.sla_clocks enable row level security;
alter table ${flyway:defaultSchema}.sla_clocks force row level security;
create policy sla_clocks_of_current_org on ${flyway:defaultSchema}.sla_clocks
  using (org_id = ${flyway:defaultSchema}.current_org_id())
  with check (org_id = ${flyway:defaultSchema}.current_org_id());

-- db-scheduler 16.7.1's table for PostgreSQL, as its documentation gives it, plus finite checks.
-- It holds no tenant's data but ids: the scheduler of any node polls it across orgs, and each task
-- then works inside its org's transaction.
create table ${flyway:defaultSchema}.scheduled_tasks (
  task_name            text        not null,
  task_instance        text        not null,
  task_data            bytea,
  execution_time       timestamptz not null,
  picked               boolean     not null,
  picked_by            text,
  last_success         timestamptz,
  last_failure         timestamptz,
  consecutive_failures integer,
  last_heartbeat       timestamptz,
  version              bigint      not null,
  priority             smallint,
  primary key (task_name, task_instance),
  constraint scheduled_tasks_execution_time_finite check (isfinite(execution_time)),
  constraint scheduled_tasks_last_success_finite check (isfinite(last_success)),
  constraint scheduled_tasks_last_failure_finite check (isfinite(last_failure)),
  constraint scheduled_tasks_last_heartbeat_finite check (isfinite(last_heartbeat))
);

create index scheduled_tasks_execution_time_idx
  on ${flyway:defaultSchema}.scheduled_tasks (execution_time);
create index scheduled_tasks_last_heartbeat_idx
  on ${flyway:defaultSchema}.scheduled_tasks (last_heartbeat);
create index scheduled_tasks_priority_execution_time_idx
  on ${flyway:defaultSchema}.scheduled_tasks (priority desc, execution_time asc);
