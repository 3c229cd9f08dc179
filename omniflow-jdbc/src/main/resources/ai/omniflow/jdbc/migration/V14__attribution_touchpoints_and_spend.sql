-- Issue 15, attribution over stored journeys.
--
-- Touchpoints recorded from outside the inbox (ad clicks, website visits): linked to a contact, or
-- anonymous (contact_id null) with the host's anonymous key and the normalized e-mail and phone
-- they came with, until a contact matches.
create table ${flyway:defaultSchema}.external_touchpoints (
  id             uuid        primary key,
  org_id         uuid        not null references ${flyway:defaultSchema}.orgs (id),
  contact_id     uuid        references ${flyway:defaultSchema}.contacts (id),
  channel        text        not null check (channel ~ '^[a-z0-9][a-z0-9_.-]{0,63}$'),
  campaign       text        check (length(campaign) <= 256),
  ad_id          text        check (length(ad_id) <= 256),
  content_id     text        check (length(content_id) <= 256),
  utm_source     text        check (length(utm_source) <= 256),
  utm_medium     text        check (length(utm_medium) <= 256),
  utm_campaign   text        check (length(utm_campaign) <= 256),
  utm_content    text        check (length(utm_content) <= 256),
  utm_term       text        check (length(utm_term) <= 256),
  click_id_kind  text        check (click_id_kind in ('fbclid', 'gclid')),
  click_id       text        check (length(click_id) between 1 and 512),
  anonymous_key  text        check (length(anonymous_key) <= 256),
  email          text        check (length(email) between 1 and 320),
  phone          text        check (length(phone) between 1 and 320),
  occurred_at    timestamptz not null
    constraint external_touchpoints_occurred_at_finite check (isfinite(occurred_at)),
  recorded_at    timestamptz not null
    constraint external_touchpoints_recorded_at_finite check (isfinite(recorded_at)),
  seq            bigint      generated always as identity,
  check ((click_id_kind is null) = (click_id is null))
);

-- Journeys read a contact's touchpoints in a window; linking finds the anonymous ones by key,
-- e-mail or phone.
create index external_touchpoints_contact_idx
  on ${flyway:defaultSchema}.external_touchpoints (org_id, occurred_at, contact_id)
  where contact_id is not null;
create index external_touchpoints_anonymous_key_idx
  on ${flyway:defaultSchema}.external_touchpoints (org_id, anonymous_key)
  where contact_id is null and anonymous_key is not null;
create index external_touchpoints_anonymous_email_idx
  on ${flyway:defaultSchema}.external_touchpoints (org_id, email)
  where contact_id is null and email is not null;
create index external_touchpoints_anonymous_phone_idx
  on ${flyway:defaultSchema}.external_touchpoints (org_id, phone)
  where contact_id is null and phone is not null;

-- Reports read the inbox's touchpoints and the leads closed in a window.
create index touchpoints_org_time_idx
  on ${flyway:defaultSchema}.touchpoints (org_id, occurred_at);
create index leads_closed_idx
  on ${flyway:defaultSchema}.leads (org_id, closed_at) where closed_at is not null;

-- Spend per day and channel, or campaign of it ('' for the channel as a whole): a re-post
-- replaces.
create table ${flyway:defaultSchema}.attribution_spend (
  org_id      uuid           not null references ${flyway:defaultSchema}.orgs (id),
  day         date           not null check (isfinite(day)),
  channel     text           not null check (channel ~ '^[a-z0-9][a-z0-9_.-]{0,63}$'),
  campaign    text           not null default '' check (length(campaign) <= 256),
  amount      numeric(19, 4) not null check (amount >= 0),
  currency    text           not null check (currency ~ '^[A-Z]{3}$'),
  recorded_at timestamptz    not null
    constraint attribution_spend_recorded_at_finite check (isfinite(recorded_at)),
  primary key (org_id, day, channel, campaign)
);

alter table ${flyway:defaultSchema}.external_touchpoints enable row level security;
alter table ${flyway:defaultSchema}.external_touchpoints force row level security;
create policy external_touchpoints_of_current_org on ${flyway:defaultSchema}.external_touchpoints
  using (org_id = ${flyway:defaultSchema}.current_org_id())
  with check (org_id = ${flyway:defaultSchema}.current_org_id());

alter table ${flyway:defaultSchema}.attribution_spend enable row level security;
alter table ${flyway:defaultSchema}.attribution_spend force row level security;
create policy attribution_spend_of_current_org on ${flyway:defaultSchema}.attribution_spend
  using (org_id = ${flyway:defaultSchema}.current_org_id())
  with check (org_id = ${flyway:defaultSchema}.current_org_id());
