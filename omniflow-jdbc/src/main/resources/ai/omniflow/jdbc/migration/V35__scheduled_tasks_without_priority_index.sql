-- db-scheduler's table came with an index on (priority desc, execution_time) (V17), which only its
-- priority ordering reads; OmniFlow's schedulers never enable priority, so they poll by
-- execution_time (scheduled_tasks_execution_time_idx). The index was one more entry written for
-- every SLA step, nurture run and task check scheduled, moved or picked (decision 0109).
drop index if exists ${flyway:defaultSchema}.scheduled_tasks_priority_execution_time_idx;
