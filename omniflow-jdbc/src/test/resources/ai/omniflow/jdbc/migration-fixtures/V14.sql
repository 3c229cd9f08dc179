-- V14 adds external touchpoints (one linked to the fixture contact, one anonymous) and spend.
insert into ${schema}.external_touchpoints (id, org_id, contact_id, channel, campaign, utm_source,
    utm_medium, utm_campaign, click_id_kind, click_id, occurred_at, recorded_at)
values ('00000000-0000-4000-8000-000000001401', '00000000-0000-4000-8000-000000000001',
        '00000000-0000-4000-8000-000000000601', 'facebook_ad', 'spring-campaign', 'facebook', 'cpc',
        'spring-campaign', 'fbclid', 'IwAR0fixture', '2026-01-04T00:00:00Z', '2026-01-04T00:00:01Z');
insert into ${schema}.external_touchpoints (id, org_id, channel, anonymous_key, email, occurred_at,
    recorded_at)
values ('00000000-0000-4000-8000-000000001402', '00000000-0000-4000-8000-000000000001', 'website',
        'cookie-fixture', 'someone@fixture.example', '2026-01-04T00:00:00Z', '2026-01-04T00:00:01Z');
insert into ${schema}.attribution_spend (org_id, day, channel, campaign, amount, currency, recorded_at)
values ('00000000-0000-4000-8000-000000000001', '2026-01-04', 'facebook_ad', '', 120.50, 'USD',
        '2026-01-05T00:00:00Z'),
       ('00000000-0000-4000-8000-000000000001', '2026-01-04', 'facebook_ad', 'spring-campaign', 80.00,
        'USD', '2026-01-05T00:00:00Z');
