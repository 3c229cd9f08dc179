package ai.omniflow.store.spi;

import ai.omniflow.contacts.ContactMerge;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Merge records of the transaction's org. They are never deleted; an unmerge marks one undone. */
public interface ContactMergeRepository {
  /**
   * @throws IllegalArgumentException if the merge is of another org
   * @throws ai.omniflow.OmniFlowException {@code contact_merge_exists} (conflict) if the id is
   *     taken; {@code not_found} if either contact does not exist in the org
   */
  void insert(ContactMerge merge);

  Optional<ContactMerge> find(UUID mergeId);

  /**
   * Marks the merge undone at {@code at}, if it is not yet.
   *
   * @return whether this call undid it (false if it was undone already or is absent)
   */
  boolean markUndone(UUID mergeId, Instant at);

  /** The merges in which the contact survived or was merged away, oldest first. */
  List<ContactMerge> listFor(UUID contactId);
}
