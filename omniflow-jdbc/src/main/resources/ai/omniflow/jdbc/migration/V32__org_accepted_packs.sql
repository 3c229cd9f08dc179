-- The pack version each org accepted, kept as the text of its pack file (issue 17, decision 0080),
-- so that the org keeps working on it when the host ships a newer version, until it accepts that
-- one; the offered upgrade's changes are computed against it.
create table ${flyway:defaultSchema}.org_accepted_packs (
  org_id      uuid        primary key references ${flyway:defaultSchema}.orgs (id),
  slug        text        not null check (slug ~ '^[a-z][a-z0-9-]{0,62}$'),
  version     text        not null check (version ~ '^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$'),
  text        text        not null check (char_length(text) <= 1048576),
  accepted_at timestamptz not null,
  constraint org_accepted_packs_accepted_at_finite check (isfinite(accepted_at))
);

alter table ${flyway:defaultSchema}.org_accepted_packs enable row level security;
alter table ${flyway:defaultSchema}.org_accepted_packs force row level security;
create policy org_accepted_packs_of_current_org on ${flyway:defaultSchema}.org_accepted_packs
  using (org_id = ${flyway:defaultSchema}.current_org_id())
  with check (org_id = ${flyway:defaultSchema}.current_org_id());
