package ai.omniflow.store.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.store.spi.UserRepository;
import ai.omniflow.tenancy.TenancyErrors;
import ai.omniflow.tenancy.User;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@link UserRepository} of one in-memory transaction. Not thread-safe: the store's lock guards
 * it.
 */
final class InMemoryUsers implements UserRepository {
  private final InMemoryTables tables;
  private final InMemoryContext tx;
  private final UUID org;

  InMemoryUsers(InMemoryTables tables, InMemoryContext tx) {
    this.tables = tables;
    this.tx = tx;
    this.org = tx.org();
  }

  @Override
  public Optional<User> find(UUID userId) {
    tx.requireOpen();
    if (!tables.memberships.containsKey(List.of(org, userId))) {
      return Optional.empty();
    }
    return Optional.ofNullable(tables.users.get(userId));
  }

  @Override
  public void insert(User user) {
    tx.requireOpen();
    // Users are rows of the org that created them (decision 0030): an e-mail is unique within
    // that org only, so another org's users are neither revealed nor touched.
    boolean emailTaken =
        tables.users.values().stream()
            .anyMatch(
                u -> u.email().equals(user.email()) && org.equals(tables.userOrgs.get(u.id())));
    if (tables.users.containsKey(user.id()) || emailTaken) {
      throw OmniFlowException.conflict(
          TenancyErrors.USER_EXISTS, "A user with that id or e-mail exists in the org.");
    }
    tx.put(tables.users, user.id(), user);
    tx.put(tables.userOrgs, user.id(), org);
  }
}
