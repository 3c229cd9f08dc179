-- V17 adds the threads' SLA clocks and db-scheduler's table of executions.
insert into ${schema}.sla_clocks (thread_id, org_id, kind, phase, started_at, running_since,
    window_nanos, used_nanos, wall_time, warn_at, due_at, stopped_at, breached, fired)
values ('00000000-0000-4000-8000-000000000901', '00000000-0000-4000-8000-000000000001',
        'first_response', 'running', '2026-01-05T00:00:00Z', '2026-01-05T00:00:00Z',
        3600000000000, 0, false, '2026-01-05T00:45:00Z', '2026-01-05T01:00:00Z', null, false, 1);
insert into ${schema}.scheduled_tasks (task_name, task_instance, task_data, execution_time, picked,
    version)
values ('omniflow-sla-step',
        '00000000-0000-4000-8000-000000000001/00000000-0000-4000-8000-000000000901/1767571200000000/1',
        null, '2026-01-05T01:00:00Z', false, 1);
