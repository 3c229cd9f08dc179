insert into ${schema}.connector_accounts (id, org_id, account_ref, provider, external_account_id, display_name,
    scopes, status, status_detail, created_at, updated_at)
values ('00000000-0000-4000-8000-000000000501', '00000000-0000-4000-8000-000000000001', 'acct_fixture_1', 'mock',
        'page-1', 'Fixture page', 'pages_messaging', 'healthy', '', '2026-01-02T00:00:00Z', '2026-01-02T00:00:00Z');
insert into ${schema}.connector_tokens (account_id, org_id, access_token, updated_at)
values ('00000000-0000-4000-8000-000000000501', '00000000-0000-4000-8000-000000000001', '\x00010203', '2026-01-02T00:00:00Z');
insert into ${schema}.oauth_states (state_hash, org_id, user_id, provider, code_verifier, redirect_uri, created_at, expires_at)
values ('fixture-state-hash', '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000101', 'mock',
        'fixture-verifier', 'http://localhost/oauth/callback', '2026-01-02T00:00:00Z', '2026-01-02T00:10:00Z');
