-- V28 adds the orgs' own nurture playbooks: org 1 overrides gentle-follow-up with one step.
insert into ${schema}.nurture_playbooks (org_id, playbook_key, definition, created_at, updated_at)
values ('00000000-0000-4000-8000-000000000001', 'gentle-follow-up',
        '{"key": "gentle-follow-up", "name": "Gentle follow-up", "description": "", "stop_on_reply": true, "fits": {"stages": [], "bands": [], "intents": [], "silent_for": null}, "steps": [{"key": "call", "task": {"kind": "call", "title": "Call the lead", "due_in": "PT0S"}}]}',
        '2026-02-01T00:00:00Z', '2026-02-01T00:00:00Z');
