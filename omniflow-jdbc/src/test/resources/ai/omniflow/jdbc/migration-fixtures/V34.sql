-- V34 adds what an org answers an inbound HELP with; the fixture org writes its own.
update ${schema}.orgs
   set help_text = 'Fixture Realty: call (415) 555-0100 for help. Reply STOP to opt out.'
 where id = '00000000-0000-4000-8000-000000000001';
