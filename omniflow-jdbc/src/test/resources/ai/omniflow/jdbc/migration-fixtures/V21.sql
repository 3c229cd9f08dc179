-- V21 adds the consent ledger (and moved V17's opt-out of contact 602 into it).
insert into ${schema}.contact_consents (id, org_id, contact_id, channel, change, source, reason,
    message_id, user_id, at)
values ('00000000-0000-4000-8000-000000001901', '00000000-0000-4000-8000-000000000001',
        '00000000-0000-4000-8000-000000000602', 'sms', 'opted_in', 'inbound_keyword', 'START',
        null, null, '2026-01-07T00:00:00Z');
