-- OmniFlow's first tables: tenancy (orgs, users, memberships, API keys), the event log and the
-- audit log, with row-level security on every tenant table.
--
-- Everything lives in the schema Flyway runs in (${flyway:defaultSchema}); names are qualified
-- with it so nothing depends on the search_path. The application role's privileges are granted by
-- the afterMigrate callback, so that they are re-applied, idempotently, on every migrate.

-- The org of the current transaction, as set by the store with
-- set_config('app.org_id', <uuid>, true). No org is an error, never an empty result: a query that
-- forgot to scope itself fails loudly instead of silently seeing nothing.
create function ${flyway:defaultSchema}.current_org_id() returns uuid
  language plpgsql
  stable
  parallel safe
  set search_path = pg_catalog
as $$
declare
  setting text := current_setting('app.org_id', true);
begin
  if setting is null or setting = '' then
    raise exception 'no org is set for this transaction: run select set_config(''app.org_id'', <org uuid>, true) first'
      using errcode = 'insufficient_privilege',
            hint = 'OmniFlow scopes every transaction to one org; a missing org is an error, not an empty result.';
  end if;
  return setting::uuid;
end;
$$;

comment on function ${flyway:defaultSchema}.current_org_id() is
  'The org of the current transaction (app.org_id); raises when none is set.';

-- Refuses UPDATE, DELETE and TRUNCATE on an append-only log, whoever runs them (the owner too).
create function ${flyway:defaultSchema}.refuse_change_to_append_only_log() returns trigger
  language plpgsql
  set search_path = pg_catalog
as $$
begin
  raise exception '% is append-only: % is refused', tg_table_name, tg_op
    using errcode = 'insufficient_privilege',
          hint = 'Events and audit entries are never changed or removed.';
end;
$$;

create table ${flyway:defaultSchema}.orgs (
  id           uuid        primary key,
  name         text        not null check (length(name) between 1 and 200),
  pack_slug    text,
  pack_version text,
  created_at   timestamptz not null
);

create table ${flyway:defaultSchema}.users (
  id           uuid        primary key,
  email        text        not null constraint users_email_key unique,
  display_name text        not null,
  created_at   timestamptz not null
);

create table ${flyway:defaultSchema}.memberships (
  org_id     uuid        not null references ${flyway:defaultSchema}.orgs (id),
  user_id    uuid        not null references ${flyway:defaultSchema}.users (id),
  role       text        not null check (role in ('owner', 'admin', 'manager', 'agent', 'viewer')),
  created_at timestamptz not null,
  -- Breaks ties between memberships made at the same instant: oldest first means first made.
  seq        bigint      generated always as identity,
  primary key (org_id, user_id)
);

create index memberships_user_id_idx on ${flyway:defaultSchema}.memberships (user_id);
create index memberships_org_created_idx
  on ${flyway:defaultSchema}.memberships (org_id, created_at, seq);

create table ${flyway:defaultSchema}.api_keys (
  id          uuid        primary key,
  org_id      uuid        not null,
  user_id     uuid        not null,
  name        text        not null,
  prefix      text        not null,
  secret_hash text        not null constraint api_keys_secret_hash_key unique,
  created_at  timestamptz not null,
  revoked_at  timestamptz,
  -- Breaks ties between keys issued at the same instant: newest first means last issued first.
  seq         bigint      generated always as identity
);

create index api_keys_org_newest_idx
  on ${flyway:defaultSchema}.api_keys (org_id, created_at desc, seq desc);

create table ${flyway:defaultSchema}.events (
  seq           bigint      generated always as identity primary key,
  id            uuid        not null constraint events_id_key unique,
  org_id        uuid        not null,
  type          text        not null,
  subject_type  text        not null,
  subject_id    text        not null,
  payload       jsonb       not null,
  occurred_at   timestamptz not null,
  actor_user_id uuid,
  actor_role    text        not null
    check (actor_role in ('owner', 'admin', 'manager', 'agent', 'viewer'))
);

create index events_org_newest_idx
  on ${flyway:defaultSchema}.events (org_id, occurred_at desc, seq desc);

create table ${flyway:defaultSchema}.audit_log (
  seq           bigint      generated always as identity primary key,
  id            uuid        not null constraint audit_log_id_key unique,
  org_id        uuid        not null,
  actor_user_id uuid,
  actor_role    text        not null
    check (actor_role in ('owner', 'admin', 'manager', 'agent', 'viewer')),
  action        text        not null,
  entity_type   text        not null,
  entity_id     text        not null,
  before        jsonb,
  after         jsonb,
  request_id    text,
  occurred_at   timestamptz not null
);

create index audit_log_org_newest_idx
  on ${flyway:defaultSchema}.audit_log (org_id, occurred_at desc, seq desc);

-- Append-only logs: statement-level, so even an UPDATE or DELETE that matches no row is refused.
create trigger events_append_only
  before update or delete or truncate on ${flyway:defaultSchema}.events
  for each statement execute function ${flyway:defaultSchema}.refuse_change_to_append_only_log();

create trigger audit_log_append_only
  before update or delete or truncate on ${flyway:defaultSchema}.audit_log
  for each statement execute function ${flyway:defaultSchema}.refuse_change_to_append_only_log();

-- Row-level security: enabled and forced (so the owner is bound too) on every tenant table.
alter table ${flyway:defaultSchema}.orgs enable row level security;
alter table ${flyway:defaultSchema}.orgs force row level security;
create policy orgs_of_current_org on ${flyway:defaultSchema}.orgs
  using (id = ${flyway:defaultSchema}.current_org_id())
  with check (id = ${flyway:defaultSchema}.current_org_id());

-- A user is seen and changed only through a membership in the current org; anyone may create one
-- (the membership that makes them visible comes next, in the same transaction).
alter table ${flyway:defaultSchema}.users enable row level security;
alter table ${flyway:defaultSchema}.users force row level security;
create policy users_select_members on ${flyway:defaultSchema}.users
  for select
  using (exists (select 1
                   from ${flyway:defaultSchema}.memberships m
                  where m.user_id = users.id
                    and m.org_id = ${flyway:defaultSchema}.current_org_id()));
create policy users_update_members on ${flyway:defaultSchema}.users
  for update
  using (exists (select 1
                   from ${flyway:defaultSchema}.memberships m
                  where m.user_id = users.id
                    and m.org_id = ${flyway:defaultSchema}.current_org_id()));
create policy users_insert_any on ${flyway:defaultSchema}.users
  for insert
  with check (true);

alter table ${flyway:defaultSchema}.memberships enable row level security;
alter table ${flyway:defaultSchema}.memberships force row level security;
create policy memberships_of_current_org on ${flyway:defaultSchema}.memberships
  using (org_id = ${flyway:defaultSchema}.current_org_id())
  with check (org_id = ${flyway:defaultSchema}.current_org_id());

alter table ${flyway:defaultSchema}.api_keys enable row level security;
alter table ${flyway:defaultSchema}.api_keys force row level security;
create policy api_keys_of_current_org on ${flyway:defaultSchema}.api_keys
  using (org_id = ${flyway:defaultSchema}.current_org_id())
  with check (org_id = ${flyway:defaultSchema}.current_org_id());

alter table ${flyway:defaultSchema}.events enable row level security;
alter table ${flyway:defaultSchema}.events force row level security;
create policy events_of_current_org on ${flyway:defaultSchema}.events
  using (org_id = ${flyway:defaultSchema}.current_org_id())
  with check (org_id = ${flyway:defaultSchema}.current_org_id());

alter table ${flyway:defaultSchema}.audit_log enable row level security;
alter table ${flyway:defaultSchema}.audit_log force row level security;
create policy audit_log_of_current_org on ${flyway:defaultSchema}.audit_log
  using (org_id = ${flyway:defaultSchema}.current_org_id())
  with check (org_id = ${flyway:defaultSchema}.current_org_id());
