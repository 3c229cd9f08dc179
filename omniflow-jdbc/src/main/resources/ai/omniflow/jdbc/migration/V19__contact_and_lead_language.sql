-- The language a contact writes in and the one their lead carries (docs/contacts.md, decision
-- 0053): a BCP 47 tag in canonical case as ai.omniflow.LanguageTags writes it, at most 35
-- characters, or null while unknown. language_set_by_agent: an agent set it, so detection from
-- inbound messages leaves it alone.
alter table ${flyway:defaultSchema}.contacts
  add column language text
    check (length(language) between 2 and 35
           and language ~ '^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$'),
  add column language_set_by_agent boolean not null default false,
  add constraint contacts_language_set_by_agent_has_language
    check (not language_set_by_agent or language is not null);

alter table ${flyway:defaultSchema}.leads
  add column language text
    check (length(language) between 2 and 35
           and language ~ '^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$');
