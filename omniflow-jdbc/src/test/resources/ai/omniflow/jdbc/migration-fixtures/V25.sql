-- V25 keeps each first response's thread's first lead (V7's lead of the fixture thread was
-- backfilled into it) and the wall time to the reply; this closes that lead as won and carries the
-- outcome onto the first response, as the lead store does, for later versions to keep.
update ${schema}.leads set outcome = 'won', amount = 450000.00, currency = 'USD',
    closed_at = '2026-01-25T00:00:00Z', stage = 'won', updated_at = '2026-01-25T00:00:00Z'
 where id = '00000000-0000-4000-8000-000000001301';
update ${schema}.sla_first_responses set lead_outcome = 'won'
 where thread_id = '00000000-0000-4000-8000-000000000901'
   and lead_id = '00000000-0000-4000-8000-000000001301';
do $$
begin
  if not exists (select 1 from ${schema}.sla_first_responses
                  where thread_id = '00000000-0000-4000-8000-000000000901'
                    and lead_id = '00000000-0000-4000-8000-000000001301'
                    and lead_campaign = 'spring-campaign' and lead_outcome = 'won'
                    and (wall_micros is null) = (responded_at is null)) then
    raise exception 'V25 did not backfill the fixture thread''s first lead';
  end if;
end $$;
