-- Nurture enrollments (issue 14, docs/nurture.md, decision 0061): a lead going through one of its
-- org's playbooks, where it is, and its append-only history. At most one enrollment of a lead is
-- active (a unique partial index), so two concurrent enrollments of one lead cannot both commit.
-- An active enrollment's next run waits in scheduled_tasks (V17) as an execution of task
-- 'omniflow-nurture-step' named <org>/<enrollment>, written in the enrollment's own transaction.
create table ${flyway:defaultSchema}.nurture_enrollments (
  -- Orders enrollments made at the same instant, in the order they were made.
  seq           bigint      generated always as identity,
  id            uuid        primary key,
  org_id        uuid        not null references ${flyway:defaultSchema}.orgs (id),
  lead_id       uuid        not null references ${flyway:defaultSchema}.leads (id),
  contact_id    uuid        not null references ${flyway:defaultSchema}.contacts (id),
  playbook_key  text        not null check (playbook_key ~ '^[a-z][a-z0-9_-]{0,62}$'),
  step          integer     not null check (step >= 0 and step <= 50),
  status        text        not null check (status in ('active', 'completed', 'stopped')),
  end_reason    text        check (end_reason ~ '^[a-z][a-z0-9_-]{0,62}$'),
  stop_on_reply boolean     not null,
  next_run_at   timestamptz not null,
  last_send_at  timestamptz not null,
  created_at    timestamptz not null,
  updated_at    timestamptz not null,
  constraint nurture_enrollments_next_run_at_finite check (isfinite(next_run_at)),
  constraint nurture_enrollments_last_send_at_finite check (isfinite(last_send_at)),
  constraint nurture_enrollments_created_at_finite check (isfinite(created_at)),
  constraint nurture_enrollments_updated_at_finite check (isfinite(updated_at)),
  constraint nurture_enrollments_end_reason check ((status = 'active') = (end_reason is null))
);

create unique index nurture_enrollments_one_active_per_lead
  on ${flyway:defaultSchema}.nurture_enrollments (lead_id) where status = 'active';
create index nurture_enrollments_lead_newest_idx
  on ${flyway:defaultSchema}.nurture_enrollments (org_id, lead_id, created_at desc, seq desc);
-- A reply or an opt-out stops the active enrollments of the contact's leads.
create index nurture_enrollments_active_contact_idx
  on ${flyway:defaultSchema}.nurture_enrollments (org_id, contact_id) where status = 'active';

create table ${flyway:defaultSchema}.nurture_enrollment_history (
  seq           bigint      generated always as identity,
  id            uuid        primary key,
  org_id        uuid        not null references ${flyway:defaultSchema}.orgs (id),
  enrollment_id uuid        not null references ${flyway:defaultSchema}.nurture_enrollments (id),
  kind          text        not null check (kind in ('started', 'sent', 'send_failed',
                                                     'task_created', 'waiting', 'deferred',
                                                     'completed', 'stopped')),
  step_key      text        check (step_key ~ '^[a-z][a-z0-9_-]{0,62}$'),
  detail        text        check (length(btrim(detail)) > 0 and length(detail) <= 500),
  at            timestamptz not null constraint nurture_enrollment_history_at_finite
                            check (isfinite(at))
);

create index nurture_enrollment_history_enrollment_idx
  on ${flyway:defaultSchema}.nurture_enrollment_history (org_id, enrollment_id, at, seq);

create trigger nurture_enrollment_history_append_only
  before update or delete or truncate on ${flyway:defaultSchema}.nurture_enrollment_history
  for each statement execute function ${flyway:defaultSchema}.refuse_change_to_append_only_log();

alter table ${flyway:defaultSchema}.nurture_enrollments enable row level security;
alter table ${flyway:defaultSchema}.nurture_enrollments force row level security;
create policy nurture_enrollments_of_current_org on ${flyway:defaultSchema}.nurture_enrollments
  using (org_id = ${flyway:defaultSchema}.current_org_id())
  with check (org_id = ${flyway:defaultSchema}.current_org_id());

alter table ${flyway:defaultSchema}.nurture_enrollment_history enable row level security;
alter table ${flyway:defaultSchema}.nurture_enrollment_history force row level security;
create policy nurture_enrollment_history_of_current_org
  on ${flyway:defaultSchema}.nurture_enrollment_history
  using (org_id = ${flyway:defaultSchema}.current_org_id())
  with check (org_id = ${flyway:defaultSchema}.current_org_id());
