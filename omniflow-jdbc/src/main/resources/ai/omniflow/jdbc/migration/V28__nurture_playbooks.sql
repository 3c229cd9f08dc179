-- An org's own nurture playbooks (issue 14, docs/nurture.md, decision 0067): each overrides the
-- pack's playbook with the same key, or adds one. The definition is the JSON of
-- ai.omniflow.nurture.PlaybookJson, checked by core against the org's pack before it is written.
create table ${flyway:defaultSchema}.nurture_playbooks (
  org_id       uuid        not null references ${flyway:defaultSchema}.orgs (id),
  playbook_key text        not null check (playbook_key ~ '^[a-z][a-z0-9-]{0,62}$'),
  -- {key, name, description, stop_on_reply, fits, steps[]}
  definition   jsonb       not null check (jsonb_typeof(definition) = 'object'),
  created_at   timestamptz not null,
  updated_at   timestamptz not null,
  constraint nurture_playbooks_created_at_finite check (isfinite(created_at)),
  constraint nurture_playbooks_updated_at_finite check (isfinite(updated_at)),
  primary key (org_id, playbook_key)
);

-- Editing a playbook asks whether an enrollment in it is active.
create index nurture_enrollments_active_playbook_idx
  on ${flyway:defaultSchema}.nurture_enrollments (org_id, playbook_key) where status = 'active';

alter table ${flyway:defaultSchema}.nurture_playbooks enable row level security;
alter table ${flyway:defaultSchema}.nurture_playbooks force row level security;
create policy nurture_playbooks_of_current_org on ${flyway:defaultSchema}.nurture_playbooks
  using (org_id = ${flyway:defaultSchema}.current_org_id())
  with check (org_id = ${flyway:defaultSchema}.current_org_id());
