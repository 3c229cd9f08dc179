-- Issue 14, a playbook step that moves the lead to a stage of the pack: its enrollment's history
-- gets the line 'stage_changed' (the stage it was at and the one it moved to).
alter table ${flyway:defaultSchema}.nurture_enrollment_history
  drop constraint nurture_enrollment_history_kind_check;
alter table ${flyway:defaultSchema}.nurture_enrollment_history
  add constraint nurture_enrollment_history_kind_check
    check (kind in ('started', 'sent', 'send_failed', 'task_created', 'stage_changed', 'waiting',
                    'deferred', 'completed', 'stopped'));
