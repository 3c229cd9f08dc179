-- V27 adds tasks: a call task of lead 1301 for agent 101, made by step 'call' of enrollment 2301,
-- snoozed once and then done.
insert into ${schema}.tasks (id, org_id, lead_id, assignee_user_id, kind, title, due_at, status,
    snoozed_until, enrollment_id, step_key, overdue_for, created_at, completed_at, updated_at)
values ('00000000-0000-4000-8000-000000002701', '00000000-0000-4000-8000-000000000001',
        '00000000-0000-4000-8000-000000001301', '00000000-0000-4000-8000-000000000101',
        'call', 'Call the lead', '2026-01-09T00:00:00Z', 'done', null,
        '00000000-0000-4000-8000-000000002301', 'call', '2026-01-09T00:00:00Z',
        '2026-01-08T00:00:00Z', '2026-01-09T10:00:00Z', '2026-01-09T10:00:00Z');
