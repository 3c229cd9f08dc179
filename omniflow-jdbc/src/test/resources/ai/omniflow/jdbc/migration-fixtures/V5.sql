insert into ${schema}.inbox_threads (id, org_id, contact_id, channel, account_ref, external_key, status,
    last_inbound_at, last_activity_at, unread_count, created_at, updated_at)
values ('00000000-0000-4000-8000-000000000901', '00000000-0000-4000-8000-000000000001',
        '00000000-0000-4000-8000-000000000601', 'instagram_dm', 'acct_fixture_1', 'conv-1', 'open',
        '2026-01-05T00:00:00Z', '2026-01-05T00:00:00Z', 1, '2026-01-05T00:00:00Z', '2026-01-05T00:00:00Z');
insert into ${schema}.inbox_messages (id, org_id, thread_id, direction, text, provider_message_id, sent_at, created_at)
values ('00000000-0000-4000-8000-000000001001', '00000000-0000-4000-8000-000000000001',
        '00000000-0000-4000-8000-000000000901', 'inbound', 'Is the flat still available?', 'mid-1',
        '2026-01-05T00:00:00Z', '2026-01-05T00:00:00Z');
insert into ${schema}.touchpoints (id, org_id, contact_id, channel, campaign_id, occurred_at, source_message_id, thread_id)
values ('00000000-0000-4000-8000-000000001101', '00000000-0000-4000-8000-000000000001',
        '00000000-0000-4000-8000-000000000601', 'instagram_dm', 'spring-campaign', '2026-01-05T00:00:00Z',
        '00000000-0000-4000-8000-000000001001', '00000000-0000-4000-8000-000000000901');
insert into ${schema}.ingest_receipts (org_id, dedupe_key, contact_id, thread_id, message_id, touchpoint_id, received_at)
values ('00000000-0000-4000-8000-000000000001', 'mock:mid-1', '00000000-0000-4000-8000-000000000601',
        '00000000-0000-4000-8000-000000000901', '00000000-0000-4000-8000-000000001001',
        '00000000-0000-4000-8000-000000001101', '2026-01-05T00:00:00Z');
