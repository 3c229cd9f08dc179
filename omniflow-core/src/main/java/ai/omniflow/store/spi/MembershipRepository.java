package ai.omniflow.store.spi;

import ai.omniflow.tenancy.Membership;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Memberships of the transaction's org. */
public interface MembershipRepository {
  Optional<Membership> find(UUID userId);

  /** Every membership of the org, oldest first. */
  List<Membership> list();

  /**
   * @throws IllegalArgumentException if the membership is of another org
   * @throws ai.omniflow.OmniFlowException {@code conflict} if the user is a member already; {@code
   *     not_found} if no user has that id
   */
  void insert(Membership membership);

  /**
   * Replaces the membership of the same user.
   *
   * @throws ai.omniflow.OmniFlowException {@code not_found} if there is none
   */
  void update(Membership membership);

  // ---------------------------------------------------------------- members API (issue 9)

  /**
   * Removes the user's membership of the org.
   *
   * @return whether there was one
   */
  boolean delete(UUID userId);
}
