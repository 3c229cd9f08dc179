package ai.omniflow.store.spi;

import ai.omniflow.Page;
import ai.omniflow.PageRequest;
import ai.omniflow.audit.AuditEntry;

/** The org's audit log. Append-only: there is no way to change or remove an entry. */
public interface AuditRepository {
  /**
   * @throws IllegalArgumentException if the entry is of another org
   */
  void append(AuditEntry entry);

  /** The org's entries, newest first (by time, then by order of appending). */
  Page<AuditEntry> list(PageRequest page);
}
