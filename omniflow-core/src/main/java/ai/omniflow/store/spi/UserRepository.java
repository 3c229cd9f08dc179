package ai.omniflow.store.spi;

import ai.omniflow.tenancy.User;
import java.util.Optional;
import java.util.UUID;

/** Users, as the transaction's org sees them: only those with a membership in it. */
public interface UserRepository {
  /** The user, if they are a member of the transaction's org. */
  Optional<User> find(UUID userId);

  /**
   * Creates a user as a row of the transaction's org (decision 0030); they become visible to the
   * org once a membership links them. Only that org may change the row. An e-mail is unique within
   * the org only, so inserting one that another org uses succeeds and reveals nothing.
   *
   * @throws ai.omniflow.OmniFlowException {@code conflict} ({@code user_exists}) if the id is
   *     taken, or the org has a user with the e-mail
   */
  void insert(User user);
}
