-- V15 adds the stored webhook deliveries (one pending, one parked failed for the fixture org) and
-- the account directory (the V2 fixture account is backfilled; one more row here).
insert into ${schema}.webhook_deliveries (provider, dedupe_key, method, uri, headers, body,
    received_at, next_attempt_at)
values ('meta', 'sha256:00fixture', 'POST', 'https://host.example/webhooks/meta',
        '{"Content-Type": "application/json"}', convert_to('{"object":"page","entry":[]}', 'UTF8'),
        '2026-01-06T00:00:00Z', '2026-01-06T00:00:00Z');
insert into ${schema}.webhook_deliveries (provider, dedupe_key, method, uri, headers, body,
    received_at, status, attempts, next_attempt_at, org_id, event_count, last_error, processed_at)
values ('twilio', 'sha256:01fixture', 'POST', 'https://host.example/webhooks/twilio', '{}',
        convert_to('MessageSid=SM1', 'UTF8'), '2026-01-06T00:00:00Z', 'failed', 8,
        '2026-01-06T01:00:00Z', '00000000-0000-4000-8000-000000000001', 1,
        'ingest: invalid_sent_at', '2026-01-06T01:00:00Z');
insert into ${schema}.webhook_accounts (provider, external_account_id, org_id, account_ref,
    registered_at)
values ('whatsapp', '106540352242922', '00000000-0000-4000-8000-000000000001', 'ca_fixture',
        '2026-01-06T00:00:00Z');
