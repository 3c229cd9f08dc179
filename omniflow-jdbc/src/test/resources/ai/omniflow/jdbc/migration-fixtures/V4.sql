insert into ${schema}.contacts (id, org_id, display_name, created_at, updated_at)
values ('00000000-0000-4000-8000-000000000601', '00000000-0000-4000-8000-000000000001', 'Carla Contact',
        '2026-01-04T00:00:00Z', '2026-01-04T00:00:00Z'),
       ('00000000-0000-4000-8000-000000000602', '00000000-0000-4000-8000-000000000001', 'Carla Twin',
        '2026-01-04T00:00:00Z', '2026-01-04T00:00:00Z');
insert into ${schema}.contact_identities (id, org_id, contact_id, kind, handle, normalized_value, first_seen_at, last_seen_at)
values ('00000000-0000-4000-8000-000000000701', '00000000-0000-4000-8000-000000000001',
        '00000000-0000-4000-8000-000000000601', 'phone', '+1 415 555 0100', '+14155550100',
        '2026-01-04T00:00:00Z', '2026-01-04T00:00:00Z');
insert into ${schema}.contact_merges (id, org_id, survivor_id, merged_id, moved_identity_ids, automatic, merged_at)
values ('00000000-0000-4000-8000-000000000801', '00000000-0000-4000-8000-000000000001',
        '00000000-0000-4000-8000-000000000601', '00000000-0000-4000-8000-000000000602', '{}', true,
        '2026-01-04T01:00:00Z');
