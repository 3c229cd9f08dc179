-- Issue 9: users leaked across orgs. users.email was unique across all orgs and any org could
-- insert users, so adding a member revealed whether an e-mail existed in another org, and every
-- org a user belonged to could update the one shared row. Users become rows of the org that
-- created them (decision 0030): an e-mail is unique within that org, and only that org may change
-- the row. An org still sees every user it has a membership with.

-- No foreign key, like every other tenant table's org_id: row-level security scopes it.
alter table ${flyway:defaultSchema}.users add column org_id uuid;

-- Each existing user belongs to the org of their first membership; a user with none keeps a null
-- org and can be changed by nobody. Row-level security is lifted for this cross-org backfill.
alter table ${flyway:defaultSchema}.users no force row level security;
alter table ${flyway:defaultSchema}.memberships no force row level security;
update ${flyway:defaultSchema}.users u
   set org_id = (select m.org_id
                   from ${flyway:defaultSchema}.memberships m
                  where m.user_id = u.id
                  order by m.created_at, m.seq
                  limit 1);
alter table ${flyway:defaultSchema}.users force row level security;
alter table ${flyway:defaultSchema}.memberships force row level security;

alter table ${flyway:defaultSchema}.users drop constraint users_email_key;
alter table ${flyway:defaultSchema}.users
  add constraint users_org_email_key unique (org_id, email);

drop policy users_update_members on ${flyway:defaultSchema}.users;
drop policy users_insert_any on ${flyway:defaultSchema}.users;
create policy users_update_own_org on ${flyway:defaultSchema}.users
  for update
  using (org_id = ${flyway:defaultSchema}.current_org_id())
  with check (org_id = ${flyway:defaultSchema}.current_org_id());
create policy users_insert_own_org on ${flyway:defaultSchema}.users
  for insert
  with check (org_id = ${flyway:defaultSchema}.current_org_id());
