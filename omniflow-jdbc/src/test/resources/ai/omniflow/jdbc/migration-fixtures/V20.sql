-- V20 adds only indexes; an inbox and a linked external touchpoint with a campaign of the fixture
-- contact show the rows the new indexes cover (their channel and campaign included).
insert into ${schema}.touchpoints (id, org_id, contact_id, channel, campaign_id, occurred_at)
values ('00000000-0000-4000-8000-000000002001', '00000000-0000-4000-8000-000000000001',
        '00000000-0000-4000-8000-000000000601', 'sms', 'autumn', '2026-01-06T00:00:00Z');
insert into ${schema}.external_touchpoints (id, org_id, contact_id, channel, campaign,
    occurred_at, recorded_at)
values ('00000000-0000-4000-8000-000000002002', '00000000-0000-4000-8000-000000000001',
        '00000000-0000-4000-8000-000000000601', 'facebook_ad', 'autumn', '2026-01-06T00:00:00Z',
        '2026-01-06T00:00:01Z');
