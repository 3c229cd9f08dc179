-- Whether an org's submitted lead-ad forms become leads at once, as they are ingested (issue 12,
-- docs/connectors.md "Lead Ads"): on for every org, those before this migration included, until
-- an owner or admin turns it off. Read in the ingest transaction of each form.

alter table ${flyway:defaultSchema}.orgs
  add column lead_forms_become_leads boolean not null default true;
