insert into ${schema}.leads (id, org_id, contact_id, thread_id, source_channel, campaign_id, stage, fields,
    score, scored_at, created_at, updated_at)
values ('00000000-0000-4000-8000-000000001301', '00000000-0000-4000-8000-000000000001',
        '00000000-0000-4000-8000-000000000601', '00000000-0000-4000-8000-000000000901', 'instagram_dm',
        'spring-campaign', 'new', '{"budget": "450000"}', 72, '2026-01-07T00:00:00Z',
        '2026-01-07T00:00:00Z', '2026-01-07T00:00:00Z');
insert into ${schema}.lead_scores (id, org_id, lead_id, total, rules_total, explanation, reason, scored_at)
values ('00000000-0000-4000-8000-000000001401', '00000000-0000-4000-8000-000000000001',
        '00000000-0000-4000-8000-000000001301', 72, 72, '[]', 'budget stated', '2026-01-07T00:00:00Z');
insert into ${schema}.lead_model_runs (org_id, version, trained_at, status, report)
values ('00000000-0000-4000-8000-000000000001', 1, '2026-01-07T00:00:00Z', 'too_few_outcomes', '{}');
