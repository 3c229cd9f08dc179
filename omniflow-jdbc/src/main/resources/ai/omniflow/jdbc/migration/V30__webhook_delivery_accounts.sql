-- Issue 16, the connectors page's "last webhook" per account (decision 0074): a settled delivery
-- names the connector account of its first event its org owns (account_ref, known once a worker
-- parsed it, kept when a later attempt learns none) and the stable code of why its last attempt
-- failed (error_code, cleared with last_error on a replay). Both are processing columns: the
-- append-only trigger of V15 guards only the columns as received.
alter table ${flyway:defaultSchema}.webhook_deliveries
  add column account_ref text
    constraint webhook_deliveries_account_ref_shape check (account_ref ~ '^ca_[A-Za-z0-9_-]{22}$'),
  add column error_code  text
    constraint webhook_deliveries_error_code_shape check (error_code ~ '^[a-z][a-z0-9_]{0,63}$');

-- An account's latest delivery is the first entry of its range: one index probe per account,
-- however many deliveries it has.
create index webhook_deliveries_account_idx
  on ${flyway:defaultSchema}.webhook_deliveries (org_id, account_ref, id)
  where account_ref is not null;
