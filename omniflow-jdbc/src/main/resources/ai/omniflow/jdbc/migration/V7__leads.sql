-- Leads (one open lead per contact at a time), their score history, and each org's training runs
-- of the learned lead model.

create table ${flyway:defaultSchema}.leads (
  id               uuid        primary key,
  org_id           uuid        not null references ${flyway:defaultSchema}.orgs (id),
  contact_id       uuid        not null references ${flyway:defaultSchema}.contacts (id),
  thread_id        uuid        references ${flyway:defaultSchema}.inbox_threads (id),
  source_channel   text,
  campaign_id      text,
  ad_id            text,
  stage            text        not null check (length(stage) > 0),
  owner_user_id    uuid        references ${flyway:defaultSchema}.users (id),
  fields           jsonb       not null default '{}'::jsonb check (jsonb_typeof(fields) = 'object'),
  score            integer,
  scored_at        timestamptz,
  -- The outcome: all null while open.
  outcome          text        check (outcome in ('won', 'lost')),
  amount           numeric(19, 4) check (amount >= 0),
  currency         text        check (currency ~ '^[A-Z]{3}$'),
  closed_at        timestamptz,
  outcome_reason   text        check (length(outcome_reason) <= 500),
  created_at       timestamptz not null,
  updated_at       timestamptz not null,
  check ((score is null) = (scored_at is null)),
  check ((outcome is null) = (closed_at is null)),
  check ((amount is null) = (currency is null)),
  check (outcome is not null or amount is null)
);

-- One open lead per contact: two conversions of the same contact at once cannot both insert.
create unique index leads_open_contact_key
  on ${flyway:defaultSchema}.leads (org_id, contact_id) where outcome is null;
create index leads_created_idx on ${flyway:defaultSchema}.leads (org_id, created_at desc, id);
create index leads_owner_open_idx
  on ${flyway:defaultSchema}.leads (org_id, owner_user_id) where outcome is null;

create table ${flyway:defaultSchema}.lead_scores (
  id                uuid             primary key,
  org_id            uuid             not null,
  lead_id           uuid             not null references ${flyway:defaultSchema}.leads (id),
  total             integer          not null,
  rules_total       integer          not null,
  model_probability double precision check (model_probability between 0 and 1),
  model_version     integer,
  explanation       jsonb            not null check (jsonb_typeof(explanation) = 'array'),
  reason            text             not null,
  scored_at         timestamptz      not null,
  seq               bigint           generated always as identity
);

create index lead_scores_lead_idx
  on ${flyway:defaultSchema}.lead_scores (lead_id, scored_at desc, seq desc);

create table ${flyway:defaultSchema}.lead_model_runs (
  org_id     uuid        not null references ${flyway:defaultSchema}.orgs (id),
  version    integer     not null check (version >= 1),
  trained_at timestamptz not null,
  status     text        not null,
  report     jsonb       not null check (jsonb_typeof(report) = 'object'),
  model      jsonb       check (model is null or jsonb_typeof(model) = 'object'),
  primary key (org_id, version),
  check ((model is not null) = (status = 'trained'))
);

alter table ${flyway:defaultSchema}.leads enable row level security;
alter table ${flyway:defaultSchema}.leads force row level security;
create policy leads_of_current_org on ${flyway:defaultSchema}.leads
  using (org_id = ${flyway:defaultSchema}.current_org_id())
  with check (org_id = ${flyway:defaultSchema}.current_org_id());

alter table ${flyway:defaultSchema}.lead_scores enable row level security;
alter table ${flyway:defaultSchema}.lead_scores force row level security;
create policy lead_scores_of_current_org on ${flyway:defaultSchema}.lead_scores
  using (org_id = ${flyway:defaultSchema}.current_org_id())
  with check (org_id = ${flyway:defaultSchema}.current_org_id());

alter table ${flyway:defaultSchema}.lead_model_runs enable row level security;
alter table ${flyway:defaultSchema}.lead_model_runs force row level security;
create policy lead_model_runs_of_current_org on ${flyway:defaultSchema}.lead_model_runs
  using (org_id = ${flyway:defaultSchema}.current_org_id())
  with check (org_id = ${flyway:defaultSchema}.current_org_id());
