package ai.omniflow.store.spi;

import ai.omniflow.connectors.OAuthState;
import java.time.Instant;
import java.util.Optional;

/** Pending OAuth authorizations of the transaction's org. */
public interface OAuthStateRepository {
  /**
   * @throws IllegalArgumentException if the state is of another org
   * @throws ai.omniflow.OmniFlowException {@code conflict} if the hash exists already
   */
  void insert(OAuthState state);

  /** The state with that hash in the org, consumed or not. */
  Optional<OAuthState> find(String stateHash);

  /**
   * Marks the state consumed at {@code at}, if it is not yet, and forgets its PKCE verifier.
   *
   * @return whether this call consumed it (false if it was consumed already or is absent)
   */
  boolean consume(String stateHash, Instant at);

  // ---------------------------------------------------------------- purge (issue 9)

  /**
   * Deletes up to {@code limit} of the org's states that are consumed or expired at {@code now}.
   *
   * @return how many were deleted
   * @throws IllegalArgumentException if {@code limit} is not 1 to 1000
   */
  int purge(Instant now, int limit);
}
