-- Offer expiry runs on db-scheduler (decision 0065): saving an offer now schedules its expiry as an
-- execution of task omniflow-offer-expiry, instance <org>/<lead>/<expiry in epoch microseconds>,
-- in the offer's transaction. Give the offers made before this version theirs. Row-level security
-- is forced on the owner too; lift it on lead_offers for this one cross-org read.
alter table ${flyway:defaultSchema}.lead_offers no force row level security;

insert into ${flyway:defaultSchema}.scheduled_tasks
  (task_name, task_instance, task_data, execution_time, picked, version)
select 'omniflow-offer-expiry',
       o.org_id::text || '/' || o.lead_id::text || '/'
         || (extract(epoch from o.expires_at) * 1000000)::bigint::text,
       null, o.expires_at, false, 1
from ${flyway:defaultSchema}.lead_offers o
on conflict (task_name, task_instance) do nothing;

alter table ${flyway:defaultSchema}.lead_offers force row level security;
