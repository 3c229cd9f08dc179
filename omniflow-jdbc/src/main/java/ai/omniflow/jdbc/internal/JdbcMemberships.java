package ai.omniflow.jdbc.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.store.spi.MembershipRepository;
import ai.omniflow.tenancy.Membership;
import ai.omniflow.tenancy.Role;
import ai.omniflow.tenancy.TenancyErrors;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The {@link MembershipRepository} of one JDBC transaction, with the SQL it runs. Not thread-safe.
 */
final class JdbcMemberships implements MembershipRepository {
  static final String MEMBERSHIP_FIND =
      "select org_id, user_id, role, created_at from <schema>.memberships where org_id "
          + "= :org and user_id = :user_id";

  static final String MEMBERSHIP_LIST =
      "select org_id, user_id, role, created_at from <schema>.memberships where org_id "
          + "= :org order by created_at, seq";

  static final String MEMBERSHIP_INSERT =
      "insert into <schema>.memberships (org_id, user_id, role, created_at) values "
          + "(:org_id, :user_id, :role, :created_at) on conflict do nothing";

  static final String MEMBERSHIP_UPDATE =
      "update <schema>.memberships set role = :role, created_at = :created_at where "
          + "org_id = :org_id and user_id = :user_id";

  static final String MEMBERSHIP_DELETE =
      "delete from <schema>.memberships where org_id = :org and user_id = :user_id";

  private final JdbcContext tx;
  private final UUID org;

  JdbcMemberships(JdbcContext tx) {
    this.tx = tx;
    this.org = tx.org();
  }

  @Override
  public Optional<Membership> find(UUID userId) {
    Objects.requireNonNull(userId, "userId");
    return tx.step(
        "memberships.find",
        () ->
            tx.select(MEMBERSHIP_FIND)
                .bind("org", org)
                .bind("user_id", userId)
                .map((rs, ctx) -> membership(rs, ctx))
                .findOne());
  }

  @Override
  public List<Membership> list() {
    return tx.step(
        "memberships.list",
        () ->
            tx.select(MEMBERSHIP_LIST)
                .bind("org", org)
                .map((rs, ctx) -> membership(rs, ctx))
                .list());
  }

  @Override
  public void insert(Membership m) {
    tx.requireOrg(m.orgId(), "the membership");
    // A savepoint: an unknown user is a foreign-key refusal, which must not poison the rest.
    int rows =
        tx.guarded(
            "memberships.insert",
            () ->
                tx.change(MEMBERSHIP_INSERT)
                    .bind("org_id", m.orgId())
                    .bind("user_id", m.userId())
                    .bind("role", m.role().wireName())
                    .bind("created_at", m.createdAt())
                    .execute());
    if (rows == 0) {
      throw OmniFlowException.conflict(
          TenancyErrors.MEMBER_EXISTS, "The user is a member already.");
    }
  }

  @Override
  public void update(Membership m) {
    tx.requireOrg(m.orgId(), "the membership");
    int rows =
        tx.step(
            "memberships.update",
            () ->
                tx.change(MEMBERSHIP_UPDATE)
                    .bind("role", m.role().wireName())
                    .bind("created_at", m.createdAt())
                    .bind("org_id", m.orgId())
                    .bind("user_id", m.userId())
                    .execute());
    if (rows == 0) {
      throw OmniFlowException.notFound("The membership");
    }
  }

  // ------------------------------------------------------------ members API (issue 9)

  @Override
  public boolean delete(UUID userId) {
    Objects.requireNonNull(userId, "userId");
    return tx.step(
            "memberships.delete",
            () -> tx.change(MEMBERSHIP_DELETE).bind("org", org).bind("user_id", userId).execute())
        > 0;
  }

  private static Membership membership(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Membership(
        Columns.uuid(rs, "org_id"),
        Columns.uuid(rs, "user_id"),
        Role.parse(rs.getString("role")),
        Columns.instant(rs, "created_at"));
  }
}
