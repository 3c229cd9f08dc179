package ai.omniflow.store.spi;

import ai.omniflow.tenancy.ApiKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** API keys of the transaction's org; only hashes are stored. */
public interface ApiKeyRepository {
  /**
   * @throws IllegalArgumentException if the key is of another org
   */
  void insert(ApiKey key);

  /** The key whose token hashes to {@code secretHash}, revoked or not. */
  Optional<ApiKey> findByHash(String secretHash);

  /** Every key of the org, newest first. */
  List<ApiKey> list();

  /**
   * Marks the key revoked at {@code at}; a key revoked already keeps its first time.
   *
   * @return the key as it now is, or empty if there is no such key in the org
   */
  Optional<ApiKey> revoke(UUID keyId, Instant at);
}
