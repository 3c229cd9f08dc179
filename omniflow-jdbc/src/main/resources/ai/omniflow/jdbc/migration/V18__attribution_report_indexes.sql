-- Indexes for attribution over large orgs (docs/performance.md, "The report over PostgreSQL").
-- Time to convert finds each won lead's first external touch by its contact: without this index
-- every probe walked the org's whole (org_id, occurred_at) index.
create index external_touchpoints_contact_time_idx
  on ${flyway:defaultSchema}.external_touchpoints (contact_id, occurred_at, seq)
  where contact_id is not null;

-- The funnel counts the threads created in a range.
create index inbox_threads_org_created_idx
  on ${flyway:defaultSchema}.inbox_threads (org_id, created_at);
