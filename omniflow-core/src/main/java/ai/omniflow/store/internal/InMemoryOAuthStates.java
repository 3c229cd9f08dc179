package ai.omniflow.store.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.connectors.ConnectorErrors;
import ai.omniflow.connectors.OAuthState;
import ai.omniflow.store.spi.OAuthStateRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@link OAuthStateRepository} of one in-memory transaction. Not thread-safe: the store's lock
 * guards it.
 */
final class InMemoryOAuthStates implements OAuthStateRepository {
  private final InMemoryTables tables;
  private final InMemoryContext tx;
  private final UUID org;

  InMemoryOAuthStates(InMemoryTables tables, InMemoryContext tx) {
    this.tables = tables;
    this.tx = tx;
    this.org = tx.org();
  }

  @Override
  public void insert(OAuthState state) {
    tx.requireOrg(state.orgId(), "the OAuth state");
    if (tables.oauthStates.containsKey(state.stateHash())) {
      throw OmniFlowException.conflict(
          ConnectorErrors.OAUTH_STATE_EXISTS, "The OAuth state exists.");
    }
    tx.put(tables.oauthStates, state.stateHash(), state);
  }

  @Override
  public Optional<OAuthState> find(String stateHash) {
    tx.requireOpen();
    return Optional.ofNullable(tables.oauthStates.get(stateHash))
        .filter(s -> s.orgId().equals(org));
  }

  @Override
  public boolean consume(String stateHash, Instant at) {
    tx.requireOpen();
    OAuthState old = tables.oauthStates.get(stateHash);
    if (old == null || !old.orgId().equals(org) || old.consumedAt() != null) {
      return false;
    }
    tx.put(
        tables.oauthStates,
        stateHash,
        new OAuthState(
            old.stateHash(),
            old.orgId(),
            old.userId(),
            old.provider(),
            null,
            old.redirectUri(),
            old.createdAt(),
            old.expiresAt(),
            at));
    return true;
  }

  // ------------------------------------------------------------ purge (issue 9)

  @Override
  public int purge(Instant now, int limit) {
    tx.requireOpen();
    if (limit < 1 || limit > 1000) {
      throw new IllegalArgumentException("limit must be 1 to 1000");
    }
    List<OAuthState> gone =
        tables.oauthStates.values().stream()
            .filter(
                st ->
                    st.orgId().equals(org)
                        && (st.consumedAt() != null || !now.isBefore(st.expiresAt())))
            .limit(limit)
            .toList();
    for (OAuthState st : gone) {
      tx.remove(tables.oauthStates, st.stateHash());
    }
    return gone.size();
  }
}
