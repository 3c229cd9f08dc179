package ai.omniflow.store.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.store.spi.ApiKeyRepository;
import ai.omniflow.tenancy.ApiKey;
import ai.omniflow.tenancy.TenancyErrors;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@link ApiKeyRepository} of one in-memory transaction. Not thread-safe: the store's lock
 * guards it.
 */
final class InMemoryApiKeys implements ApiKeyRepository {
  private final InMemoryTables tables;
  private final InMemoryContext tx;
  private final UUID org;

  InMemoryApiKeys(InMemoryTables tables, InMemoryContext tx) {
    this.tables = tables;
    this.tx = tx;
    this.org = tx.org();
  }

  @Override
  public void insert(ApiKey key) {
    tx.requireOrg(key.orgId(), "the API key");
    if (tables.apiKeys.containsKey(key.id())) {
      throw OmniFlowException.conflict(TenancyErrors.API_KEY_EXISTS, "The API key exists already.");
    }
    tx.put(tables.apiKeys, key.id(), key);
  }

  @Override
  public Optional<ApiKey> findByHash(String secretHash) {
    tx.requireOpen();
    return tables.apiKeys.values().stream()
        .filter(k -> k.orgId().equals(org) && sameHash(k.secretHash(), secretHash))
        .findFirst();
  }

  @Override
  public List<ApiKey> list() {
    tx.requireOpen();
    List<ApiKey> list =
        new ArrayList<>(
            tables.apiKeys.values().stream().filter(k -> k.orgId().equals(org)).toList());
    java.util.Collections.reverse(list);
    return list;
  }

  @Override
  public Optional<ApiKey> revoke(UUID keyId, Instant at) {
    tx.requireOpen();
    ApiKey old = tables.apiKeys.get(keyId);
    if (old == null || !old.orgId().equals(org)) {
      return Optional.empty();
    }
    if (old.isRevoked()) {
      return Optional.of(old);
    }
    ApiKey revoked = old.revokedAt(at);
    tx.put(tables.apiKeys, keyId, revoked);
    return Optional.of(revoked);
  }

  /** Compares in constant time, so the in-memory store leaks no timing about stored hashes. */
  private static boolean sameHash(String stored, String given) {
    return java.security.MessageDigest.isEqual(
        stored.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        given.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
