package ai.omniflow.store.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What every repository of one in-memory transaction shares: the org that scopes it, whether it is
 * still open, and its undo log, which a failed transaction runs backwards so that it leaves nothing
 * behind. Not thread-safe.
 */
final class InMemoryContext {
  private final UUID org;
  private final Deque<Runnable> undo = new ArrayDeque<>();
  private boolean open = true;

  InMemoryContext(UUID org) {
    this.org = org;
  }

  UUID org() {
    return org;
  }

  /** Records a step that undoes a change other than the ones below. */
  void undo(Runnable step) {
    undo.push(step);
  }

  /** Puts {@code value} under {@code key}, remembering what was there (or that nothing was). */
  <K, V> void put(Map<K, V> table, K key, V value) {
    boolean had = table.containsKey(key);
    V old = table.put(key, value);
    undo.push(
        () -> {
          if (had) {
            table.put(key, old);
          } else {
            table.remove(key);
          }
        });
  }

  /** Removes the row under {@code key}, if any, remembering it. */
  <K, V> void remove(Map<K, V> table, K key) {
    if (table.containsKey(key)) {
      V old = table.remove(key);
      undo.push(() -> table.put(key, old));
    }
  }

  /** Appends {@code row} to an append-only log. */
  <T> void append(List<T> log, T row) {
    log.add(row);
    undo.push(() -> log.remove(log.size() - 1));
  }

  void close() {
    open = false;
  }

  void rollback() {
    while (!undo.isEmpty()) {
      undo.pop().run();
    }
  }

  void requireOpen() {
    if (!open) {
      throw new IllegalStateException("the transaction has ended");
    }
  }

  void requireOrg(UUID rowOrg, String what) {
    requireOpen();
    if (!org.equals(rowOrg)) {
      throw new IllegalArgumentException(what + " belongs to another org than the transaction");
    }
  }
}
