-- Issue 9, hostile input and races.
--
-- Send claims: a send claims its draft (status 'sending', claimed_at) and commits before it calls
-- the provider, so concurrent sends of one draft reach the provider once; 'unknown' is a claim
-- that outlived its bound and is left for a person (never sent again blindly).
alter table ${flyway:defaultSchema}.inbox_drafts
  add column status     text not null default 'draft'
    constraint inbox_drafts_status_check check (status in ('draft', 'sending', 'sent', 'unknown')),
  add column claimed_at timestamptz
    constraint inbox_drafts_claimed_at_finite check (isfinite(claimed_at)),
  add column last_error text
    constraint inbox_drafts_last_error_length check (last_error is null or length(last_error) <= 200);

-- Row-level security is forced on the owner too; lift it for this one cross-org backfill.
alter table ${flyway:defaultSchema}.inbox_drafts no force row level security;
update ${flyway:defaultSchema}.inbox_drafts set status = 'sent' where sent_message_id is not null;
alter table ${flyway:defaultSchema}.inbox_drafts force row level security;

alter table ${flyway:defaultSchema}.inbox_drafts
  add constraint inbox_drafts_sent_has_message
    check ((status = 'sent') = (sent_message_id is not null));

create index inbox_drafts_sending_claims_idx
  on ${flyway:defaultSchema}.inbox_drafts (org_id, claimed_at) where status = 'sending';

-- API keys name who issued them (null for keys issued before this column existed).
alter table ${flyway:defaultSchema}.api_keys add column issued_by_user_id uuid;

-- A consumed OAuth state keeps no PKCE verifier; used and expired states are purged.
alter table ${flyway:defaultSchema}.oauth_states alter column code_verifier drop not null;
alter table ${flyway:defaultSchema}.oauth_states
  add constraint oauth_states_verifier_until_consumed
    check (consumed_at is not null or code_verifier is not null);
