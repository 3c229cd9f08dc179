package ai.omniflow.jdbc.internal;

/**
 * The store's SQL for one schema, built once. Table names are qualified with the (validated)
 * schema, so nothing depends on the connection's search_path. Every statement names the org
 * explicitly as well as relying on row-level security.
 */
final class SqlStatements {
  final String setOrg = "select set_config('app.org_id', ?, true)";

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

  SqlStatements(String schema) {
    String s = SqlNames.require("schema", schema) + ".";
    String orgColumns = "id, name, pack_slug, pack_version, created_at";
    orgCurrent = "select " + orgColumns + " from " + s + "orgs where id = ?";
    orgInsert =
        "insert into "
            + s
            + "orgs (id, name, pack_slug, pack_version, created_at) values (?, ?, ?, ?, ?)"
            + " on conflict do nothing";
    // The WHERE names the org; the caller passes the transaction's org (checked before).
    orgUpdate =
        "update "
            + s
            + "orgs set name = ?, pack_slug = ?, pack_version = ?, created_at = ?"
            + " where id = ?";

    userFind =
        "select u.id, u.email, u.display_name, u.created_at from "
            + s
            + "users u where u.id = ? and exists (select 1 from "
            + s
            + "memberships m where m.user_id = u.id and m.org_id = ?)";
    userInsert =
        "insert into "
            + s
            + "users (id, email, display_name, created_at) values (?, ?, ?, ?)"
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

    String keyColumns = "id, org_id, user_id, name, prefix, secret_hash, created_at, revoked_at";
    apiKeyInsert =
        "insert into "
            + s
            + "api_keys ("
            + keyColumns
            + ") values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing";
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
  }
}
