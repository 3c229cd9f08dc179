-- Contacts (one person each), their identities (one handle on one channel each) and the records of
-- merges, which keep exactly which identities moved so that a merge can be undone. Plus the org's
-- default phone region, which reads numbers written without a country code.

alter table ${flyway:defaultSchema}.orgs
  add column default_region text not null default 'US'
    constraint orgs_default_region_check check (default_region ~ '^[A-Z]{2}$');

create table ${flyway:defaultSchema}.contacts (
  id             uuid        primary key,
  org_id         uuid        not null references ${flyway:defaultSchema}.orgs (id),
  display_name   text        check (length(display_name) between 1 and 200),
  created_at     timestamptz not null,
  updated_at     timestamptz not null,
  -- Set while the contact is merged into another; the row stays so the merge can be undone.
  merged_into_id uuid        references ${flyway:defaultSchema}.contacts (id),
  -- Breaks ties between contacts made at the same instant: oldest first means first made.
  seq            bigint      generated always as identity,
  constraint contacts_not_merged_into_itself check (merged_into_id is distinct from id)
);

create index contacts_org_oldest_idx
  on ${flyway:defaultSchema}.contacts (org_id, created_at, seq)
  where merged_into_id is null;

create table ${flyway:defaultSchema}.contact_identities (
  id               uuid        primary key,
  org_id           uuid        not null,
  contact_id       uuid        not null references ${flyway:defaultSchema}.contacts (id),
  kind             text        not null
    check (kind in ('messenger_psid', 'instagram_id', 'whatsapp_id', 'phone', 'email')),
  handle           text        not null,
  normalized_value text        not null check (length(normalized_value) > 0),
  first_seen_at    timestamptz not null,
  last_seen_at     timestamptz not null,
  seq              bigint      generated always as identity,
  -- One person per handle in an org: two concurrent resolves of the same new phone cannot both
  -- insert it; the loser gets a unique violation and resolves again.
  constraint contact_identities_value_key unique (org_id, kind, normalized_value)
);

create index contact_identities_contact_idx
  on ${flyway:defaultSchema}.contact_identities (contact_id, first_seen_at, seq);

create table ${flyway:defaultSchema}.contact_merges (
  id                 uuid        primary key,
  org_id             uuid        not null,
  survivor_id        uuid        not null references ${flyway:defaultSchema}.contacts (id),
  merged_id          uuid        not null references ${flyway:defaultSchema}.contacts (id),
  -- Exactly the identities that moved to the survivor, in order: what an unmerge moves back.
  moved_identity_ids uuid[]      not null,
  reason             text,
  automatic          boolean     not null,
  merged_at          timestamptz not null,
  merged_by_user_id  uuid,
  unmerged_at        timestamptz,
  seq                bigint      generated always as identity,
  constraint contact_merges_distinct check (survivor_id <> merged_id)
);

create index contact_merges_survivor_idx
  on ${flyway:defaultSchema}.contact_merges (survivor_id);
create index contact_merges_merged_idx
  on ${flyway:defaultSchema}.contact_merges (merged_id);

alter table ${flyway:defaultSchema}.contacts enable row level security;
alter table ${flyway:defaultSchema}.contacts force row level security;
create policy contacts_of_current_org on ${flyway:defaultSchema}.contacts
  using (org_id = ${flyway:defaultSchema}.current_org_id())
  with check (org_id = ${flyway:defaultSchema}.current_org_id());

alter table ${flyway:defaultSchema}.contact_identities enable row level security;
alter table ${flyway:defaultSchema}.contact_identities force row level security;
create policy contact_identities_of_current_org on ${flyway:defaultSchema}.contact_identities
  using (org_id = ${flyway:defaultSchema}.current_org_id())
  with check (org_id = ${flyway:defaultSchema}.current_org_id());

alter table ${flyway:defaultSchema}.contact_merges enable row level security;
alter table ${flyway:defaultSchema}.contact_merges force row level security;
create policy contact_merges_of_current_org on ${flyway:defaultSchema}.contact_merges
  using (org_id = ${flyway:defaultSchema}.current_org_id())
  with check (org_id = ${flyway:defaultSchema}.current_org_id());
