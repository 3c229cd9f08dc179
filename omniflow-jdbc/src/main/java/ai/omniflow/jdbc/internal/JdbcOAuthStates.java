package ai.omniflow.jdbc.internal;

import ai.omniflow.connectors.OAuthState;
import ai.omniflow.store.spi.OAuthStateRepository;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The {@link OAuthStateRepository} of one JDBC transaction, with the SQL it runs. Not thread-safe.
 */
final class JdbcOAuthStates implements OAuthStateRepository {
  static final String OAUTH_INSERT =
      "insert into <schema>.oauth_states (state_hash, org_id, user_id, provider, "
          + "code_verifier, redirect_uri, created_at, expires_at, consumed_at) values "
          + "(:state_hash, :org_id, :user_id, :provider, :code_verifier, :redirect_uri, "
          + ":created_at, :expires_at, :consumed_at)";

  static final String OAUTH_FIND =
      "select state_hash, org_id, user_id, provider, code_verifier, redirect_uri, "
          + "created_at, expires_at, consumed_at from <schema>.oauth_states where org_id = "
          + ":org and state_hash = :state_hash";

  static final String OAUTH_CONSUME =
      "update <schema>.oauth_states set consumed_at = :consumed_at, code_verifier = null "
          + "where org_id = :org and state_hash = :state_hash and consumed_at is null";

  static final String OAUTH_PURGE =
      "delete from <schema>.oauth_states where org_id = :org and state_hash in (select "
          + "state_hash from <schema>.oauth_states where org_id = :org and (consumed_at is not "
          + "null or expires_at <= :now) limit :limit)";

  private final JdbcContext tx;
  private final UUID org;

  JdbcOAuthStates(JdbcContext tx) {
    this.tx = tx;
    this.org = tx.org();
  }

  @Override
  public void insert(OAuthState st) {
    tx.requireOrg(st.orgId(), "the OAuth state");
    tx.guarded(
        "oauth_states.insert",
        () ->
            tx.change(OAUTH_INSERT)
                .bind("state_hash", st.stateHash())
                .bind("org_id", st.orgId())
                .bind("user_id", st.userId())
                .bind("provider", st.provider())
                .bind("code_verifier", st.codeVerifier())
                .bind("redirect_uri", st.redirectUri().toString())
                .bind("created_at", st.createdAt())
                .bindByType("expires_at", st.expiresAt(), Instant.class)
                .bindByType("consumed_at", st.consumedAt(), Instant.class)
                .execute());
  }

  @Override
  public Optional<OAuthState> find(String stateHash) {
    Objects.requireNonNull(stateHash, "stateHash");
    return tx.step(
        "oauth_states.find",
        () ->
            tx.select(OAUTH_FIND)
                .bind("org", org)
                .bind("state_hash", stateHash)
                .map((rs, ctx) -> oauthState(rs, ctx))
                .findOne());
  }

  @Override
  public boolean consume(String stateHash, Instant at) {
    Objects.requireNonNull(stateHash, "stateHash");
    return tx.step(
            "oauth_states.consume",
            () ->
                tx.change(OAUTH_CONSUME)
                    .bind("consumed_at", at)
                    .bind("org", org)
                    .bind("state_hash", stateHash)
                    .execute())
        > 0;
  }

  // ------------------------------------------------------------ purge (issue 9)

  @Override
  public int purge(Instant now, int limit) {
    Objects.requireNonNull(now, "now");
    if (limit < 1 || limit > 1000) {
      throw new IllegalArgumentException("limit must be 1 to 1000");
    }
    return tx.step(
        "oauth_states.purge",
        () ->
            tx.change(OAUTH_PURGE)
                .bind("org", org)
                .bind("now", now)
                .bind("limit", limit)
                .execute());
  }

  private static OAuthState oauthState(ResultSet rs, StatementContext ctx) throws SQLException {
    return new OAuthState(
        rs.getString("state_hash"),
        Columns.uuid(rs, "org_id"),
        Columns.uuid(rs, "user_id"),
        rs.getString("provider"),
        rs.getString("code_verifier"),
        URI.create(rs.getString("redirect_uri")),
        Columns.instant(rs, "created_at"),
        Columns.instant(rs, "expires_at"),
        Columns.nullableInstant(rs, "consumed_at"));
  }
}
