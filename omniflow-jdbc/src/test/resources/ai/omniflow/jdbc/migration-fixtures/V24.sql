-- V24 adds whether the org's lead-ad forms become leads at once; the fixture org turns it off.
update ${schema}.orgs set lead_forms_become_leads = false where id = '00000000-0000-4000-8000-000000000001';
