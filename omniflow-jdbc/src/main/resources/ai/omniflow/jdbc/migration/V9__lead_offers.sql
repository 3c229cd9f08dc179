-- First-to-claim offers: an unowned lead offered to a routing group until it expires. One per
-- lead; claiming, re-routing or expiry removes it.

create table ${flyway:defaultSchema}.lead_offers (
  lead_id    uuid        primary key references ${flyway:defaultSchema}.leads (id),
  org_id     uuid        not null references ${flyway:defaultSchema}.orgs (id),
  group_key  text        not null check (length(group_key) > 0),
  offered_at timestamptz not null,
  expires_at timestamptz not null,
  check (expires_at > offered_at)
);

create index lead_offers_expiry_idx on ${flyway:defaultSchema}.lead_offers (org_id, expires_at);

alter table ${flyway:defaultSchema}.lead_offers enable row level security;
alter table ${flyway:defaultSchema}.lead_offers force row level security;
create policy lead_offers_of_current_org on ${flyway:defaultSchema}.lead_offers
  using (org_id = ${flyway:defaultSchema}.current_org_id())
  with check (org_id = ${flyway:defaultSchema}.current_org_id());
