insert into ${schema}.routing_agents (id, org_id, user_id, name, active, weight, capacity, languages, availability)
values ('00000000-0000-4000-8000-000000001501', '00000000-0000-4000-8000-000000000001',
        '00000000-0000-4000-8000-000000000101', 'Ana Agent', true, 1, 10, '{en}', '{}');
insert into ${schema}.routing_groups (org_id, key, name, policy, member_ids, offer_timeout)
values ('00000000-0000-4000-8000-000000000001', 'sales', 'Sales', 'first_to_claim',
        '{00000000-0000-4000-8000-000000001501}', 'PT5M');
insert into ${schema}.routing_configs (org_id, config)
values ('00000000-0000-4000-8000-000000000001', '{}');
insert into ${schema}.routing_counters (org_id, group_key, agent_id, assigned)
values ('00000000-0000-4000-8000-000000000001', 'sales', '00000000-0000-4000-8000-000000001501', 3);
insert into ${schema}.routing_state (org_id) values ('00000000-0000-4000-8000-000000000001');
