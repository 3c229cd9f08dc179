-- Runs after every migrate (a Flyway callback), so the application role ${app_role} always holds
-- exactly what the store needs, however many times and with whichever role name migrate runs.
-- The role owns nothing and gets no DDL rights: USAGE on the schema and row privileges only.

grant usage on schema ${flyway:defaultSchema} to ${app_role};
grant execute on function ${flyway:defaultSchema}.current_org_id() to ${app_role};

revoke all on ${flyway:defaultSchema}.orgs from ${app_role};
grant select, insert, update on ${flyway:defaultSchema}.orgs to ${app_role};

revoke all on ${flyway:defaultSchema}.users from ${app_role};
grant select, insert, update on ${flyway:defaultSchema}.users to ${app_role};

-- Removing a member deletes their membership.
revoke all on ${flyway:defaultSchema}.memberships from ${app_role};
grant select, insert, update, delete on ${flyway:defaultSchema}.memberships to ${app_role};

revoke all on ${flyway:defaultSchema}.api_keys from ${app_role};
grant select, insert, update on ${flyway:defaultSchema}.api_keys to ${app_role};

revoke all on ${flyway:defaultSchema}.connector_accounts from ${app_role};
grant select, insert, update on ${flyway:defaultSchema}.connector_accounts to ${app_role};

-- Forgetting an account's tokens deletes them.
revoke all on ${flyway:defaultSchema}.connector_tokens from ${app_role};
grant select, insert, update, delete on ${flyway:defaultSchema}.connector_tokens to ${app_role};

-- Used and expired states are purged.
revoke all on ${flyway:defaultSchema}.oauth_states from ${app_role};
grant select, insert, update, delete on ${flyway:defaultSchema}.oauth_states to ${app_role};

-- Contacts are never deleted (a merged contact is marked, not removed), nor are merge records.
revoke all on ${flyway:defaultSchema}.contacts from ${app_role};
grant select, insert, update on ${flyway:defaultSchema}.contacts to ${app_role};

revoke all on ${flyway:defaultSchema}.contact_identities from ${app_role};
grant select, insert, update on ${flyway:defaultSchema}.contact_identities to ${app_role};

revoke all on ${flyway:defaultSchema}.contact_merges from ${app_role};
grant select, insert, update on ${flyway:defaultSchema}.contact_merges to ${app_role};

-- Threads change (status, assignee, counters) and messages get delivery news; neither is deleted.
revoke all on ${flyway:defaultSchema}.inbox_threads from ${app_role};
grant select, insert, update on ${flyway:defaultSchema}.inbox_threads to ${app_role};

revoke all on ${flyway:defaultSchema}.inbox_messages from ${app_role};
grant select, insert, update on ${flyway:defaultSchema}.inbox_messages to ${app_role};

-- Drafts are marked sent, never deleted; opt-outs are facts, read and append only.
revoke all on ${flyway:defaultSchema}.inbox_drafts from ${app_role};
grant select, insert, update on ${flyway:defaultSchema}.inbox_drafts to ${app_role};

revoke all on ${flyway:defaultSchema}.contact_opt_outs from ${app_role};
grant select, insert on ${flyway:defaultSchema}.contact_opt_outs to ${app_role};

-- The consent ledger is evidence (GDPR Art. 7, the TCPA): read and append only.
revoke all on ${flyway:defaultSchema}.contact_consents from ${app_role};
grant select, insert on ${flyway:defaultSchema}.contact_consents to ${app_role};

-- Leads are updated as they are worked and never deleted; score history and model runs are
-- facts, read and append only.
revoke all on ${flyway:defaultSchema}.leads from ${app_role};
grant select, insert, update on ${flyway:defaultSchema}.leads to ${app_role};

revoke all on ${flyway:defaultSchema}.lead_scores from ${app_role};
grant select, insert on ${flyway:defaultSchema}.lead_scores to ${app_role};

-- Offers come and go: made, replaced, claimed or expired.
revoke all on ${flyway:defaultSchema}.lead_offers from ${app_role};
grant select, insert, update, delete on ${flyway:defaultSchema}.lead_offers to ${app_role};

revoke all on ${flyway:defaultSchema}.lead_model_runs from ${app_role};
grant select, insert on ${flyway:defaultSchema}.lead_model_runs to ${app_role};

-- Touchpoints and ingest receipts are facts: read and append only.
revoke all on ${flyway:defaultSchema}.touchpoints from ${app_role};
grant select, insert on ${flyway:defaultSchema}.touchpoints to ${app_role};

revoke all on ${flyway:defaultSchema}.ingest_receipts from ${app_role};
grant select, insert on ${flyway:defaultSchema}.ingest_receipts to ${app_role};

-- External touchpoints are facts too, but an anonymous one is linked to its contact later.
revoke all on ${flyway:defaultSchema}.external_touchpoints from ${app_role};
grant select, insert, update on ${flyway:defaultSchema}.external_touchpoints to ${app_role};

-- A day's spend is replaced, never deleted.
revoke all on ${flyway:defaultSchema}.attribution_spend from ${app_role};
grant select, insert, update on ${flyway:defaultSchema}.attribution_spend to ${app_role};

-- Agents and groups change but are never deleted (an agent is deactivated); the org's routing
-- configuration is removed to go back to the pack's. SELECT ... FOR UPDATE on routing_state
-- needs UPDATE.
revoke all on ${flyway:defaultSchema}.routing_agents from ${app_role};
grant select, insert, update on ${flyway:defaultSchema}.routing_agents to ${app_role};

revoke all on ${flyway:defaultSchema}.routing_groups from ${app_role};
grant select, insert, update on ${flyway:defaultSchema}.routing_groups to ${app_role};

revoke all on ${flyway:defaultSchema}.routing_configs from ${app_role};
grant select, insert, update, delete on ${flyway:defaultSchema}.routing_configs to ${app_role};

revoke all on ${flyway:defaultSchema}.routing_counters from ${app_role};
grant select, insert, update on ${flyway:defaultSchema}.routing_counters to ${app_role};

revoke all on ${flyway:defaultSchema}.routing_state from ${app_role};
grant select, insert, update on ${flyway:defaultSchema}.routing_state to ${app_role};

-- Org ids only, readable across tenants for scheduled work; rows come from a trigger on orgs.
revoke all on ${flyway:defaultSchema}.org_directory from ${app_role};
grant select, insert on ${flyway:defaultSchema}.org_directory to ${app_role};

-- The logs are append-only: read and append, nothing else (the triggers refuse the rest anyway).
revoke all on ${flyway:defaultSchema}.events from ${app_role};
grant select, insert on ${flyway:defaultSchema}.events to ${app_role};

revoke all on ${flyway:defaultSchema}.audit_log from ${app_role};
grant select, insert on ${flyway:defaultSchema}.audit_log to ${app_role};

-- The org's own SLA policy is removed to go back to the pack's default; calendars are deleted.
revoke all on ${flyway:defaultSchema}.sla_policies from ${app_role};
grant select, insert, update, delete on ${flyway:defaultSchema}.sla_policies to ${app_role};

revoke all on ${flyway:defaultSchema}.sla_calendars from ${app_role};
grant select, insert, update, delete on ${flyway:defaultSchema}.sla_calendars to ${app_role};

-- A thread's SLA clock is replaced as it moves; db-scheduler inserts, picks and deletes executions.
revoke all on ${flyway:defaultSchema}.sla_clocks from ${app_role};
grant select, insert, update on ${flyway:defaultSchema}.sla_clocks to ${app_role};

revoke all on ${flyway:defaultSchema}.scheduled_tasks from ${app_role};
grant select, insert, update, delete on ${flyway:defaultSchema}.scheduled_tasks to ${app_role};

-- A thread's first response is replaced as its first-response clock moves; never deleted.
revoke all on ${flyway:defaultSchema}.sla_first_responses from ${app_role};
grant select, insert, update on ${flyway:defaultSchema}.sla_first_responses to ${app_role};

-- An enrollment moves through its steps and ends; never deleted. Its history is append-only.
revoke all on ${flyway:defaultSchema}.nurture_enrollments from ${app_role};
grant select, insert, update on ${flyway:defaultSchema}.nurture_enrollments to ${app_role};

revoke all on ${flyway:defaultSchema}.nurture_enrollment_history from ${app_role};
grant select, insert on ${flyway:defaultSchema}.nurture_enrollment_history to ${app_role};

-- An org's own playbooks are edited and deleted (deleting one brings back the pack's).
revoke all on ${flyway:defaultSchema}.nurture_playbooks from ${app_role};
grant select, insert, update, delete on ${flyway:defaultSchema}.nurture_playbooks to ${app_role};

-- An org's own pack override is replaced and deleted.
revoke all on ${flyway:defaultSchema}.org_pack_overrides from ${app_role};
grant select, insert, update, delete on ${flyway:defaultSchema}.org_pack_overrides to ${app_role};

-- The pack version an org accepted is replaced when it accepts another, never deleted.
revoke all on ${flyway:defaultSchema}.org_accepted_packs from ${app_role};
grant select, insert, update on ${flyway:defaultSchema}.org_accepted_packs to ${app_role};

-- A task is completed or snoozed and never deleted.
revoke all on ${flyway:defaultSchema}.tasks from ${app_role};
grant select, insert, update on ${flyway:defaultSchema}.tasks to ${app_role};

-- Stored webhook deliveries move through their processing states and are never deleted; the
-- account directory is appended to by a trigger on connector_accounts. SELECT ... FOR UPDATE on
-- webhook_deliveries needs UPDATE.
revoke all on ${flyway:defaultSchema}.webhook_deliveries from ${app_role};
grant select, insert, update on ${flyway:defaultSchema}.webhook_deliveries to ${app_role};

revoke all on ${flyway:defaultSchema}.webhook_accounts from ${app_role};
grant select, insert on ${flyway:defaultSchema}.webhook_accounts to ${app_role};

-- Identity columns draw from these sequences.
grant usage on all sequences in schema ${flyway:defaultSchema} to ${app_role};

-- Flyway's own history is no business of the application.
revoke all on ${flyway:defaultSchema}.flyway_schema_history from ${app_role};
