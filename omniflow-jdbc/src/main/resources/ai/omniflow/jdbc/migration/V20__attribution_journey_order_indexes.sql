-- A report's journeys stream per contact (JdbcJourneys.activity): each of its three queries reads
-- an org's rows in contact, then time order from one of these indexes, so PostgreSQL sorts
-- nothing (the sort of about 228,000 rows was most of the report's time: docs/performance.md,
-- decision 0059). The touchpoint indexes carry the channel and campaign, so a report by channel
-- or campaign is an index-only scan and reads no table pages once the table is vacuumed.
create index touchpoints_org_contact_time_idx
  on ${flyway:defaultSchema}.touchpoints (org_id, contact_id, occurred_at, seq)
  include (channel, campaign_id);

create index external_touchpoints_org_contact_time_idx
  on ${flyway:defaultSchema}.external_touchpoints (org_id, contact_id, occurred_at, seq)
  include (channel, campaign)
  where contact_id is not null;

create index leads_org_contact_created_idx
  on ${flyway:defaultSchema}.leads (org_id, contact_id, created_at);
