-- V26 schedules each pending offer's expiry on db-scheduler (the V9 offer of lead 1301 got its
-- execution from the migration); here, one more as the store writes it, picked by a node.
insert into ${schema}.scheduled_tasks (task_name, task_instance, task_data, execution_time,
    picked, picked_by, last_heartbeat, version)
values ('omniflow-offer-expiry',
        '00000000-0000-4000-8000-000000000001/00000000-0000-4000-8000-000000001302/1767916800000000',
        null, '2026-01-09T00:00:00Z', true, 'node-a', '2026-01-09T00:00:01Z', 2);
