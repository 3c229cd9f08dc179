package ai.omniflow.store.spi;

import ai.omniflow.nurture.StoredPlaybook;
import java.util.List;
import java.util.Optional;

/**
 * The transaction's org's own nurture playbooks, by key (docs/nurture.md, decision 0067): each
 * overrides the pack's playbook with that key or adds one. Core checks a playbook against the pack
 * before saving it; the store keeps it as given. Reads and writes see the transaction's org only.
 */
public interface PlaybookRepository {
  /** The most playbooks of one org, as {@link #list} returns at most. */
  int MAX_PLAYBOOKS = 50;

  /** The org's playbooks, by key. */
  List<StoredPlaybook> list();

  Optional<StoredPlaybook> find(String key);

  /**
   * Inserts the playbook, or replaces the org's playbook with its key (keeping when it was made).
   *
   * @throws IllegalArgumentException if it is of another org
   */
  void save(StoredPlaybook playbook);

  /**
   * Deletes the org's playbook with {@code key}.
   *
   * @return whether there was one
   */
  boolean delete(String key);

  /**
   * Holds, until the transaction ends, the org's lock on playbook {@code key}: editing a playbook
   * and enrolling a lead in it take it, so an enrollment never starts on a version being replaced.
   */
  void lockKey(String key);
}
