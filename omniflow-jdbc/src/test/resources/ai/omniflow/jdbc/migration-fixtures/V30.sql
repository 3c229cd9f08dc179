-- V30 adds the account and error code of a settled delivery: one parked failed delivery of the
-- fixture org's account.
insert into ${schema}.webhook_deliveries (provider, dedupe_key, method, uri, headers, body,
    received_at, status, attempts, next_attempt_at, org_id, event_count, last_error, processed_at,
    account_ref, error_code)
values ('whatsapp', 'sha256:32fixture', 'POST', 'https://host.example/webhooks/whatsapp', '{}',
        convert_to('{"object":"whatsapp_business_account","entry":[]}', 'UTF8'),
        '2026-03-01T00:00:00Z', 'failed', 8, '2026-03-01T01:00:00Z',
        '00000000-0000-4000-8000-000000000001', 1, 'ingest: invalid_phone: bad number',
        '2026-03-01T01:00:00Z', 'ca_fixture000000000000000', 'invalid_phone');
