-- V22 keeps each thread's first response for the speed-to-lead metrics; V17's clock of the
-- fixture thread was backfilled into it, and this answered first response is what later versions
-- must carry forward (kept as it is if the backfill already wrote the thread).
insert into ${schema}.sla_first_responses (thread_id, org_id, channel, agent_user_id, started_at,
    due_at, responded_at, counted_nanos, wall_time, breached)
values ('00000000-0000-4000-8000-000000000901', '00000000-0000-4000-8000-000000000001',
        'instagram_dm', null, '2026-01-05T00:00:00Z', '2026-01-05T00:05:00Z',
        '2026-01-05T00:03:00Z', 180000000000, false, false)
on conflict (thread_id) do nothing;
