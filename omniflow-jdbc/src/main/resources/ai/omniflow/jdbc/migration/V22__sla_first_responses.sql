-- Speed-to-lead metrics (issue 13, docs/sla.md "Speed-to-lead metrics", decision 0052): one row per
-- thread with its first-response clock as core's ai.omniflow.sla.FirstResponse keeps it, written
-- in the message's transaction whenever that clock moves; a next-response clock never touches it.

create table ${flyway:defaultSchema}.sla_first_responses (
  thread_id     uuid        primary key references ${flyway:defaultSchema}.inbox_threads (id),
  org_id        uuid        not null references ${flyway:defaultSchema}.orgs (id),
  channel       text        not null check (length(channel) between 1 and 64),
  -- Who replied; until then the thread's assignee.
  agent_user_id uuid,
  started_at    timestamptz not null,
  due_at        timestamptz,
  responded_at  timestamptz,
  -- The time the clock counted until the reply (business time, or wall time for a wall clock).
  counted_nanos bigint      check (counted_nanos >= 0),
  wall_time     boolean     not null,
  breached      boolean     not null,
  constraint sla_first_responses_started_at_finite check (isfinite(started_at)),
  constraint sla_first_responses_due_at_finite check (isfinite(due_at)),
  constraint sla_first_responses_responded_at_finite check (isfinite(responded_at)),
  constraint sla_first_responses_reply check ((responded_at is null) = (counted_nanos is null)),
  constraint sla_first_responses_reply_after_start check (responded_at >= started_at)
);

-- A report reads one org's clocks started in a range.
create index sla_first_responses_org_started_idx
  on ${flyway:defaultSchema}.sla_first_responses (org_id, started_at);

-- Grouping by source or campaign reads each thread's first lead.
create index leads_thread_created_idx
  on ${flyway:defaultSchema}.leads (thread_id, created_at, id) where thread_id is not null;

-- Backfill from the clocks kept since V17: a first-response clock is the thread's first response
-- (a next-response clock's first response is not known and stays out). Row-level security is
-- forced on the owner too; lift it on the tables read for this one cross-org backfill, which runs
-- before the new table's own policy exists.
alter table ${flyway:defaultSchema}.sla_clocks no force row level security;
alter table ${flyway:defaultSchema}.inbox_threads no force row level security;

insert into ${flyway:defaultSchema}.sla_first_responses
  (thread_id, org_id, channel, agent_user_id, started_at, due_at, responded_at, counted_nanos,
   wall_time, breached)
select c.thread_id, c.org_id, t.channel, t.assignee_user_id, c.started_at, c.due_at, c.stopped_at,
       case when c.phase = 'stopped' then c.used_nanos end, c.wall_time, c.breached
  from ${flyway:defaultSchema}.sla_clocks c
  join ${flyway:defaultSchema}.inbox_threads t on t.id = c.thread_id and t.org_id = c.org_id
 where c.kind = 'first_response';

alter table ${flyway:defaultSchema}.sla_clocks force row level security;
alter table ${flyway:defaultSchema}.inbox_threads force row level security;

alter table ${flyway:defaultSchema}.sla_first_responses enable row level security;
alter table ${flyway:defaultSchema}.sla_first_responses force row level security;
create policy sla_first_responses_of_current_org on ${flyway:defaultSchema}.sla_first_responses
  using (org_id = ${flyway:defaultSchema}.current_org_id())
  with check (org_id = ${flyway:defaultSchema}.current_org_id());
