-- Speed-to-lead metrics in one pass (issue 13, docs/sla.md "Speed-to-lead metrics", decision 0064):
-- each first response carries its thread's first lead (the oldest, ties by id) as the source and
-- campaign groupings and the win rate read it, so a report is one scan of one org's clocks rather
-- than a lead lookup per thread. The lead store keeps these columns in the lead's transaction: a
-- new lead takes them if it is now the thread's first, a recorded outcome follows, and a first
-- response saved after its thread's lead reads them then. A lead's thread, time, source and
-- campaign never change after it is made. The wall time to the reply is kept in exact
-- microseconds as well, so the report does no numeric arithmetic per row.

alter table ${flyway:defaultSchema}.sla_first_responses
  add column lead_id         uuid references ${flyway:defaultSchema}.leads (id),
  add column lead_created_at timestamptz,
  add column lead_source     text,
  add column lead_campaign   text,
  add column lead_outcome    text check (lead_outcome in ('won', 'lost')),
  add column wall_micros     bigint generated always as
    ((extract(epoch from (responded_at - started_at)) * 1000000)::bigint) stored,
  add constraint sla_first_responses_lead_created_at_finite check (isfinite(lead_created_at)),
  add constraint sla_first_responses_lead check ((lead_id is null) = (lead_created_at is null)),
  add constraint sla_first_responses_lead_only_with_a_lead
    check (lead_id is not null or (lead_source is null and lead_campaign is null
                                   and lead_outcome is null));

-- Backfill: row-level security is forced on the owner too; lift it on the two tables for this one
-- cross-org update, inside this migration's transaction.
alter table ${flyway:defaultSchema}.sla_first_responses no force row level security;
alter table ${flyway:defaultSchema}.leads no force row level security;

update ${flyway:defaultSchema}.sla_first_responses fr
   set lead_id = l.id, lead_created_at = l.created_at, lead_source = l.source_channel,
       lead_campaign = l.campaign_id, lead_outcome = l.outcome
  from (select distinct on (thread_id) id, org_id, thread_id, created_at, source_channel,
               campaign_id, outcome
          from ${flyway:defaultSchema}.leads
         where thread_id is not null
         order by thread_id, created_at, id) l
 where l.thread_id = fr.thread_id and l.org_id = fr.org_id;

alter table ${flyway:defaultSchema}.sla_first_responses force row level security;
alter table ${flyway:defaultSchema}.leads force row level security;
