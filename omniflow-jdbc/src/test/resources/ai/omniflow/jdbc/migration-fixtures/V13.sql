-- V13 adds the org's time zone, its own SLA policy and its business calendars.
update ${schema}.orgs set time_zone = 'Europe/Madrid' where id = '00000000-0000-4000-8000-000000000001';
insert into ${schema}.sla_policies (org_id, policy)
values ('00000000-0000-4000-8000-000000000001',
        '{"targets": [{"channel": null, "band": null, "first_response": "PT1H", "next_response": "PT1H", "after_hours": null}], "warning_threshold": 0.75, "business_hours_only": true, "pause_while_waiting": false, "escalation": []}');
insert into ${schema}.sla_calendars (id, org_id, name, scope_kind, scope_ref, definition)
values ('00000000-0000-4000-8000-000000001301', '00000000-0000-4000-8000-000000000001', 'Office',
        'org', '', '{"zone": "Europe/Madrid", "weekly": [{"day": "monday", "start": "09:00", "end": "18:00"}], "holidays": ["2026-12-25"], "special_days": []}'),
       ('00000000-0000-4000-8000-000000001302', '00000000-0000-4000-8000-000000000001', 'Sales desk',
        'group', 'sales', '{"zone": "Europe/Madrid", "weekly": [{"day": "friday", "start": "22:00", "end": "02:00"}], "holidays": [], "special_days": []}');
