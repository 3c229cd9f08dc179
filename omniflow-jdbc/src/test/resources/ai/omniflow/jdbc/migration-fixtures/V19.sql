-- V19 adds the contact's and the lead's language: the V4 contacts keep a null language, not set by
-- an agent; a third contact written in Spanish, set by an agent, and its lead in Spanish show rows
-- the new columns hold.
insert into ${schema}.contacts (id, org_id, display_name, created_at, updated_at, language,
    language_set_by_agent)
values ('00000000-0000-4000-8000-000000001901', '00000000-0000-4000-8000-000000000001',
        'Carla Española', '2026-01-19T00:00:00Z', '2026-01-19T00:00:00Z', 'es-MX', true);
insert into ${schema}.leads (id, org_id, contact_id, source_channel, stage, fields, created_at,
    updated_at, language)
values ('00000000-0000-4000-8000-000000001902', '00000000-0000-4000-8000-000000000001',
        '00000000-0000-4000-8000-000000001901', 'whatsapp', 'new', '{}', '2026-01-19T00:00:00Z',
        '2026-01-19T00:00:00Z', 'es-MX');
