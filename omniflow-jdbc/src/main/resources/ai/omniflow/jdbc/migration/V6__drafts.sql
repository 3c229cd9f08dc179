-- Reply drafts (sent at most once, through the thread's connector account) and the contacts who
-- asked not to be messaged, which refuses every send to them.

create table ${flyway:defaultSchema}.inbox_drafts (
  id              uuid        primary key,
  org_id          uuid        not null references ${flyway:defaultSchema}.orgs (id),
  thread_id       uuid        not null references ${flyway:defaultSchema}.inbox_threads (id),
  text            text        not null check (length(btrim(text)) > 0 and length(text) <= 4096),
  author_user_id  uuid,
  created_at      timestamptz not null,
  sent_message_id uuid        references ${flyway:defaultSchema}.inbox_messages (id),
  sent_at         timestamptz,
  check ((sent_message_id is null) = (sent_at is null))
);

create index inbox_drafts_thread_idx on ${flyway:defaultSchema}.inbox_drafts (thread_id);

create table ${flyway:defaultSchema}.contact_opt_outs (
  org_id       uuid        not null references ${flyway:defaultSchema}.orgs (id),
  contact_id   uuid        not null references ${flyway:defaultSchema}.contacts (id),
  opted_out_at timestamptz not null,
  primary key (org_id, contact_id)
);

alter table ${flyway:defaultSchema}.inbox_drafts enable row level security;
alter table ${flyway:defaultSchema}.inbox_drafts force row level security;
create policy inbox_drafts_of_current_org on ${flyway:defaultSchema}.inbox_drafts
  using (org_id = ${flyway:defaultSchema}.current_org_id())
  with check (org_id = ${flyway:defaultSchema}.current_org_id());

alter table ${flyway:defaultSchema}.contact_opt_outs enable row level security;
alter table ${flyway:defaultSchema}.contact_opt_outs force row level security;
create policy contact_opt_outs_of_current_org on ${flyway:defaultSchema}.contact_opt_outs
  using (org_id = ${flyway:defaultSchema}.current_org_id())
  with check (org_id = ${flyway:defaultSchema}.current_org_id());
