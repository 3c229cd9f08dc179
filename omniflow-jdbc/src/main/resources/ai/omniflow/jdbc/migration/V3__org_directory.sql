-- The org directory: the id of every org and nothing else, so that work run for each org in turn
-- (scheduled connector health checks, later SLA sweeps) can find the orgs without any role that
-- bypasses row-level security. It is the one table whose rows every org may read; its only column
-- besides the id is the creation time. Rows are added by a trigger when an org is created, in the
-- same transaction, under the same org scope (the insert policy checks it).

create table ${flyway:defaultSchema}.org_directory (
  org_id     uuid        primary key references ${flyway:defaultSchema}.orgs (id),
  created_at timestamptz not null
);

alter table ${flyway:defaultSchema}.org_directory enable row level security;
alter table ${flyway:defaultSchema}.org_directory force row level security;
-- Readable whole, by design: org ids only.
create policy org_directory_read_ids on ${flyway:defaultSchema}.org_directory
  for select
  using (true);
create policy org_directory_insert_own on ${flyway:defaultSchema}.org_directory
  for insert
  with check (org_id = ${flyway:defaultSchema}.current_org_id());

create function ${flyway:defaultSchema}.add_org_to_directory() returns trigger
  language plpgsql
  set search_path = pg_catalog
as $$
begin
  execute format('insert into %I.org_directory (org_id, created_at) values ($1, $2)',
                 tg_table_schema)
    using new.id, new.created_at;
  return new;
end;
$$;

create trigger orgs_add_to_directory
  after insert on ${flyway:defaultSchema}.orgs
  for each row execute function ${flyway:defaultSchema}.add_org_to_directory();

-- Backfill the orgs made before this migration. Row-level security binds the owner too (it is
-- forced), and no org is set here, so the owner lifts the force on both tables for this one
-- statement, inside this migration's transaction, and puts it back.
alter table ${flyway:defaultSchema}.orgs no force row level security;
alter table ${flyway:defaultSchema}.org_directory no force row level security;
insert into ${flyway:defaultSchema}.org_directory (org_id, created_at)
  select id, created_at from ${flyway:defaultSchema}.orgs;
alter table ${flyway:defaultSchema}.orgs force row level security;
alter table ${flyway:defaultSchema}.org_directory force row level security;
