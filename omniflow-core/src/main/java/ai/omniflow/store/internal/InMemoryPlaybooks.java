package ai.omniflow.store.internal;

import ai.omniflow.nurture.StoredPlaybook;
import ai.omniflow.store.spi.PlaybookRepository;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@link PlaybookRepository} of one in-memory transaction: the org's playbooks by key. Not
 * thread-safe: the store's lock guards it, and serializes what {@link #lockKey} orders.
 */
final class InMemoryPlaybooks implements PlaybookRepository {
  private final InMemoryTables tables;
  private final InMemoryContext tx;
  private final UUID org;

  InMemoryPlaybooks(InMemoryTables tables, InMemoryContext tx) {
    this.tables = tables;
    this.tx = tx;
    this.org = tx.org();
  }

  @Override
  public List<StoredPlaybook> list() {
    tx.requireOpen();
    return tables.playbooks.values().stream()
        .filter(p -> p.orgId().equals(org))
        .limit(MAX_PLAYBOOKS)
        .toList();
  }

  @Override
  public Optional<StoredPlaybook> find(String key) {
    Objects.requireNonNull(key, "key");
    tx.requireOpen();
    return Optional.ofNullable(tables.playbooks.get(List.of(org, key)));
  }

  @Override
  public void save(StoredPlaybook playbook) {
    tx.requireOrg(playbook.orgId(), "the playbook");
    StoredPlaybook old = tables.playbooks.get(List.of(org, playbook.key()));
    StoredPlaybook row =
        old == null
            ? playbook
            : new StoredPlaybook(org, playbook.playbook(), old.createdAt(), playbook.updatedAt());
    tx.put(tables.playbooks, List.<Object>of(org, playbook.key()), row);
  }

  @Override
  public boolean delete(String key) {
    Objects.requireNonNull(key, "key");
    tx.requireOpen();
    List<Object> k = List.of(org, key);
    if (!tables.playbooks.containsKey(k)) {
      return false;
    }
    tx.remove(tables.playbooks, k);
    return true;
  }

  @Override
  public void lockKey(String key) {
    Objects.requireNonNull(key, "key");
    tx.requireOpen();
  }
}
