-- Issue 14, HELP keywords: what an org answers an inbound HELP (AYUDA) with, 1 to 320 characters
-- (two SMS segments); null for the default text, which names the org and how to stop.
alter table ${flyway:defaultSchema}.orgs
  add column help_text text
    constraint orgs_help_text_length
      check (length(btrim(help_text)) > 0 and length(help_text) <= 320);
