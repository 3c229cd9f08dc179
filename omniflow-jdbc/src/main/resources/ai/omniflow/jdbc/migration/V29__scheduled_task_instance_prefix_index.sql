-- A thread's SLA steps are found by their id prefix, <org>/<thread>/ (JdbcSlaClocks), on every
-- inbound and outbound message. The primary key's collation cannot serve a prefix, so each message
-- read every pending step of every thread: with 100,000 threads, 200,000 rows a message. This index,
-- in byte order, serves the range [<org>/<thread>/, <org>/<thread>0) under any database collation.
create index scheduled_tasks_instance_bytes_idx
  on ${flyway:defaultSchema}.scheduled_tasks (task_name, task_instance collate "C");
