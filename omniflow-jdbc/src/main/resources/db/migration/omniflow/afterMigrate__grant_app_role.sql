-- Runs after every migrate (a Flyway callback), so the application role ${app_role} always holds
-- exactly what the store needs, however many times and with whichever role name migrate runs.
-- The role owns nothing and gets no DDL rights: USAGE on the schema and row privileges only.

grant usage on schema ${flyway:defaultSchema} to ${app_role};
grant execute on function ${flyway:defaultSchema}.current_org_id() to ${app_role};

revoke all on ${flyway:defaultSchema}.orgs from ${app_role};
grant select, insert, update on ${flyway:defaultSchema}.orgs to ${app_role};

revoke all on ${flyway:defaultSchema}.users from ${app_role};
grant select, insert, update on ${flyway:defaultSchema}.users to ${app_role};

revoke all on ${flyway:defaultSchema}.memberships from ${app_role};
grant select, insert, update on ${flyway:defaultSchema}.memberships to ${app_role};

revoke all on ${flyway:defaultSchema}.api_keys from ${app_role};
grant select, insert, update on ${flyway:defaultSchema}.api_keys to ${app_role};

-- The logs are append-only: read and append, nothing else (the triggers refuse the rest anyway).
revoke all on ${flyway:defaultSchema}.events from ${app_role};
grant select, insert on ${flyway:defaultSchema}.events to ${app_role};

revoke all on ${flyway:defaultSchema}.audit_log from ${app_role};
grant select, insert on ${flyway:defaultSchema}.audit_log to ${app_role};

-- Identity columns draw from these sequences.
grant usage on all sequences in schema ${flyway:defaultSchema} to ${app_role};

-- Flyway's own history is no business of the application.
revoke all on ${flyway:defaultSchema}.flyway_schema_history from ${app_role};
