-- V32 keeps the pack version each org accepted: org 1 accepted a small real-estate 1.0.0.
insert into ${schema}.org_accepted_packs (org_id, slug, version, text, accepted_at)
values ('00000000-0000-4000-8000-000000000001', 'real-estate', '1.0.0',
        '{"slug":"real-estate","name":"Real estate","version":"1.0.0"}', '2026-03-01T00:00:00Z');
