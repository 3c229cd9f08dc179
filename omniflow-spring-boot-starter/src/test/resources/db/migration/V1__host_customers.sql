-- A host application's own migration, in Flyway's default location (OmniFlowMigrationHostTest).
create table customers (id bigint primary key, name text not null);
