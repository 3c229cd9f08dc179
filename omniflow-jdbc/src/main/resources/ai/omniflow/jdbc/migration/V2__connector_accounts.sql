-- Connector accounts (an org's connected page, number or inbox), their sealed tokens, and pending
-- OAuth authorizations. Tokens are Tink AEAD ciphertexts (bytea); nothing here is plaintext.

create table ${flyway:defaultSchema}.connector_accounts (
  id                  uuid        primary key,
  org_id              uuid        not null references ${flyway:defaultSchema}.orgs (id),
  account_ref         text        not null constraint connector_accounts_ref_key unique,
  provider            text        not null,
  external_account_id text        not null,
  display_name        text        not null,
  -- OAuth scopes, space-separated as OAuth itself writes them (RFC 6749 §3.3).
  scopes              text        not null,
  status              text        not null
    check (status in ('healthy', 'degraded', 'needs_reauth', 'disconnected')),
  status_detail       text        not null,
  last_checked_at     timestamptz,
  token_expires_at    timestamptz,
  created_at          timestamptz not null,
  updated_at          timestamptz not null,
  seq                 bigint      generated always as identity,
  constraint connector_accounts_external_key unique (org_id, provider, external_account_id)
);

create index connector_accounts_org_oldest_idx
  on ${flyway:defaultSchema}.connector_accounts (org_id, created_at, seq);

create table ${flyway:defaultSchema}.connector_tokens (
  account_id    uuid        primary key
    references ${flyway:defaultSchema}.connector_accounts (id),
  org_id        uuid        not null,
  access_token  bytea       not null,
  refresh_token bytea,
  updated_at    timestamptz not null
);

create index connector_tokens_org_idx on ${flyway:defaultSchema}.connector_tokens (org_id);

create table ${flyway:defaultSchema}.oauth_states (
  -- SHA-256 of the state parameter: a leaked row cannot be replayed as a callback.
  state_hash    text        primary key,
  org_id        uuid        not null,
  user_id       uuid        not null,
  provider      text        not null,
  code_verifier text        not null,
  redirect_uri  text        not null,
  created_at    timestamptz not null,
  expires_at    timestamptz not null,
  consumed_at   timestamptz
);

create index oauth_states_org_expiry_idx
  on ${flyway:defaultSchema}.oauth_states (org_id, expires_at);

alter table ${flyway:defaultSchema}.connector_accounts enable row level security;
alter table ${flyway:defaultSchema}.connector_accounts force row level security;
create policy connector_accounts_of_current_org on ${flyway:defaultSchema}.connector_accounts
  using (org_id = ${flyway:defaultSchema}.current_org_id())
  with check (org_id = ${flyway:defaultSchema}.current_org_id());

alter table ${flyway:defaultSchema}.connector_tokens enable row level security;
alter table ${flyway:defaultSchema}.connector_tokens force row level security;
create policy connector_tokens_of_current_org on ${flyway:defaultSchema}.connector_tokens
  using (org_id = ${flyway:defaultSchema}.current_org_id())
  with check (org_id = ${flyway:defaultSchema}.current_org_id());

alter table ${flyway:defaultSchema}.oauth_states enable row level security;
alter table ${flyway:defaultSchema}.oauth_states force row level security;
create policy oauth_states_of_current_org on ${flyway:defaultSchema}.oauth_states
  using (org_id = ${flyway:defaultSchema}.current_org_id())
  with check (org_id = ${flyway:defaultSchema}.current_org_id());
