package ai.omniflow.contacts.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.contacts.Contact;
import ai.omniflow.contacts.ContactErrors;
import ai.omniflow.contacts.ContactEvents;
import ai.omniflow.contacts.ContactMerge;
import ai.omniflow.contacts.ContactService;
import ai.omniflow.contacts.Identity;
import ai.omniflow.internal.Recorder;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Undoing a merge ({@link Merging}): the identities that moved go back to the merged contact, which
 * stands on its own again, with event and audit entry. {@link ContactService#unmerge} delegates to
 * it; its Javadoc is the spec. Not API. Thread-safe.
 */
public final class Unmerging {
  private final Store store;
  private final Clock clock;

  public Unmerging(Store store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** As {@link ContactService#unmerge}. */
  public ContactMerge unmerge(Actor actor, UUID mergeId) {
    Permission.CONTACTS_MERGE.check(actor);
    Objects.requireNonNull(mergeId, "mergeId");
    return store.inTransaction(
        actor,
        tx -> {
          ContactMerge m =
              tx.contactMerges()
                  .find(mergeId)
                  .orElseThrow(() -> OmniFlowException.notFound("The contact merge"));
          if (m.isUndone()) {
            throw undone();
          }
          Map<UUID, Contact> locked = Merging.lockForMerge(tx, m.survivorId(), m.mergedId());
          Contact survivor = locked.get(m.survivorId());
          Contact merged = locked.get(m.mergedId());
          if (survivor.isMerged()) {
            throw OmniFlowException.conflict(
                ContactErrors.SURVIVOR_MERGED,
                "The surviving contact has since been merged into "
                    + survivor.mergedIntoId()
                    + "; undo that merge first.");
          }
          if (!survivor.id().equals(merged.mergedIntoId())) {
            throw OmniFlowException.conflict(
                ContactErrors.MERGE_UNDONE,
                "The merged contact is no longer merged into the survivor.");
          }
          List<Identity> survivorIdentities = tx.contacts().identities(survivor.id());
          Map<UUID, Identity> byId = new LinkedHashMap<>();
          for (Identity i : survivorIdentities) {
            byId.put(i.id(), i);
          }
          if (!byId.keySet().containsAll(m.movedIdentityIds())) {
            throw OmniFlowException.conflict(
                ContactErrors.IDENTITIES_MOVED,
                "Some identities of the merge no longer belong to the surviving contact.");
          }
          Instant now = clock.instant();
          if (!tx.contactMerges().markUndone(mergeId, now)) {
            throw undone();
          }
          Map<String, @Nullable Object> before =
              Merging.pair(survivor, survivorIdentities, merged, List.of());
          for (UUID id : m.movedIdentityIds()) {
            tx.contacts().updateIdentity(byId.get(id).movedTo(merged.id()));
          }
          Contact mergedAfter = merged.mergedInto(null, now);
          Contact survivorAfter = survivor.touched(now);
          tx.contacts().update(mergedAfter);
          tx.contacts().update(survivorAfter);
          Map<String, @Nullable Object> after =
              Merging.pair(
                  survivorAfter,
                  tx.contacts().identities(survivor.id()),
                  mergedAfter,
                  tx.contacts().identities(merged.id()));
          Recorder.record(
              tx,
              now,
              new Recorder.Change(
                  ContactEvents.CONTACT_UNMERGED,
                  ContactEvents.AUDIT_CONTACT_UNMERGE,
                  "contact",
                  survivor.id().toString(),
                  Merging.payload(m, m.movedIdentityIds(), "restored_identity_ids"),
                  before,
                  after));
          return m.undoneAt(now);
        });
  }

  private static OmniFlowException undone() {
    return OmniFlowException.conflict(
        ContactErrors.MERGE_UNDONE, "The merge has been undone already.");
  }
}
