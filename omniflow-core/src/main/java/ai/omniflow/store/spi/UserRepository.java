package ai.omniflow.store.spi;

import ai.omniflow.tenancy.User;
import java.util.Optional;
import java.util.UUID;

/** Users, as the transaction's org sees them: only those with a membership in it. */
public interface UserRepository {
  /** The user, if they are a member of the transaction's org. */
  Optional<User> find(UUID userId);

  /**
   * Creates a user; they become visible to the org once a membership links them.
   *
   * @throws ai.omniflow.OmniFlowException {@code conflict} if the id or e-mail is taken
   */
  void insert(User user);
}
