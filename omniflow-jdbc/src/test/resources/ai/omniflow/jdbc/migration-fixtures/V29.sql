-- V29 adds only an index over scheduled_tasks; a second step of the fixture thread shows a row
-- it covers.
insert into ${schema}.scheduled_tasks (task_name, task_instance, task_data, execution_time, picked,
    version)
values ('omniflow-sla-step',
        '00000000-0000-4000-8000-000000000001/00000000-0000-4000-8000-000000000901/1767571200000000/0',
        null, '2026-01-05T00:45:00Z', false, 1);
