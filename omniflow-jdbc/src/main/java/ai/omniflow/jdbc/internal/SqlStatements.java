package ai.omniflow.jdbc.internal;

/**
 * The store's SQL for one schema, built once. Table names are qualified with the (validated)
 * schema, so nothing depends on the connection's search_path. Every statement names the org
 * explicitly as well as relying on row-level security.
 */
final class SqlStatements {
  /** The validated schema name, for statements kept beside their repository. */
  String schema() {
    return schema;
  }

  final String setOrg = "select set_config('app.org_id', ?, true)";

  final String orgDirectory;
  final String orgCurrent;
  final String orgInsert;
  final String orgUpdate;
  final String userFind;
  final String userInsert;
  final String membershipFind;
  final String membershipList;
  final String membershipInsert;
  final String membershipUpdate;
  final String apiKeyInsert;
  final String apiKeyFindByHash;
  final String apiKeyList;
  final String apiKeyRevoke;
  final String eventInsert;
  final String eventCount;
  final String eventList;
  final String auditInsert;
  final String auditCount;
  final String auditList;
  final String accountInsert;
  final String accountUpdate;
  final String accountFindByRef;
  final String accountFindByExternal;
  final String accountList;
  final String tokensUpsert;
  final String tokensFind;
  final String tokensDelete;
  final String tokensAll;
  final String oauthInsert;
  final String oauthFind;
  final String oauthConsume;
  final String receiptInsert;
  final String receiptFind;
  final String threadInsert;
  final String threadUpdate;
  final String threadFind;
  final String threadLock;
  final String threadLockByKey;
  final String threadCount;
  final String threadList;
  final String messageInsert;
  final String messageUpdateDelivery;
  final String messageFindOutbound;
  final String messageCount;
  final String messageList;
  final String touchpointInsert;
  final String touchpointList;
  final String draftInsert;
  final String contactMessages;
  final String draftLock;
  final String draftMarkSent;
  final String optOutInsert;
  final String optOutFind;
  final String routingStateEnsure;
  final String routingStateLock;
  final String agentInsert;
  final String agentUpdate;
  final String agentFind;
  final String agentList;
  final String groupInsert;
  final String groupUpdate;
  final String groupFind;
  final String groupList;
  final String routingConfigFind;
  final String routingConfigSave;
  final String routingConfigDelete;
  final String counterList;
  final String counterIncrement;
  final String contactInsert;
  final String contactUpdate;
  final String contactFind;
  final String contactLock;
  final String contactCount;
  final String contactList;
  final String identityInsert;
  final String identityUpdate;
  final String identityFind;
  final String identityList;
  final String mergeInsert;
  final String mergeFind;
  final String mergeUndo;
  final String mergeListFor;

  private final String schema;

  // send claims (issue 9)
  final String draftUpdateState;
  final String draftStaleClaims;
  final String tokensLock;
  final String oauthPurge;
  final String membershipDelete;

  SqlStatements(String schema) {
    this.schema = SqlNames.require("schema", schema);
    String s = this.schema + ".";
    String orgColumns = "id, name, pack_slug, pack_version, created_at, default_region";
    orgDirectory = "select org_id from " + s + "org_directory order by created_at, org_id";
    orgCurrent = "select " + orgColumns + " from " + s + "orgs where id = ?";
    orgInsert =
        "insert into "
            + s
            + "orgs (id, name, pack_slug, pack_version, created_at, default_region)"
            + " values (?, ?, ?, ?, ?, ?)"
            + " on conflict do nothing";
    // The WHERE names the org; the caller passes the transaction's org (checked before).
    orgUpdate =
        "update "
            + s
            + "orgs set name = ?, pack_slug = ?, pack_version = ?, created_at = ?,"
            + " default_region = ? where id = ?";

    userFind =
        "select u.id, u.email, u.display_name, u.created_at from "
            + s
            + "users u where u.id = ? and exists (select 1 from "
            + s
            + "memberships m where m.user_id = u.id and m.org_id = ?)";
    userInsert =
        "insert into "
            + s
            + "users (id, org_id, email, display_name, created_at) values (?, ?, ?, ?, ?)"
            + " on conflict do nothing";

    String membershipColumns = "org_id, user_id, role, created_at";
    membershipFind =
        "select "
            + membershipColumns
            + " from "
            + s
            + "memberships where org_id = ? and user_id = ?";
    membershipList =
        "select "
            + membershipColumns
            + " from "
            + s
            + "memberships where org_id = ? order by created_at, seq";
    membershipInsert =
        "insert into "
            + s
            + "memberships (org_id, user_id, role, created_at) values (?, ?, ?, ?)"
            + " on conflict do nothing";
    membershipUpdate =
        "update " + s + "memberships set role = ?, created_at = ? where org_id = ? and user_id = ?";

    String keyColumns =
        "id, org_id, user_id, name, prefix, secret_hash, created_at, revoked_at, issued_by_user_id";
    apiKeyInsert =
        "insert into "
            + s
            + "api_keys ("
            + keyColumns
            + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing";
    apiKeyFindByHash =
        "select " + keyColumns + " from " + s + "api_keys where org_id = ? and secret_hash = ?";
    apiKeyList =
        "select "
            + keyColumns
            + " from "
            + s
            + "api_keys where org_id = ? order by created_at desc, seq desc";
    apiKeyRevoke =
        "update "
            + s
            + "api_keys set revoked_at = coalesce(revoked_at, ?) where org_id = ? and id = ?"
            + " returning "
            + keyColumns;

    String eventColumns =
        "id, org_id, type, subject_type, subject_id, payload, occurred_at, actor_user_id,"
            + " actor_role";
    eventInsert =
        "insert into "
            + s
            + "events ("
            + eventColumns
            + ") values (?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?)";
    eventCount = "select count(*) from " + s + "events where org_id = ?";
    eventList =
        "select "
            + eventColumns
            + " from "
            + s
            + "events where org_id = ? order by occurred_at desc, seq desc limit ? offset ?";

    String auditColumns =
        "id, org_id, actor_user_id, actor_role, action, entity_type, entity_id, before, after,"
            + " request_id, occurred_at";
    auditInsert =
        "insert into "
            + s
            + "audit_log ("
            + auditColumns
            + ") values (?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?, ?)";
    auditCount = "select count(*) from " + s + "audit_log where org_id = ?";
    auditList =
        "select "
            + auditColumns
            + " from "
            + s
            + "audit_log where org_id = ? order by occurred_at desc, seq desc limit ? offset ?";

    String accountColumns =
        "id, org_id, account_ref, provider, external_account_id, display_name, scopes, status,"
            + " status_detail, last_checked_at, token_expires_at, created_at, updated_at";
    accountInsert =
        "insert into "
            + s
            + "connector_accounts ("
            + accountColumns
            + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    accountUpdate =
        "update "
            + s
            + "connector_accounts set display_name = ?, scopes = ?, status = ?, status_detail = ?,"
            + " last_checked_at = ?, token_expires_at = ?, updated_at = ?"
            + " where org_id = ? and id = ?";
    accountFindByRef =
        "select "
            + accountColumns
            + " from "
            + s
            + "connector_accounts where org_id = ? and account_ref = ?";
    accountFindByExternal =
        "select "
            + accountColumns
            + " from "
            + s
            + "connector_accounts where org_id = ? and provider = ? and external_account_id = ?";
    accountList =
        "select "
            + accountColumns
            + " from "
            + s
            + "connector_accounts where org_id = ? order by created_at, seq";

    String tokenColumns = "account_id, org_id, access_token, refresh_token, updated_at";
    tokensUpsert =
        "insert into "
            + s
            + "connector_tokens ("
            + tokenColumns
            + ") values (?, ?, ?, ?, ?) on conflict (account_id) do update set"
            + " access_token = excluded.access_token, refresh_token = excluded.refresh_token,"
            + " updated_at = excluded.updated_at"
            + " where connector_tokens.org_id = excluded.org_id";
    tokensFind =
        "select "
            + tokenColumns
            + " from "
            + s
            + "connector_tokens where org_id = ? and account_id = ?";
    tokensDelete = "delete from " + s + "connector_tokens where org_id = ? and account_id = ?";
    tokensAll = "select " + tokenColumns + " from " + s + "connector_tokens where org_id = ?";

    String stateColumns =
        "state_hash, org_id, user_id, provider, code_verifier, redirect_uri, created_at,"
            + " expires_at, consumed_at";
    oauthInsert =
        "insert into "
            + s
            + "oauth_states ("
            + stateColumns
            + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    oauthFind =
        "select "
            + stateColumns
            + " from "
            + s
            + "oauth_states where org_id = ? and state_hash = ?";
    oauthConsume =
        "update "
            + s
            + "oauth_states set consumed_at = ?, code_verifier = null"
            + " where org_id = ? and state_hash = ?"
            + " and consumed_at is null";

    String contactColumns = "id, org_id, display_name, created_at, updated_at, merged_into_id";
    contactInsert =
        "insert into "
            + s
            + "contacts ("
            + contactColumns
            + ") values (?, ?, ?, ?, ?, ?) on conflict do nothing";
    contactUpdate =
        "update "
            + s
            + "contacts set display_name = ?, created_at = ?, updated_at = ?, merged_into_id = ?"
            + " where org_id = ? and id = ?";
    contactFind =
        "select " + contactColumns + " from " + s + "contacts where org_id = ? and id = ?";
    contactLock = contactFind + " for update";
    contactCount =
        "select count(*) from " + s + "contacts where org_id = ? and merged_into_id is null";
    contactList =
        "select "
            + contactColumns
            + " from "
            + s
            + "contacts where org_id = ? and merged_into_id is null"
            + " order by created_at, seq limit ? offset ?";

    String identityColumns =
        "id, org_id, contact_id, kind, handle, normalized_value, first_seen_at, last_seen_at";
    // The contact must be the org's: a foreign key alone would accept another org's contact.
    identityInsert =
        "insert into "
            + s
            + "contact_identities ("
            + identityColumns
            + ") select cast(? as uuid), cast(? as uuid), cast(? as uuid), cast(? as text),"
            + " cast(? as text), cast(? as text), cast(? as timestamptz), cast(? as timestamptz)"
            + " where exists (select 1 from "
            + s
            + "contacts c where c.org_id = ? and c.id = ?)";
    identityUpdate =
        "update "
            + s
            + "contact_identities set contact_id = ?, handle = ?, first_seen_at = ?,"
            + " last_seen_at = ? where org_id = ? and id = ? and exists (select 1 from "
            + s
            + "contacts c where c.org_id = ? and c.id = ?)";
    identityFind =
        "select "
            + identityColumns
            + " from "
            + s
            + "contact_identities where org_id = ? and kind = ? and normalized_value = ?";
    identityList =
        "select "
            + identityColumns
            + " from "
            + s
            + "contact_identities where org_id = ? and contact_id = ?"
            + " order by first_seen_at, seq";

    String mergeColumns =
        "id, org_id, survivor_id, merged_id, moved_identity_ids, reason, automatic, merged_at,"
            + " merged_by_user_id, unmerged_at";
    mergeInsert =
        "insert into "
            + s
            + "contact_merges ("
            + mergeColumns
            + ") select cast(? as uuid), cast(? as uuid), cast(? as uuid), cast(? as uuid),"
            + " cast(? as uuid[]), cast(? as text), cast(? as boolean), cast(? as timestamptz),"
            + " cast(? as uuid), cast(? as timestamptz) where (select count(*) from "
            + s
            + "contacts c where c.org_id = ? and c.id in (?, ?)) = 2";
    mergeFind =
        "select " + mergeColumns + " from " + s + "contact_merges where org_id = ? and id = ?";
    mergeUndo =
        "update "
            + s
            + "contact_merges set unmerged_at = ? where org_id = ? and id = ?"
            + " and unmerged_at is null";
    mergeListFor =
        "select "
            + mergeColumns
            + " from "
            + s
            + "contact_merges where org_id = ? and (survivor_id = ? or merged_id = ?)"
            + " order by merged_at, seq";

    receiptInsert =
        "insert into "
            + s
            + "ingest_receipts (org_id, dedupe_key, contact_id, thread_id, message_id,"
            + " touchpoint_id, received_at) values (?, ?, ?, ?, ?, ?, ?)";
    receiptFind =
        "select contact_id, thread_id, message_id, touchpoint_id from "
            + s
            + "ingest_receipts where org_id = ? and dedupe_key = ?";

    String threadColumns =
        "id, org_id, contact_id, channel, account_ref, external_key, status, assignee_user_id,"
            + " last_inbound_at, last_outbound_at, last_activity_at, unread_count, created_at,"
            + " updated_at";
    // The contact must be the org's: a foreign key alone would accept another org's contact.
    threadInsert =
        "insert into "
            + s
            + "inbox_threads ("
            + threadColumns
            + ") select cast(? as uuid), cast(? as uuid), cast(? as uuid), cast(? as text),"
            + " cast(? as text), cast(? as text), cast(? as text), cast(? as uuid),"
            + " cast(? as timestamptz), cast(? as timestamptz), cast(? as timestamptz),"
            + " cast(? as integer), cast(? as timestamptz), cast(? as timestamptz)"
            + " where exists (select 1 from "
            + s
            + "contacts c where c.org_id = ? and c.id = ?)";
    threadUpdate =
        "update "
            + s
            + "inbox_threads set status = ?, assignee_user_id = ?, last_inbound_at = ?,"
            + " last_outbound_at = ?, last_activity_at = ?, unread_count = ?, updated_at = ?"
            + " where org_id = ? and id = ?";
    threadFind =
        "select " + threadColumns + " from " + s + "inbox_threads where org_id = ? and id = ?";
    threadLock = threadFind + " for update";
    threadLockByKey =
        "select "
            + threadColumns
            + " from "
            + s
            + "inbox_threads where org_id = ? and channel = ? and coalesce(account_ref, '') = ?"
            + " and external_key = ? for update";
    String threadWhere =
        " where org_id = ?"
            + " and (cast(? as text) is null or status = cast(? as text))"
            + " and (cast(? as text) is null or channel = cast(? as text))"
            + " and (cast(? as uuid) is null or assignee_user_id = cast(? as uuid))"
            + " and (cast(? as uuid) is null or contact_id = cast(? as uuid))"
            + " and (not cast(? as boolean) or assignee_user_id is null)";
    threadCount = "select count(*) from " + s + "inbox_threads" + threadWhere;
    threadList =
        "select "
            + threadColumns
            + " from "
            + s
            + "inbox_threads"
            + threadWhere
            + " order by last_activity_at desc, seq desc limit ? offset ?";

    String messageColumns =
        "id, org_id, thread_id, direction, text, attachments, provider_message_id,"
            + " delivery_status, failure_reason, author_user_id, sent_at, created_at";
    messageInsert =
        "insert into "
            + s
            + "inbox_messages ("
            + messageColumns
            + ") select cast(? as uuid), cast(? as uuid), cast(? as uuid), cast(? as text),"
            + " cast(? as text), cast(? as jsonb), cast(? as text), cast(? as text),"
            + " cast(? as text), cast(? as uuid), cast(? as timestamptz), cast(? as timestamptz)"
            + " where exists (select 1 from "
            + s
            + "inbox_threads t where t.org_id = ? and t.id = ?)";
    messageUpdateDelivery =
        "update "
            + s
            + "inbox_messages set delivery_status = ?, failure_reason = ? where org_id = ? and id = ?";
    messageFindOutbound =
        "select "
            + messageColumns
            + " from "
            + s
            + "inbox_messages where org_id = ? and direction = 'outbound'"
            + " and provider_message_id = ? order by seq limit 1";
    messageCount =
        "select count(*) from " + s + "inbox_messages where org_id = ? and thread_id = ?";
    contactMessages =
        "select * from (select m.id, m.org_id, m.thread_id, m.direction, m.text, m.attachments,"
            + " m.provider_message_id, m.delivery_status, m.failure_reason, m.author_user_id,"
            + " m.sent_at, m.created_at, m.seq, t.channel from "
            + s
            + "inbox_messages m join "
            + s
            + "inbox_threads t on t.id = m.thread_id where t.org_id = ? and t.contact_id = ?"
            + " and m.org_id = ? order by m.sent_at desc, m.seq desc limit ?) latest"
            + " order by sent_at, seq";
    messageList =
        "select "
            + messageColumns
            + " from "
            + s
            + "inbox_messages where org_id = ? and thread_id = ?"
            + " order by sent_at, seq limit ? offset ?";

    String draftColumns =
        "id, org_id, thread_id, text, author_user_id, created_at, sent_message_id, sent_at,"
            + " status, claimed_at, last_error";
    draftInsert =
        "insert into "
            + s
            + "inbox_drafts ("
            + draftColumns
            + ") select cast(? as uuid), cast(? as uuid), cast(? as uuid), cast(? as text),"
            + " cast(? as uuid), cast(? as timestamptz), null, null, 'draft', null, null"
            + " where exists (select 1 from "
            + s
            + "inbox_threads t where t.org_id = ? and t.id = ?)";
    draftLock =
        "select "
            + draftColumns
            + " from "
            + s
            + "inbox_drafts where org_id = ? and id = ? for update";
    draftMarkSent =
        "update "
            + s
            + "inbox_drafts set sent_message_id = ?, sent_at = ?, status = 'sent', last_error = null"
            + " where org_id = ? and id = ?";
    optOutInsert =
        "insert into "
            + s
            + "contact_opt_outs (org_id, contact_id, opted_out_at)"
            + " select cast(? as uuid), cast(? as uuid), cast(? as timestamptz)"
            + " where exists (select 1 from "
            + s
            + "contacts c where c.org_id = ? and c.id = ?) on conflict do nothing";
    optOutFind =
        "select count(*) from " + s + "contact_opt_outs where org_id = ? and contact_id = ?";

    String touchpointColumns =
        "id, org_id, contact_id, channel, campaign_id, ad_id, post_id, occurred_at,"
            + " source_message_id, thread_id";
    touchpointInsert =
        "insert into "
            + s
            + "touchpoints ("
            + touchpointColumns
            + ") select cast(? as uuid), cast(? as uuid), cast(? as uuid), cast(? as text),"
            + " cast(? as text), cast(? as text), cast(? as text), cast(? as timestamptz),"
            + " cast(? as uuid), cast(? as uuid) where exists (select 1 from "
            + s
            + "contacts c where c.org_id = ? and c.id = ?)";
    touchpointList =
        "select "
            + touchpointColumns
            + " from "
            + s
            + "touchpoints where org_id = ? and contact_id = ? order by occurred_at, seq";

    routingStateEnsure =
        "insert into " + s + "routing_state (org_id) values (?) on conflict do nothing";
    routingStateLock = "select org_id from " + s + "routing_state where org_id = ? for update";
    String agentColumns =
        "id, org_id, user_id, name, active, weight, capacity, languages, availability";
    agentInsert =
        "insert into "
            + s
            + "routing_agents ("
            + agentColumns
            + ") values (?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb)) on conflict do nothing";
    agentUpdate =
        "update "
            + s
            + "routing_agents set user_id = ?, name = ?, active = ?, weight = ?, capacity = ?,"
            + " languages = ?, availability = cast(? as jsonb) where org_id = ? and id = ?";
    agentFind =
        "select " + agentColumns + " from " + s + "routing_agents where org_id = ? and id = ?";
    agentList =
        "select " + agentColumns + " from " + s + "routing_agents where org_id = ? order by seq";
    String groupColumns = "org_id, key, name, policy, member_ids, offer_timeout, fallback_key";
    groupInsert =
        "insert into "
            + s
            + "routing_groups ("
            + groupColumns
            + ") values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing";
    groupUpdate =
        "update "
            + s
            + "routing_groups set name = ?, policy = ?, member_ids = ?, offer_timeout = ?,"
            + " fallback_key = ? where org_id = ? and key = ?";
    groupFind =
        "select " + groupColumns + " from " + s + "routing_groups where org_id = ? and key = ?";
    groupList =
        "select " + groupColumns + " from " + s + "routing_groups where org_id = ? order by seq";
    routingConfigFind = "select config from " + s + "routing_configs where org_id = ?";
    routingConfigSave =
        "insert into "
            + s
            + "routing_configs (org_id, config) values (?, cast(? as jsonb))"
            + " on conflict (org_id) do update set config = excluded.config";
    routingConfigDelete = "delete from " + s + "routing_configs where org_id = ?";
    counterList =
        "select group_key, agent_id, assigned from "
            + s
            + "routing_counters where org_id = ? order by group_key, agent_id";
    counterIncrement =
        "insert into "
            + s
            + "routing_counters (org_id, group_key, agent_id, assigned) values (?, ?, ?, 1)"
            + " on conflict (org_id, group_key, agent_id)"
            + " do update set assigned = routing_counters.assigned + 1";

    // ------------------------------------------------------------ send claims (issue 9)
    draftUpdateState =
        "update "
            + s
            + "inbox_drafts set status = ?, claimed_at = ?, last_error = ?"
            + " where org_id = ? and id = ? and status <> 'sent'";
    draftStaleClaims =
        "select "
            + draftColumns
            + " from "
            + s
            + "inbox_drafts where org_id = ? and status = 'sending' and claimed_at < ?"
            + " order by claimed_at limit ?";
    tokensLock = tokensFind + " for update";
    oauthPurge =
        "delete from "
            + s
            + "oauth_states where org_id = ? and state_hash in (select state_hash from "
            + s
            + "oauth_states where org_id = ? and (consumed_at is not null or expires_at <= ?)"
            + " limit ?)";
    membershipDelete = "delete from " + s + "memberships where org_id = ? and user_id = ?";
  }
}
