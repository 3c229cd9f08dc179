package ai.omniflow.jdbc.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.connector.spi.HealthStatus;
import ai.omniflow.connectors.ConnectorAccount;
import ai.omniflow.store.spi.AccountTokens;
import ai.omniflow.store.spi.ConnectorAccountRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The {@link ConnectorAccountRepository} of one JDBC transaction, with the SQL it runs. Not
 * thread-safe.
 */
final class JdbcConnectorAccounts implements ConnectorAccountRepository {
  static final String ACCOUNT_INSERT =
      "insert into <schema>.connector_accounts (id, org_id, account_ref, provider, "
          + "external_account_id, display_name, scopes, status, status_detail, "
          + "last_checked_at, token_expires_at, created_at, updated_at) values (:id, :org_id, "
          + ":account_ref, :provider, :external_account_id, :display_name, :scopes, :status, "
          + ":status_detail, :last_checked_at, :token_expires_at, :created_at, :updated_at)";

  static final String ACCOUNT_UPDATE =
      "update <schema>.connector_accounts set display_name = :display_name, scopes = "
          + ":scopes, status = :status, status_detail = :status_detail, last_checked_at = "
          + ":last_checked_at, token_expires_at = :token_expires_at, updated_at = :updated_at "
          + "where org_id = :org and id = :id";

  static final String ACCOUNT_FIND_BY_REF =
      "select id, org_id, account_ref, provider, external_account_id, display_name, "
          + "scopes, status, status_detail, last_checked_at, token_expires_at, created_at, "
          + "updated_at from <schema>.connector_accounts where org_id = :org and account_ref "
          + "= :account_ref";

  static final String ACCOUNT_FIND_BY_EXTERNAL =
      "select id, org_id, account_ref, provider, external_account_id, display_name, "
          + "scopes, status, status_detail, last_checked_at, token_expires_at, created_at, "
          + "updated_at from <schema>.connector_accounts where org_id = :org and provider = "
          + ":provider and external_account_id = :external_account_id";

  static final String ACCOUNT_LIST =
      "select id, org_id, account_ref, provider, external_account_id, display_name, "
          + "scopes, status, status_detail, last_checked_at, token_expires_at, created_at, "
          + "updated_at from <schema>.connector_accounts where org_id = :org order by "
          + "created_at, seq";

  static final String TOKENS_UPSERT =
      "insert into <schema>.connector_tokens (account_id, org_id, access_token, "
          + "refresh_token, updated_at) values (:account_id, :org_id, :access_token, "
          + ":refresh_token, :updated_at) on conflict (account_id) do update set access_token "
          + "= excluded.access_token, refresh_token = excluded.refresh_token, updated_at = "
          + "excluded.updated_at where connector_tokens.org_id = excluded.org_id";

  static final String TOKENS_FIND =
      "select account_id, org_id, access_token, refresh_token, updated_at from "
          + "<schema>.connector_tokens where org_id = :org and account_id = :account_id";

  static final String TOKENS_LOCK = TOKENS_FIND + " for update";

  static final String TOKENS_DELETE =
      "delete from <schema>.connector_tokens where org_id = :org and account_id = " + ":account_id";

  static final String TOKENS_ALL =
      "select account_id, org_id, access_token, refresh_token, updated_at from "
          + "<schema>.connector_tokens where org_id = :org";

  private final JdbcContext tx;
  private final UUID org;

  JdbcConnectorAccounts(JdbcContext tx) {
    this.tx = tx;
    this.org = tx.org();
  }

  @Override
  public void insert(ConnectorAccount a) {
    tx.requireOrg(a.orgId(), "the connector account");
    tx.guarded(
        "connector_accounts.insert",
        () ->
            tx.change(ACCOUNT_INSERT)
                .bind("id", a.id())
                .bind("org_id", a.orgId())
                .bind("account_ref", a.accountRef())
                .bind("provider", a.provider())
                .bind("external_account_id", a.externalAccountId())
                .bind("display_name", a.displayName())
                .bind("scopes", String.join(" ", a.scopes()))
                .bind("status", a.status().name().toLowerCase(Locale.ROOT))
                .bind("status_detail", a.statusDetail())
                .bindByType("last_checked_at", a.lastCheckedAt(), Instant.class)
                .bindByType("token_expires_at", a.tokenExpiresAt(), Instant.class)
                .bind("created_at", a.createdAt())
                .bind("updated_at", a.updatedAt())
                .execute());
  }

  @Override
  public void update(ConnectorAccount a) {
    tx.requireOrg(a.orgId(), "the connector account");
    int rows =
        tx.step(
            "connector_accounts.update",
            () ->
                tx.change(ACCOUNT_UPDATE)
                    .bind("display_name", a.displayName())
                    .bind("scopes", String.join(" ", a.scopes()))
                    .bind("status", a.status().name().toLowerCase(Locale.ROOT))
                    .bind("status_detail", a.statusDetail())
                    .bindByType("last_checked_at", a.lastCheckedAt(), Instant.class)
                    .bindByType("token_expires_at", a.tokenExpiresAt(), Instant.class)
                    .bind("updated_at", a.updatedAt())
                    .bind("org", org)
                    .bind("id", a.id())
                    .execute());
    if (rows == 0) {
      throw OmniFlowException.notFound("The connector account");
    }
  }

  @Override
  public Optional<ConnectorAccount> findByRef(String accountRef) {
    Objects.requireNonNull(accountRef, "accountRef");
    return tx.step(
        "connector_accounts.find_by_ref",
        () ->
            tx.select(ACCOUNT_FIND_BY_REF)
                .bind("org", org)
                .bind("account_ref", accountRef)
                .map((rs, ctx) -> connectorAccount(rs, ctx))
                .findOne());
  }

  @Override
  public Optional<ConnectorAccount> findByExternalId(String provider, String externalId) {
    return tx.step(
        "connector_accounts.find_by_external_id",
        () ->
            tx.select(ACCOUNT_FIND_BY_EXTERNAL)
                .bind("org", org)
                .bind("provider", provider)
                .bind("external_account_id", externalId)
                .map((rs, ctx) -> connectorAccount(rs, ctx))
                .findOne());
  }

  @Override
  public List<ConnectorAccount> list() {
    return tx.step(
        "connector_accounts.list",
        () ->
            tx.select(ACCOUNT_LIST)
                .bind("org", org)
                .map((rs, ctx) -> connectorAccount(rs, ctx))
                .list());
  }

  @Override
  public void saveTokens(AccountTokens t) {
    tx.requireOrg(t.orgId(), "the tokens");
    int rows =
        tx.guarded(
            "connector_tokens.save",
            () ->
                tx.change(TOKENS_UPSERT)
                    .bind("account_id", t.accountId())
                    .bind("org_id", t.orgId())
                    .bind("access_token", t.accessToken())
                    .bind("refresh_token", t.refreshToken())
                    .bind("updated_at", t.updatedAt())
                    .execute());
    if (rows == 0) {
      throw OmniFlowException.notFound("The connector account");
    }
  }

  @Override
  public Optional<AccountTokens> tokens(UUID accountId) {
    Objects.requireNonNull(accountId, "accountId");
    return tx.step(
        "connector_tokens.find",
        () ->
            tx.select(TOKENS_FIND)
                .bind("org", org)
                .bind("account_id", accountId)
                .map((rs, ctx) -> accountTokens(rs, ctx))
                .findOne());
  }

  // ------------------------------------------------------------ single-flight refresh

  @Override
  public Optional<AccountTokens> lockTokens(UUID accountId) {
    Objects.requireNonNull(accountId, "accountId");
    return tx.step(
        "connector_tokens.lock",
        () ->
            tx.select(TOKENS_LOCK)
                .bind("org", org)
                .bind("account_id", accountId)
                .map((rs, ctx) -> accountTokens(rs, ctx))
                .findOne());
  }

  @Override
  public boolean deleteTokens(UUID accountId) {
    Objects.requireNonNull(accountId, "accountId");
    return tx.step(
            "connector_tokens.delete",
            () -> tx.change(TOKENS_DELETE).bind("org", org).bind("account_id", accountId).execute())
        > 0;
  }

  @Override
  public List<AccountTokens> allTokens() {
    return tx.step(
        "connector_tokens.all",
        () ->
            tx.select(TOKENS_ALL).bind("org", org).map((rs, ctx) -> accountTokens(rs, ctx)).list());
  }

  private static ConnectorAccount connectorAccount(ResultSet rs, StatementContext ctx)
      throws SQLException {
    String scopes = rs.getString("scopes");
    return new ConnectorAccount(
        Columns.uuid(rs, "id"),
        Columns.uuid(rs, "org_id"),
        rs.getString("account_ref"),
        rs.getString("provider"),
        rs.getString("external_account_id"),
        rs.getString("display_name"),
        scopes.isEmpty() ? List.of() : Arrays.asList(scopes.split(" ")),
        HealthStatus.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
        rs.getString("status_detail"),
        Columns.nullableInstant(rs, "last_checked_at"),
        Columns.nullableInstant(rs, "token_expires_at"),
        Columns.instant(rs, "created_at"),
        Columns.instant(rs, "updated_at"));
  }

  private static AccountTokens accountTokens(ResultSet rs, StatementContext ctx)
      throws SQLException {
    return new AccountTokens(
        Columns.uuid(rs, "account_id"),
        Columns.uuid(rs, "org_id"),
        rs.getBytes("access_token"),
        rs.getBytes("refresh_token"),
        Columns.instant(rs, "updated_at"));
  }
}
