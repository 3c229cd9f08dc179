-- Routing: the org's agents (with their availability), routing groups, the org's own routing
-- configuration when it replaces the pack's, per-group assignment counters (what round robin
-- balances) and one lock row per org, taken with SELECT ... FOR UPDATE by every routing
-- transaction so that two nodes routing for one org run one after the other (docs/routing.md,
-- docs/decisions/0015-routing-engine.md).

create table ${flyway:defaultSchema}.routing_agents (
  id           uuid    primary key,
  org_id       uuid    not null references ${flyway:defaultSchema}.orgs (id),
  user_id      uuid,
  name         text    not null check (length(name) between 1 and 200),
  active       boolean not null,
  weight       integer not null check (weight between 1 and 1000),
  capacity     integer not null check (capacity >= 0),
  languages    text[]  not null,
  -- {time_zone, shifts[], out_of_office[], paused}: ai.omniflow.routing.RoutingJson's form.
  availability jsonb   not null,
  -- Oldest first means first made.
  seq          bigint  generated always as identity
);

create index routing_agents_org_idx on ${flyway:defaultSchema}.routing_agents (org_id, seq);

create table ${flyway:defaultSchema}.routing_groups (
  org_id        uuid   not null references ${flyway:defaultSchema}.orgs (id),
  key           text   not null check (key ~ '^[a-z][a-z0-9_-]{0,62}$'),
  name          text   not null check (length(name) between 1 and 200),
  policy        text   not null
    check (policy in ('round_robin', 'weighted', 'least_loaded', 'first_to_claim')),
  -- In order: round robin breaks ties by it.
  member_ids    uuid[] not null,
  -- An ISO-8601 duration, e.g. PT5M.
  offer_timeout text   not null,
  fallback_key  text,
  seq           bigint generated always as identity,
  primary key (org_id, key),
  constraint routing_groups_not_own_fallback check (fallback_key is distinct from key)
);

create table ${flyway:defaultSchema}.routing_configs (
  org_id uuid  primary key references ${flyway:defaultSchema}.orgs (id),
  -- {sticky, default_group, last_resort, account_owner, rules[]}: RoutingJson's form.
  config jsonb not null
);

create table ${flyway:defaultSchema}.routing_counters (
  org_id    uuid   not null references ${flyway:defaultSchema}.orgs (id),
  group_key text   not null,
  agent_id  uuid   not null,
  assigned  bigint not null check (assigned >= 0),
  primary key (org_id, group_key, agent_id)
);

-- One row per org, made on first use; routing locks it for the rest of its transaction.
create table ${flyway:defaultSchema}.routing_state (
  org_id uuid primary key references ${flyway:defaultSchema}.orgs (id)
);

alter table ${flyway:defaultSchema}.routing_agents enable row level security;
alter table ${flyway:defaultSchema}.routing_agents force row level security;
create policy routing_agents_of_current_org on ${flyway:defaultSchema}.routing_agents
  using (org_id = ${flyway:defaultSchema}.current_org_id())
  with check (org_id = ${flyway:defaultSchema}.current_org_id());

alter table ${flyway:defaultSchema}.routing_groups enable row level security;
alter table ${flyway:defaultSchema}.routing_groups force row level security;
create policy routing_groups_of_current_org on ${flyway:defaultSchema}.routing_groups
  using (org_id = ${flyway:defaultSchema}.current_org_id())
  with check (org_id = ${flyway:defaultSchema}.current_org_id());

alter table ${flyway:defaultSchema}.routing_configs enable row level security;
alter table ${flyway:defaultSchema}.routing_configs force row level security;
create policy routing_configs_of_current_org on ${flyway:defaultSchema}.routing_configs
  using (org_id = ${flyway:defaultSchema}.current_org_id())
  with check (org_id = ${flyway:defaultSchema}.current_org_id());

alter table ${flyway:defaultSchema}.routing_counters enable row level security;
alter table ${flyway:defaultSchema}.routing_counters force row level security;
create policy routing_counters_of_current_org on ${flyway:defaultSchema}.routing_counters
  using (org_id = ${flyway:defaultSchema}.current_org_id())
  with check (org_id = ${flyway:defaultSchema}.current_org_id());

alter table ${flyway:defaultSchema}.routing_state enable row level security;
alter table ${flyway:defaultSchema}.routing_state force row level security;
create policy routing_state_of_current_org on ${flyway:defaultSchema}.routing_state
  using (org_id = ${flyway:defaultSchema}.current_org_id())
  with check (org_id = ${flyway:defaultSchema}.current_org_id());
