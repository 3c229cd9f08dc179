-- V35 drops an index of scheduled_tasks that nothing reads; the fixture's executions stay, and one
-- more is scheduled after it.
insert into ${schema}.scheduled_tasks (task_name, task_instance, task_data, execution_time, picked,
    version)
values ('omniflow-sla-step',
        '00000000-0000-4000-8000-000000000001/00000000-0000-4000-8000-000000000901/1767571200000000/2',
        null, '2026-01-05T01:05:00Z', false, 1);
