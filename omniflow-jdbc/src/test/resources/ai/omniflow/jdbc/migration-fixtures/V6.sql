insert into ${schema}.inbox_drafts (id, org_id, thread_id, text, author_user_id, created_at)
values ('00000000-0000-4000-8000-000000001201', '00000000-0000-4000-8000-000000000001',
        '00000000-0000-4000-8000-000000000901', 'Yes, it is. When would you like to see it?',
        '00000000-0000-4000-8000-000000000101', '2026-01-06T00:00:00Z');
insert into ${schema}.contact_opt_outs (org_id, contact_id, opted_out_at)
values ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000602', '2026-01-06T00:00:00Z');
