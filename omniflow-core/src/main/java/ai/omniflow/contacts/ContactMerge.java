package ai.omniflow.contacts;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The record of one merge: which contact survived, which was merged away, and exactly which
 * identities moved, so that {@link ContactService#unmerge} can put them back.
 *
 * @param id the merge's id, which {@code unmerge} takes
 * @param orgId its org
 * @param survivorId the contact that kept standing and received the identities
 * @param mergedId the contact merged away
 * @param movedIdentityIds the identities that moved from the merged contact to the survivor
 * @param reason why, in the words of the agent, or of OmniFlow for an automatic merge
 * @param automatic whether {@code resolve} merged because one sender's handles matched two contacts
 * @param mergedAt when it happened
 * @param mergedByUserId who merged, or {@code null} for OmniFlow itself
 * @param unmergedAt when it was undone, or {@code null} while it stands
 */
public record ContactMerge(
    UUID id,
    UUID orgId,
    UUID survivorId,
    UUID mergedId,
    List<UUID> movedIdentityIds,
    @Nullable String reason,
    boolean automatic,
    Instant mergedAt,
    @Nullable UUID mergedByUserId,
    @Nullable Instant unmergedAt) {
  public ContactMerge {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(survivorId, "survivorId");
    Objects.requireNonNull(mergedId, "mergedId");
    if (survivorId.equals(mergedId)) {
      throw new IllegalArgumentException("a contact cannot be merged with itself");
    }
    movedIdentityIds = List.copyOf(movedIdentityIds);
    Objects.requireNonNull(mergedAt, "mergedAt");
  }

  /** Whether it has been undone. */
  public boolean isUndone() {
    return unmergedAt != null;
  }

  public ContactMerge undoneAt(Instant at) {
    return new ContactMerge(
        id,
        orgId,
        survivorId,
        mergedId,
        movedIdentityIds,
        reason,
        automatic,
        mergedAt,
        mergedByUserId,
        at);
  }
}
