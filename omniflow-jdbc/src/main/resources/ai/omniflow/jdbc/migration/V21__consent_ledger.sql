-- Issue 14, the consent ledger (decision 0050): every grant and withdrawal of consent per contact
-- and channel (channel null: every channel), with its source and evidence. Append-only: the
-- application role may read and insert, and a trigger refuses UPDATE, DELETE and TRUNCATE even to
-- the owner. The newest entry covering a channel (at, then seq) decides its state.
--
-- contact_opt_outs (V6) held one flag per contact, "asked not to be messaged" on every channel. Its
-- rows become ledger entries for every channel, source 'api' with the reason below; the table stays
-- (expand and contract, decision 0023) and OmniFlow still adds a row there for an opt-out of every
-- channel, so the previous release, which reads only that table, keeps refusing those sends.
create table ${flyway:defaultSchema}.contact_consents (
  seq        bigint      generated always as identity,
  id         uuid        primary key,
  org_id     uuid        not null references ${flyway:defaultSchema}.orgs (id),
  contact_id uuid        not null references ${flyway:defaultSchema}.contacts (id),
  channel    text        check (channel in ('instagram_dm', 'instagram_comment', 'facebook_dm',
                                            'facebook_comment', 'lead_form', 'whatsapp', 'sms',
                                            'email')),
  change     text        not null check (change in ('opted_in', 'opted_out')),
  source     text        not null
    check (source in ('inbound_keyword', 'agent', 'api', 'import', 'merge')),
  reason     text        check (length(btrim(reason)) > 0 and length(reason) <= 500),
  message_id uuid,
  user_id    uuid,
  at         timestamptz not null constraint contact_consents_at_finite check (isfinite(at))
);

create index contact_consents_contact_newest_idx
  on ${flyway:defaultSchema}.contact_consents (org_id, contact_id, at desc, seq desc);

create trigger contact_consents_append_only
  before update or delete or truncate on ${flyway:defaultSchema}.contact_consents
  for each statement execute function ${flyway:defaultSchema}.refuse_change_to_append_only_log();

-- The opt-outs recorded before the ledger, in the order they were made, copied before the ledger's
-- row-level security is on; forced row-level security binds the owner, so the old table's is
-- lifted for this one statement, inside this migration's transaction.
alter table ${flyway:defaultSchema}.contact_opt_outs no force row level security;
insert into ${flyway:defaultSchema}.contact_consents
    (id, org_id, contact_id, channel, change, source, reason, message_id, user_id, at)
select gen_random_uuid(), o.org_id, o.contact_id, null, 'opted_out', 'api',
       'recorded before the consent ledger (contact_opt_outs)', null, null, o.opted_out_at
from ${flyway:defaultSchema}.contact_opt_outs o
order by o.opted_out_at, o.org_id, o.contact_id;
alter table ${flyway:defaultSchema}.contact_opt_outs force row level security;

alter table ${flyway:defaultSchema}.contact_consents enable row level security;
alter table ${flyway:defaultSchema}.contact_consents force row level security;
create policy contact_consents_of_current_org on ${flyway:defaultSchema}.contact_consents
  using (org_id = ${flyway:defaultSchema}.current_org_id())
  with check (org_id = ${flyway:defaultSchema}.current_org_id());
