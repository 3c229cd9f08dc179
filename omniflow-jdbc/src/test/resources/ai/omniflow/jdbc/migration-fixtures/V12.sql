-- V12 makes users rows of the org that created them: a user of the fixture org with its membership.
insert into ${schema}.users (id, org_id, email, display_name, created_at)
values ('00000000-0000-4000-8000-000000001201', '00000000-0000-4000-8000-000000000001',
        'owner@fixture.example', 'Olga Owner', '2026-01-12T00:00:00Z');
insert into ${schema}.memberships (org_id, user_id, role, created_at)
values ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000001201', 'owner', '2026-01-12T00:00:00Z');
