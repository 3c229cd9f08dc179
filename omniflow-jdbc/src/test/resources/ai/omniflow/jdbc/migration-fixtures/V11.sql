-- V11 adds send claims to drafts, the issuer of an API key, and lets a consumed OAuth state drop its
-- PKCE verifier: a claimed draft, a key naming its issuer and a consumed state without a verifier.
insert into ${schema}.inbox_drafts (id, org_id, thread_id, text, author_user_id, created_at, status, claimed_at, last_error)
values ('00000000-0000-4000-8000-000000001101', '00000000-0000-4000-8000-000000000001',
        '00000000-0000-4000-8000-000000000901', 'Claimed, not yet sent.',
        '00000000-0000-4000-8000-000000000101', '2026-01-11T00:00:00Z', 'sending', '2026-01-11T00:01:00Z', null);
insert into ${schema}.api_keys (id, org_id, user_id, name, prefix, secret_hash, created_at, issued_by_user_id)
values ('00000000-0000-4000-8000-000000001102', '00000000-0000-4000-8000-000000000001',
        '00000000-0000-4000-8000-000000000101', 'issued key', 'of_iss', 'fixture-hash-11', '2026-01-11T00:00:00Z',
        '00000000-0000-4000-8000-000000000101');
insert into ${schema}.oauth_states (state_hash, org_id, user_id, provider, code_verifier, redirect_uri, created_at, expires_at, consumed_at)
values ('fixture-state-hash-11', '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000101', 'mock',
        null, 'http://localhost/oauth/callback', '2026-01-11T00:00:00Z', '2026-01-11T00:10:00Z', '2026-01-11T00:02:00Z');
