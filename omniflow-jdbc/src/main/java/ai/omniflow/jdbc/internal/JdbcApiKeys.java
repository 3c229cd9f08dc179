package ai.omniflow.jdbc.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.store.spi.ApiKeyRepository;
import ai.omniflow.tenancy.ApiKey;
import ai.omniflow.tenancy.TenancyErrors;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.statement.StatementContext;

/** The {@link ApiKeyRepository} of one JDBC transaction, with the SQL it runs. Not thread-safe. */
final class JdbcApiKeys implements ApiKeyRepository {
  static final String API_KEY_INSERT =
      "insert into <schema>.api_keys (id, org_id, user_id, name, prefix, secret_hash, "
          + "created_at, revoked_at, issued_by_user_id) values (:id, :org_id, :user_id, :name, "
          + ":prefix, :secret_hash, :created_at, :revoked_at, :issued_by_user_id) on conflict do "
          + "nothing";

  static final String API_KEY_FIND_BY_HASH =
      "select id, org_id, user_id, name, prefix, secret_hash, created_at, revoked_at, "
          + "issued_by_user_id from <schema>.api_keys where org_id = :org and secret_hash = :secret_hash";

  static final String API_KEY_LIST =
      "select id, org_id, user_id, name, prefix, secret_hash, created_at, revoked_at, "
          + "issued_by_user_id from <schema>.api_keys where org_id = :org order by created_at desc, seq desc";

  static final String API_KEY_REVOKE =
      "update <schema>.api_keys set revoked_at = coalesce(revoked_at, :revoked_at) "
          + "where org_id = :org and id = :id returning id, org_id, user_id, name, prefix, "
          + "secret_hash, created_at, revoked_at, issued_by_user_id";

  private final JdbcContext tx;
  private final UUID org;

  JdbcApiKeys(JdbcContext tx) {
    this.tx = tx;
    this.org = tx.org();
  }

  @Override
  public void insert(ApiKey key) {
    tx.requireOrg(key.orgId(), "the API key");
    int rows =
        tx.step(
            "api_keys.insert",
            () ->
                tx.change(API_KEY_INSERT)
                    .bind("id", key.id())
                    .bind("org_id", key.orgId())
                    .bind("user_id", key.userId())
                    .bind("name", key.name())
                    .bind("prefix", key.prefix())
                    .bind("secret_hash", key.secretHash())
                    .bind("created_at", key.createdAt())
                    .bindByType("revoked_at", key.revokedAt(), Instant.class)
                    .bindByType("issued_by_user_id", key.issuedByUserId(), UUID.class)
                    .execute());
    if (rows == 0) {
      throw OmniFlowException.conflict(TenancyErrors.API_KEY_EXISTS, "The API key exists already.");
    }
  }

  @Override
  public Optional<ApiKey> findByHash(String secretHash) {
    Objects.requireNonNull(secretHash, "secretHash");
    return tx.step(
        "api_keys.find_by_hash",
        () ->
            tx.select(API_KEY_FIND_BY_HASH)
                .bind("org", org)
                .bind("secret_hash", secretHash)
                .map((rs, ctx) -> apiKey(rs, ctx))
                .findOne());
  }

  @Override
  public List<ApiKey> list() {
    return tx.step(
        "api_keys.list",
        () -> tx.select(API_KEY_LIST).bind("org", org).map((rs, ctx) -> apiKey(rs, ctx)).list());
  }

  @Override
  public Optional<ApiKey> revoke(UUID keyId, Instant at) {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(at, "at");
    return tx.step(
        "api_keys.revoke",
        () ->
            tx.select(API_KEY_REVOKE)
                .bind("revoked_at", at)
                .bind("org", org)
                .bind("id", keyId)
                .map((rs, ctx) -> apiKey(rs, ctx))
                .findOne());
  }

  private static ApiKey apiKey(ResultSet rs, StatementContext ctx) throws SQLException {
    return new ApiKey(
        Columns.uuid(rs, "id"),
        Columns.uuid(rs, "org_id"),
        Columns.uuid(rs, "user_id"),
        rs.getString("name"),
        rs.getString("prefix"),
        rs.getString("secret_hash"),
        Columns.instant(rs, "created_at"),
        Columns.nullableInstant(rs, "revoked_at"),
        Columns.nullableUuid(rs, "issued_by_user_id"));
  }
}
