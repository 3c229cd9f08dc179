-- Broken on purpose (MigrationRollbackTest): it creates a table, changes a row that earlier
-- migrations made, and then fails. Nothing of it may remain.
create table ${flyway:defaultSchema}.half_done (id integer primary key);
insert into ${flyway:defaultSchema}.half_done values (1);
alter table ${flyway:defaultSchema}.orgs add column half_done_flag boolean;
select 1 / 0;
