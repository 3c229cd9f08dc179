insert into ${schema}.orgs (id, name, pack_slug, pack_version, created_at)
values ('00000000-0000-4000-8000-000000000001', 'Fixture Realty', 'real-estate', '1', '2026-01-01T00:00:00Z');
insert into ${schema}.users (id, email, display_name, created_at)
values ('00000000-0000-4000-8000-000000000101', 'agent@fixture.example', 'Ana Agent', '2026-01-01T00:00:00Z');
insert into ${schema}.memberships (org_id, user_id, role, created_at)
values ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000101', 'agent', '2026-01-01T00:00:00Z');
insert into ${schema}.api_keys (id, org_id, user_id, name, prefix, secret_hash, created_at)
values ('00000000-0000-4000-8000-000000000201', '00000000-0000-4000-8000-000000000001',
        '00000000-0000-4000-8000-000000000101', 'fixture key', 'of_fix', 'fixture-hash-1', '2026-01-01T00:00:00Z');
insert into ${schema}.events (id, org_id, type, subject_type, subject_id, payload, occurred_at, actor_role)
values ('00000000-0000-4000-8000-000000000301', '00000000-0000-4000-8000-000000000001', 'org.created',
        'org', '00000000-0000-4000-8000-000000000001', '{"name": "Fixture Realty"}', '2026-01-01T00:00:00Z', 'owner');
insert into ${schema}.audit_log (id, org_id, actor_role, action, entity_type, entity_id, after, occurred_at)
values ('00000000-0000-4000-8000-000000000401', '00000000-0000-4000-8000-000000000001', 'owner', 'create',
        'org', '00000000-0000-4000-8000-000000000001', '{"name": "Fixture Realty"}', '2026-01-01T00:00:00Z');
