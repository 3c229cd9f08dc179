-- Tasks for people (issue 14, docs/nurture.md, decision 0066): a call, email, showing, visit or
-- follow-up about a lead, for its owner (null: the org's pond), due at a time; open, done or
-- snoozed (a snooze moves the due time). A task a nurture step made names its enrollment and step,
-- and a unique index keeps a step that runs twice to one task. overdue_for is the due time whose
-- task.overdue event went out, so the event goes out once per task and due time. A task's overdue
-- check waits in scheduled_tasks (V17) as an execution of task 'omniflow-task-overdue' named
-- <org>/<task>/<due time in epoch ms>, written in the task's own transaction.
create table ${flyway:defaultSchema}.tasks (
  id               uuid        primary key,
  org_id           uuid        not null references ${flyway:defaultSchema}.orgs (id),
  lead_id          uuid        not null references ${flyway:defaultSchema}.leads (id),
  assignee_user_id uuid        references ${flyway:defaultSchema}.users (id),
  kind             text        not null check (kind in ('call', 'email', 'showing', 'visit',
                                                        'follow_up')),
  title            text        not null check (length(btrim(title)) > 0 and length(title) <= 200),
  due_at           timestamptz not null,
  status           text        not null check (status in ('open', 'done', 'snoozed')),
  snoozed_until    timestamptz,
  enrollment_id    uuid        references ${flyway:defaultSchema}.nurture_enrollments (id),
  step_key         text        check (step_key ~ '^[a-z][a-z0-9_-]{0,62}$'),
  overdue_for      timestamptz,
  created_at       timestamptz not null,
  completed_at     timestamptz,
  updated_at       timestamptz not null,
  constraint tasks_due_at_finite check (isfinite(due_at)),
  constraint tasks_snoozed_until_finite check (isfinite(snoozed_until)),
  constraint tasks_overdue_for_finite check (isfinite(overdue_for)),
  constraint tasks_created_at_finite check (isfinite(created_at)),
  constraint tasks_completed_at_finite check (isfinite(completed_at)),
  constraint tasks_updated_at_finite check (isfinite(updated_at)),
  constraint tasks_done_when_completed check ((status = 'done') = (completed_at is not null)),
  constraint tasks_snoozed_until_due check (
    (status = 'snoozed') = (snoozed_until is not null)
    and (snoozed_until is null or snoozed_until = due_at)),
  constraint tasks_source check ((enrollment_id is null) = (step_key is null))
);

-- A step makes at most one task.
create unique index tasks_one_per_step
  on ${flyway:defaultSchema}.tasks (enrollment_id, step_key) where enrollment_id is not null;
-- GET /tasks: by assignee (or all), by due time then id.
create index tasks_assignee_due_idx
  on ${flyway:defaultSchema}.tasks (org_id, assignee_user_id, due_at, id);
create index tasks_due_idx on ${flyway:defaultSchema}.tasks (org_id, due_at, id);
create index tasks_lead_idx on ${flyway:defaultSchema}.tasks (org_id, lead_id, due_at, id);

alter table ${flyway:defaultSchema}.tasks enable row level security;
alter table ${flyway:defaultSchema}.tasks force row level security;
create policy tasks_of_current_org on ${flyway:defaultSchema}.tasks
  using (org_id = ${flyway:defaultSchema}.current_org_id())
  with check (org_id = ${flyway:defaultSchema}.current_org_id());
