package ai.omniflow.store.spi;

import ai.omniflow.contacts.ConsentEntry;
import java.util.List;
import java.util.UUID;

/**
 * The consent ledger of the transaction's org: every grant and withdrawal of consent per contact
 * and channel. Append-only: an entry is never changed or removed.
 */
public interface ConsentRepository {
  /** The most entries {@link #newest} returns. */
  int MAX_NEWEST = 1000;

  /**
   * Appends {@code entry}.
   *
   * @throws IllegalArgumentException if the entry is of another org
   * @throws ai.omniflow.OmniFlowException {@code not_found} if the org has no such contact
   */
  void append(ConsentEntry entry);

  /**
   * The contact's newest entries, newest first ({@code at}, then the order they were appended), at
   * most {@code limit}; none for another org's contact.
   *
   * @throws IllegalArgumentException if {@code limit} is not 1 to {@value #MAX_NEWEST}
   */
  List<ConsentEntry> newest(UUID contactId, int limit);
}
