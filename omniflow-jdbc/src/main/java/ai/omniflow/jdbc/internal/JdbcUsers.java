package ai.omniflow.jdbc.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.store.spi.UserRepository;
import ai.omniflow.tenancy.TenancyErrors;
import ai.omniflow.tenancy.User;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.statement.StatementContext;

/** The {@link UserRepository} of one JDBC transaction, with the SQL it runs. Not thread-safe. */
final class JdbcUsers implements UserRepository {
  static final String USER_FIND =
      "select u.id, u.email, u.display_name, u.created_at from <schema>.users u where "
          + "u.id = :id and exists (select 1 from <schema>.memberships m where m.user_id = "
          + "u.id and m.org_id = :org)";

  static final String USER_INSERT =
      "insert into <schema>.users (id, org_id, email, display_name, created_at) values (:id, "
          + ":org, :email, :display_name, :created_at) on conflict do nothing";

  private final JdbcContext tx;
  private final UUID org;

  JdbcUsers(JdbcContext tx) {
    this.tx = tx;
    this.org = tx.org();
  }

  @Override
  public Optional<User> find(UUID userId) {
    Objects.requireNonNull(userId, "userId");
    return tx.step(
        "users.find",
        () ->
            tx.select(USER_FIND)
                .bind("id", userId)
                .bind("org", org)
                .map((rs, ctx) -> user(rs, ctx))
                .findOne());
  }

  @Override
  public void insert(User user) {
    Objects.requireNonNull(user, "user");
    int rows =
        tx.step(
            "users.insert",
            () ->
                tx.change(USER_INSERT)
                    .bind("id", user.id())
                    .bind("org", org)
                    .bind("email", user.email())
                    .bind("display_name", user.displayName())
                    .bind("created_at", user.createdAt())
                    .execute());
    if (rows == 0) {
      throw OmniFlowException.conflict(
          TenancyErrors.USER_EXISTS, "A user with that id or e-mail exists in the org.");
    }
  }

  private static User user(ResultSet rs, StatementContext ctx) throws SQLException {
    return new User(
        Columns.uuid(rs, "id"),
        rs.getString("email"),
        rs.getString("display_name"),
        Columns.instant(rs, "created_at"));
  }
}
