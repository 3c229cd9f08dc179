-- V31 adds the orgs' own pack overrides: org 1 renames a stage of real-estate.
insert into ${schema}.org_pack_overrides (org_id, base_slug, patch, revision, updated_at)
values ('00000000-0000-4000-8000-000000000001', 'real-estate',
        'stages:
  - {key: qualified, label: Pre-qualified}
', '00000000-0000-4000-8000-000000000031', '2026-03-01T00:00:00Z');
