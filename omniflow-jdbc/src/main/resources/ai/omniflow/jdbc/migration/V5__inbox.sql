-- The unified inbox: threads (one conversation with one contact on one channel account, or one
-- person's comment thread on a post), their messages, the touchpoints attribution credits, and the
-- receipts of ingested events that make a platform's redelivery a no-op.

create table ${flyway:defaultSchema}.inbox_threads (
  id               uuid        primary key,
  org_id           uuid        not null references ${flyway:defaultSchema}.orgs (id),
  contact_id       uuid        not null references ${flyway:defaultSchema}.contacts (id),
  channel          text        not null
    check (channel in ('instagram_dm', 'instagram_comment', 'facebook_dm', 'facebook_comment',
                       'lead_form', 'whatsapp', 'sms', 'email')),
  -- Null for the mock endpoint, which has no connector account.
  account_ref      text,
  external_key     text        not null check (length(external_key) > 0),
  status           text        not null check (status in ('open', 'pending', 'closed')),
  assignee_user_id uuid        references ${flyway:defaultSchema}.users (id),
  last_inbound_at  timestamptz,
  last_outbound_at timestamptz,
  last_activity_at timestamptz not null,
  unread_count     integer     not null check (unread_count >= 0),
  created_at       timestamptz not null,
  updated_at       timestamptz not null,
  seq              bigint      generated always as identity
);

-- One thread per conversation: two concurrent ingests opening the same thread cannot both insert
-- it; the loser gets a unique violation and ingests again, finding the winner's.
create unique index inbox_threads_key
  on ${flyway:defaultSchema}.inbox_threads
  (org_id, channel, coalesce(account_ref, ''), external_key);

-- The inbox lists threads by latest activity.
create index inbox_threads_activity_idx
  on ${flyway:defaultSchema}.inbox_threads (org_id, last_activity_at desc, seq desc);
create index inbox_threads_contact_idx
  on ${flyway:defaultSchema}.inbox_threads (contact_id);
create index inbox_threads_assignee_idx
  on ${flyway:defaultSchema}.inbox_threads (org_id, assignee_user_id, last_activity_at desc);

create table ${flyway:defaultSchema}.inbox_messages (
  id                  uuid        primary key,
  org_id              uuid        not null,
  thread_id           uuid        not null references ${flyway:defaultSchema}.inbox_threads (id),
  direction           text        not null check (direction in ('inbound', 'outbound')),
  text                text        not null check (length(text) <= 20000),
  -- Metadata only (kind, url, name), never the bytes.
  attachments         jsonb       not null default '[]'::jsonb
    check (jsonb_typeof(attachments) = 'array'),
  provider_message_id text,
  delivery_status     text        check (delivery_status in ('sent', 'delivered', 'read', 'failed')),
  failure_reason      text,
  author_user_id      uuid,
  sent_at             timestamptz not null,
  created_at          timestamptz not null,
  seq                 bigint      generated always as identity
);

create index inbox_messages_thread_idx
  on ${flyway:defaultSchema}.inbox_messages (thread_id, sent_at, seq);
-- Delivery updates find our outbound message by the id the platform gave it.
create index inbox_messages_outbound_idx
  on ${flyway:defaultSchema}.inbox_messages (org_id, provider_message_id)
  where direction = 'outbound';

create table ${flyway:defaultSchema}.touchpoints (
  id                uuid        primary key,
  org_id            uuid        not null,
  contact_id        uuid        not null references ${flyway:defaultSchema}.contacts (id),
  channel           text        not null
    check (channel in ('instagram_dm', 'instagram_comment', 'facebook_dm', 'facebook_comment',
                       'lead_form', 'whatsapp', 'sms', 'email')),
  campaign_id       text,
  ad_id             text,
  post_id           text,
  occurred_at       timestamptz not null,
  source_message_id uuid        references ${flyway:defaultSchema}.inbox_messages (id),
  thread_id         uuid        references ${flyway:defaultSchema}.inbox_threads (id),
  seq               bigint      generated always as identity
);

create index touchpoints_contact_idx
  on ${flyway:defaultSchema}.touchpoints (contact_id, occurred_at, seq);

-- One row per ingested event: the first result, returned again for a redelivery.
create table ${flyway:defaultSchema}.ingest_receipts (
  org_id        uuid        not null references ${flyway:defaultSchema}.orgs (id),
  dedupe_key    text        not null check (length(dedupe_key) > 0),
  contact_id    uuid,
  thread_id     uuid,
  message_id    uuid,
  touchpoint_id uuid,
  received_at   timestamptz not null,
  constraint ingest_receipts_pkey primary key (org_id, dedupe_key)
);

alter table ${flyway:defaultSchema}.inbox_threads enable row level security;
alter table ${flyway:defaultSchema}.inbox_threads force row level security;
create policy inbox_threads_of_current_org on ${flyway:defaultSchema}.inbox_threads
  using (org_id = ${flyway:defaultSchema}.current_org_id())
  with check (org_id = ${flyway:defaultSchema}.current_org_id());

alter table ${flyway:defaultSchema}.inbox_messages enable row level security;
alter table ${flyway:defaultSchema}.inbox_messages force row level security;
create policy inbox_messages_of_current_org on ${flyway:defaultSchema}.inbox_messages
  using (org_id = ${flyway:defaultSchema}.current_org_id())
  with check (org_id = ${flyway:defaultSchema}.current_org_id());

alter table ${flyway:defaultSchema}.touchpoints enable row level security;
alter table ${flyway:defaultSchema}.touchpoints force row level security;
create policy touchpoints_of_current_org on ${flyway:defaultSchema}.touchpoints
  using (org_id = ${flyway:defaultSchema}.current_org_id())
  with check (org_id = ${flyway:defaultSchema}.current_org_id());

alter table ${flyway:defaultSchema}.ingest_receipts enable row level security;
alter table ${flyway:defaultSchema}.ingest_receipts force row level security;
create policy ingest_receipts_of_current_org on ${flyway:defaultSchema}.ingest_receipts
  using (org_id = ${flyway:defaultSchema}.current_org_id())
  with check (org_id = ${flyway:defaultSchema}.current_org_id());
