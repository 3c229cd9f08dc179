-- Issue 12, the webhook path (decision 0044): a delivery is verified, stored here and committed
-- before the platform gets its 200; workers process it afterwards.
--
-- webhook_deliveries holds every delivery as it arrived. It belongs to no org when it arrives (the
-- org is known only once a worker has parsed it), so, like org_directory, its policy lets every
-- org scope read and write it: the repository filters by org where it shows deliveries to one.
-- The received columns never change and no row is deleted (a trigger refuses both); only the
-- processing columns move. A claim is a lease: claim_id and claimed_until, taken with
-- FOR UPDATE SKIP LOCKED, so a crashed worker's deliveries are claimed again when it ends.
create table ${flyway:defaultSchema}.webhook_deliveries (
  id              bigint      generated always as identity primary key,
  provider        text        not null check (provider ~ '^[a-z][a-z0-9-]{0,31}$'),
  dedupe_key      text        not null check (dedupe_key ~ '^[A-Za-z0-9:._-]{1,128}$'),
  method          text        not null check (method ~ '^[A-Z]{1,10}$'),
  uri             text        not null check (length(uri) between 1 and 2048),
  headers         jsonb       not null check (jsonb_typeof(headers) = 'object'),
  body            bytea       not null check (octet_length(body) <= 3145728),
  received_at     timestamptz not null
    constraint webhook_deliveries_received_at_finite check (isfinite(received_at)),
  status          text        not null default 'pending'
    check (status in ('pending', 'done', 'dropped', 'failed')),
  attempts        integer     not null default 0 check (attempts >= 0),
  next_attempt_at timestamptz not null
    constraint webhook_deliveries_next_attempt_at_finite check (isfinite(next_attempt_at)),
  claim_id        uuid,
  claimed_until   timestamptz
    constraint webhook_deliveries_claimed_until_finite check (isfinite(claimed_until)),
  org_id          uuid        references ${flyway:defaultSchema}.orgs (id),
  event_count     integer     not null default 0 check (event_count >= 0),
  last_error      text        check (length(last_error) <= 500),
  processed_at    timestamptz
    constraint webhook_deliveries_processed_at_finite check (isfinite(processed_at)),
  constraint webhook_deliveries_dedupe_key unique (provider, dedupe_key),
  check ((claim_id is null) = (claimed_until is null))
);

-- Workers look for due pending deliveries; admins list an org's by status.
create index webhook_deliveries_due_idx
  on ${flyway:defaultSchema}.webhook_deliveries (next_attempt_at, id) where status = 'pending';
create index webhook_deliveries_org_idx
  on ${flyway:defaultSchema}.webhook_deliveries (org_id, status, id) where org_id is not null;

create function ${flyway:defaultSchema}.refuse_change_to_received_delivery() returns trigger
  language plpgsql
  set search_path = pg_catalog
as $$
begin
  if tg_op = 'DELETE' then
    raise exception 'webhook deliveries are append-only: DELETE is refused'
      using errcode = 'insufficient_privilege';
  end if;
  if new.provider is distinct from old.provider or new.dedupe_key is distinct from old.dedupe_key
     or new.method is distinct from old.method or new.uri is distinct from old.uri
     or new.headers is distinct from old.headers or new.body is distinct from old.body
     or new.received_at is distinct from old.received_at then
    raise exception 'a webhook delivery as received never changes'
      using errcode = 'insufficient_privilege';
  end if;
  return new;
end;
$$;

create trigger webhook_deliveries_append_only
  before update or delete on ${flyway:defaultSchema}.webhook_deliveries
  for each row execute function ${flyway:defaultSchema}.refuse_change_to_received_delivery();

alter table ${flyway:defaultSchema}.webhook_deliveries enable row level security;
alter table ${flyway:defaultSchema}.webhook_deliveries force row level security;
-- Across tenants by design (see above).
create policy webhook_deliveries_across_orgs on ${flyway:defaultSchema}.webhook_deliveries
  using (true)
  with check (true);

-- The platform accounts orgs have connected, to find a delivery's org from the platform's own ids
-- (page id, Instagram account id, WhatsApp phone_number_id, Twilio number). Readable whole, like
-- org_directory: provider ids, org ids and account refs only. Rows come from a trigger on
-- connector_accounts, in the connecting org's transaction and scope; the first org to connect an
-- account keeps it.
create table ${flyway:defaultSchema}.webhook_accounts (
  provider            text        not null,
  external_account_id text        not null,
  org_id              uuid        not null references ${flyway:defaultSchema}.orgs (id),
  account_ref         text        not null,
  registered_at       timestamptz not null
    constraint webhook_accounts_registered_at_finite check (isfinite(registered_at)),
  primary key (provider, external_account_id)
);

alter table ${flyway:defaultSchema}.webhook_accounts enable row level security;
alter table ${flyway:defaultSchema}.webhook_accounts force row level security;
create policy webhook_accounts_read_all on ${flyway:defaultSchema}.webhook_accounts
  for select
  using (true);
create policy webhook_accounts_insert_own on ${flyway:defaultSchema}.webhook_accounts
  for insert
  with check (org_id = ${flyway:defaultSchema}.current_org_id());

create function ${flyway:defaultSchema}.add_webhook_account() returns trigger
  language plpgsql
  set search_path = pg_catalog
as $$
begin
  execute format('insert into %I.webhook_accounts (provider, external_account_id, org_id, '
                 'account_ref, registered_at) values ($1, $2, $3, $4, $5) '
                 'on conflict (provider, external_account_id) do nothing', tg_table_schema)
    using new.provider, new.external_account_id, new.org_id, new.account_ref, new.created_at;
  return new;
end;
$$;

create trigger connector_accounts_add_webhook_account
  after insert on ${flyway:defaultSchema}.connector_accounts
  for each row execute function ${flyway:defaultSchema}.add_webhook_account();

-- Backfill the accounts connected before this migration, the earliest first. As in V3, the owner
-- lifts the force on both tables for this one statement, inside this migration's transaction.
alter table ${flyway:defaultSchema}.connector_accounts no force row level security;
alter table ${flyway:defaultSchema}.webhook_accounts no force row level security;
insert into ${flyway:defaultSchema}.webhook_accounts
    (provider, external_account_id, org_id, account_ref, registered_at)
  select distinct on (provider, external_account_id)
         provider, external_account_id, org_id, account_ref, created_at
    from ${flyway:defaultSchema}.connector_accounts
   order by provider, external_account_id, created_at, id;
alter table ${flyway:defaultSchema}.connector_accounts force row level security;
alter table ${flyway:defaultSchema}.webhook_accounts force row level security;
