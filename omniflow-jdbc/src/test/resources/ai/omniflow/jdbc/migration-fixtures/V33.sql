-- V33 lets an enrollment's history say a step moved the lead's stage: a line of V23's enrollment.
insert into ${schema}.nurture_enrollment_history (id, org_id, enrollment_id, kind, step_key,
    detail, at)
values ('00000000-0000-4000-8000-000000003301', '00000000-0000-4000-8000-000000000001',
        '00000000-0000-4000-8000-000000002301', 'stage_changed', 'check_in',
        'new to contacted', '2026-01-07T00:00:00Z');
