-- A second org made after V3: the trigger lists it in org_directory (the first one V3 backfilled).
select set_config('app.org_id', '00000000-0000-4000-8000-000000000002', true);
insert into ${schema}.orgs (id, name, created_at)
values ('00000000-0000-4000-8000-000000000002', 'Fixture Clinic', '2026-01-03T00:00:00Z');
