-- V18 adds only indexes; a second linked external touchpoint of the fixture contact and a thread
-- created later show the rows the new indexes cover.
insert into ${schema}.external_touchpoints (id, org_id, contact_id, channel, occurred_at,
    recorded_at)
values ('00000000-0000-4000-8000-000000001801', '00000000-0000-4000-8000-000000000001',
        '00000000-0000-4000-8000-000000000601', 'google_ad', '2026-01-05T00:00:00Z',
        '2026-01-05T00:00:01Z');
