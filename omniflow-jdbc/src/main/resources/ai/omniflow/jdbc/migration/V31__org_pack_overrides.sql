-- An org's own override of its vertical pack (issue 17, docs/verticals.md "An org's own override",
-- decision 0080): one patch per org, written for the pack base_slug, checked by core as a whole pack
-- (merged over that pack) before it is written. revision is new on every save, so what a node built
-- from an earlier text is never taken for this one.
create table ${flyway:defaultSchema}.org_pack_overrides (
  org_id     uuid        primary key references ${flyway:defaultSchema}.orgs (id),
  base_slug  text        not null check (base_slug ~ '^[a-z][a-z0-9-]{0,62}$'),
  patch      text        not null check (char_length(patch) <= 65536),
  revision   uuid        not null,
  updated_at timestamptz not null,
  constraint org_pack_overrides_updated_at_finite check (isfinite(updated_at))
);

alter table ${flyway:defaultSchema}.org_pack_overrides enable row level security;
alter table ${flyway:defaultSchema}.org_pack_overrides force row level security;
create policy org_pack_overrides_of_current_org on ${flyway:defaultSchema}.org_pack_overrides
  using (org_id = ${flyway:defaultSchema}.current_org_id())
  with check (org_id = ${flyway:defaultSchema}.current_org_id());
