-- V10 only adds CHECK (isfinite(...)) constraints: every earlier fixture row must satisfy them
-- (the forward test proves it by migrating over them), and a new row with finite times goes in.
insert into ${schema}.events (id, org_id, type, subject_type, subject_id, payload, occurred_at, actor_role)
values ('00000000-0000-4000-8000-000000001001', '00000000-0000-4000-8000-000000000001', 'org.renamed',
        'org', '00000000-0000-4000-8000-000000000001', '{"name": "Fixture Realty II"}', '2026-01-10T00:00:00Z', 'owner');
