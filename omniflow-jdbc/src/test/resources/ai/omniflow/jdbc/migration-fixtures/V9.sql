insert into ${schema}.lead_offers (lead_id, org_id, group_key, offered_at, expires_at)
values ('00000000-0000-4000-8000-000000001301', '00000000-0000-4000-8000-000000000001', 'sales',
        '2026-01-09T00:00:00Z', '2026-01-09T00:05:00Z');
