-- V23 adds nurture enrollments and their history: lead 1301 of contact 601, stopped by a reply.
insert into ${schema}.nurture_enrollments (id, org_id, lead_id, contact_id, playbook_key, step,
    status, end_reason, stop_on_reply, next_run_at, last_send_at, created_at, updated_at)
values ('00000000-0000-4000-8000-000000002301', '00000000-0000-4000-8000-000000000001',
        '00000000-0000-4000-8000-000000001301', '00000000-0000-4000-8000-000000000601',
        'gentle-follow-up', 1, 'stopped', 'replied', true, '2026-01-08T00:00:00Z',
        '2026-01-07T00:00:00Z', '2026-01-07T00:00:00Z', '2026-01-08T00:00:00Z');
insert into ${schema}.nurture_enrollment_history (id, org_id, enrollment_id, kind, step_key,
    detail, at)
values ('00000000-0000-4000-8000-000000002311', '00000000-0000-4000-8000-000000000001',
        '00000000-0000-4000-8000-000000002301', 'sent', 'check_in', 'sms',
        '2026-01-07T00:00:00Z');
