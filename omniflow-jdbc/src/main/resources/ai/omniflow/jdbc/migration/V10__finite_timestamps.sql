-- Every timestamptz column refuses 'infinity' and '-infinity'. Core bounds every instant where it
-- enters (issue 9, item 3); these checks make the database refuse what code forgets. One
-- constraint per column, named <table>_<column>_finite; a null stays allowed where the column
-- allows it (a check on null is not false). FiniteTimestampsTest fails for a column without one.

alter table ${flyway:defaultSchema}.orgs
  add constraint orgs_created_at_finite check (isfinite(created_at));
alter table ${flyway:defaultSchema}.users
  add constraint users_created_at_finite check (isfinite(created_at));
alter table ${flyway:defaultSchema}.memberships
  add constraint memberships_created_at_finite check (isfinite(created_at));
alter table ${flyway:defaultSchema}.api_keys
  add constraint api_keys_created_at_finite check (isfinite(created_at));
alter table ${flyway:defaultSchema}.api_keys
  add constraint api_keys_revoked_at_finite check (isfinite(revoked_at));
alter table ${flyway:defaultSchema}.events
  add constraint events_occurred_at_finite check (isfinite(occurred_at));
alter table ${flyway:defaultSchema}.audit_log
  add constraint audit_log_occurred_at_finite check (isfinite(occurred_at));
alter table ${flyway:defaultSchema}.connector_accounts
  add constraint connector_accounts_last_checked_at_finite check (isfinite(last_checked_at));
alter table ${flyway:defaultSchema}.connector_accounts
  add constraint connector_accounts_token_expires_at_finite check (isfinite(token_expires_at));
alter table ${flyway:defaultSchema}.connector_accounts
  add constraint connector_accounts_created_at_finite check (isfinite(created_at));
alter table ${flyway:defaultSchema}.connector_accounts
  add constraint connector_accounts_updated_at_finite check (isfinite(updated_at));
alter table ${flyway:defaultSchema}.connector_tokens
  add constraint connector_tokens_updated_at_finite check (isfinite(updated_at));
alter table ${flyway:defaultSchema}.oauth_states
  add constraint oauth_states_created_at_finite check (isfinite(created_at));
alter table ${flyway:defaultSchema}.oauth_states
  add constraint oauth_states_expires_at_finite check (isfinite(expires_at));
alter table ${flyway:defaultSchema}.oauth_states
  add constraint oauth_states_consumed_at_finite check (isfinite(consumed_at));
alter table ${flyway:defaultSchema}.org_directory
  add constraint org_directory_created_at_finite check (isfinite(created_at));
alter table ${flyway:defaultSchema}.contacts
  add constraint contacts_created_at_finite check (isfinite(created_at));
alter table ${flyway:defaultSchema}.contacts
  add constraint contacts_updated_at_finite check (isfinite(updated_at));
alter table ${flyway:defaultSchema}.contact_identities
  add constraint contact_identities_first_seen_at_finite check (isfinite(first_seen_at));
alter table ${flyway:defaultSchema}.contact_identities
  add constraint contact_identities_last_seen_at_finite check (isfinite(last_seen_at));
alter table ${flyway:defaultSchema}.contact_merges
  add constraint contact_merges_merged_at_finite check (isfinite(merged_at));
alter table ${flyway:defaultSchema}.contact_merges
  add constraint contact_merges_unmerged_at_finite check (isfinite(unmerged_at));
alter table ${flyway:defaultSchema}.inbox_threads
  add constraint inbox_threads_last_inbound_at_finite check (isfinite(last_inbound_at));
alter table ${flyway:defaultSchema}.inbox_threads
  add constraint inbox_threads_last_outbound_at_finite check (isfinite(last_outbound_at));
alter table ${flyway:defaultSchema}.inbox_threads
  add constraint inbox_threads_last_activity_at_finite check (isfinite(last_activity_at));
alter table ${flyway:defaultSchema}.inbox_threads
  add constraint inbox_threads_created_at_finite check (isfinite(created_at));
alter table ${flyway:defaultSchema}.inbox_threads
  add constraint inbox_threads_updated_at_finite check (isfinite(updated_at));
alter table ${flyway:defaultSchema}.inbox_messages
  add constraint inbox_messages_sent_at_finite check (isfinite(sent_at));
alter table ${flyway:defaultSchema}.inbox_messages
  add constraint inbox_messages_created_at_finite check (isfinite(created_at));
alter table ${flyway:defaultSchema}.touchpoints
  add constraint touchpoints_occurred_at_finite check (isfinite(occurred_at));
alter table ${flyway:defaultSchema}.ingest_receipts
  add constraint ingest_receipts_received_at_finite check (isfinite(received_at));
alter table ${flyway:defaultSchema}.inbox_drafts
  add constraint inbox_drafts_created_at_finite check (isfinite(created_at));
alter table ${flyway:defaultSchema}.inbox_drafts
  add constraint inbox_drafts_sent_at_finite check (isfinite(sent_at));
alter table ${flyway:defaultSchema}.contact_opt_outs
  add constraint contact_opt_outs_opted_out_at_finite check (isfinite(opted_out_at));
alter table ${flyway:defaultSchema}.leads
  add constraint leads_scored_at_finite check (isfinite(scored_at));
alter table ${flyway:defaultSchema}.leads
  add constraint leads_closed_at_finite check (isfinite(closed_at));
alter table ${flyway:defaultSchema}.leads
  add constraint leads_created_at_finite check (isfinite(created_at));
alter table ${flyway:defaultSchema}.leads
  add constraint leads_updated_at_finite check (isfinite(updated_at));
alter table ${flyway:defaultSchema}.lead_scores
  add constraint lead_scores_scored_at_finite check (isfinite(scored_at));
alter table ${flyway:defaultSchema}.lead_model_runs
  add constraint lead_model_runs_trained_at_finite check (isfinite(trained_at));
alter table ${flyway:defaultSchema}.lead_offers
  add constraint lead_offers_offered_at_finite check (isfinite(offered_at));
alter table ${flyway:defaultSchema}.lead_offers
  add constraint lead_offers_expires_at_finite check (isfinite(expires_at));
