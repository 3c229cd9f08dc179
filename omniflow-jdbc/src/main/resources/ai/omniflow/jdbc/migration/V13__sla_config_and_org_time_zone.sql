-- SLA configuration (issue 13, docs/sla.md): the org's own SLA policy when it replaces the pack's
-- default, and its business calendars, each scoped to the org, a routing group or an agent (at most
-- one calendar per scope). Policies and calendar definitions are the JSON of
-- ai.omniflow.sla.SlaJson, validated by core before they are written. Also the org's IANA time zone,
-- null until set (core then derives one from the region, else UTC).

alter table ${flyway:defaultSchema}.orgs
  add column time_zone text check (time_zone is null or length(time_zone) between 1 and 64);

create table ${flyway:defaultSchema}.sla_policies (
  org_id uuid  primary key references ${flyway:defaultSchema}.orgs (id),
  -- {targets[], warning_threshold, business_hours_only, pause_while_waiting, escalation[]}
  policy jsonb not null check (jsonb_typeof(policy) = 'object')
);

create table ${flyway:defaultSchema}.sla_calendars (
  id         uuid   primary key,
  org_id     uuid   not null references ${flyway:defaultSchema}.orgs (id),
  name       text   not null check (length(name) between 1 and 200),
  scope_kind text   not null check (scope_kind in ('org', 'group', 'agent')),
  -- The group's key or the agent's id; empty for the org scope, so that it is unique too.
  scope_ref  text   not null check (length(scope_ref) <= 64),
  -- {zone, weekly[], holidays[], special_days[]}
  definition jsonb  not null check (jsonb_typeof(definition) = 'object'),
  -- Oldest first means first made.
  seq        bigint generated always as identity,
  constraint sla_calendars_scope_ref check ((scope_kind = 'org') = (scope_ref = '')),
  constraint sla_calendars_one_per_scope unique (org_id, scope_kind, scope_ref)
);

create index sla_calendars_org_idx on ${flyway:defaultSchema}.sla_calendars (org_id, seq);

alter table ${flyway:defaultSchema}.sla_policies enable row level security;
alter table ${flyway:defaultSchema}.sla_policies force row level security;
create policy sla_policies_of_current_org on ${flyway:defaultSchema}.sla_policies
  using (org_id = ${flyway:defaultSchema}.current_org_id())
  with check (org_id = ${flyway:defaultSchema}.current_org_id());

alter table ${flyway:defaultSchema}.sla_calendars enable row level security;
alter table ${flyway:defaultSchema}.sla_calendars force row level security;
create policy sla_calendars_of_current_org on ${flyway:defaultSchema}.sla_calendars
  using (org_id = ${flyway:defaultSchema}.current_org_id())
  with check (org_id = ${flyway:defaultSchema}.current_org_id());
