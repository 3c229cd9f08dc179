package ai.omniflow.contacts.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.contacts.Contact;
import ai.omniflow.contacts.ContactErrors;
import ai.omniflow.contacts.ContactEvents;
import ai.omniflow.contacts.ContactMerge;
import ai.omniflow.contacts.ContactService;
import ai.omniflow.contacts.Identity;
import ai.omniflow.internal.ConsentLedger;
import ai.omniflow.internal.Ids;
import ai.omniflow.internal.Recorder;
import ai.omniflow.store.spi.Store;
import ai.omniflow.store.spi.StoreTransaction;
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
 * Merging two contacts: the merged one's identities move to the survivor, the merged one is marked
 * merged into it, and the merge record keeps exactly which identities moved, with event and audit
 * entry. Asked for by a person ({@link #merge}) or done by {@link Resolution} when one sender's
 * identities matched two contacts; {@link Unmerging} undoes it. {@link ContactService#merge}
 * delegates to it; its Javadoc is the spec. Not API. Thread-safe.
 */
public final class Merging {
  private final Store store;
  private final Clock clock;

  public Merging(Store store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** As {@link ContactService#merge}. */
  public ContactMerge merge(Actor actor, UUID survivorId, UUID mergedId, @Nullable String reason) {
    Permission.CONTACTS_MERGE.check(actor);
    Objects.requireNonNull(survivorId, "survivorId");
    Objects.requireNonNull(mergedId, "mergedId");
    if (survivorId.equals(mergedId)) {
      throw OmniFlowException.invalidInput(
          ContactErrors.MERGE_SELF, "A contact cannot be merged with itself.");
    }
    String why = reason(reason);
    return store.inTransaction(
        actor,
        tx -> {
          Map<UUID, Contact> locked = lockForMerge(tx, survivorId, mergedId);
          Contact survivor = locked.get(survivorId);
          Contact merged = locked.get(mergedId);
          for (Contact c : List.of(survivor, merged)) {
            if (c.isMerged()) {
              throw OmniFlowException.conflict(
                  ContactErrors.CONTACT_MERGED,
                  "The contact "
                      + c.id()
                      + " is merged into "
                      + c.mergedIntoId()
                      + " already; merge that contact instead.");
            }
          }
          return mergeIn(tx, survivor, merged, why, false, clock.instant()).merge();
        });
  }

  private static @Nullable String reason(@Nullable String reason) {
    if (reason == null || reason.isBlank()) {
      return null;
    }
    String stripped = reason.strip();
    if (stripped.length() > ContactService.MAX_REASON) {
      throw OmniFlowException.invalidInput(
          ContactErrors.INVALID_REASON,
          "reason must be at most " + ContactService.MAX_REASON + " characters.");
    }
    return stripped;
  }

  static Map<UUID, Contact> lockForMerge(StoreTransaction tx, UUID a, UUID b) {
    Map<UUID, Contact> out = new LinkedHashMap<>();
    List<UUID> order = a.compareTo(b) < 0 ? List.of(a, b) : List.of(b, a);
    for (UUID id : order) {
      out.put(
          id, tx.contacts().lock(id).orElseThrow(() -> OmniFlowException.notFound("The contact")));
    }
    return out;
  }

  record Merged(Contact survivor, ContactMerge merge) {}

  static Merged mergeIn(
      StoreTransaction tx,
      Contact survivor,
      Contact merged,
      @Nullable String reason,
      boolean automatic,
      Instant now) {
    List<Identity> survivorIdentities = tx.contacts().identities(survivor.id());
    List<Identity> moving = tx.contacts().identities(merged.id());
    Map<String, @Nullable Object> before = pair(survivor, survivorIdentities, merged, moving);
    for (Identity i : moving) {
      tx.contacts().updateIdentity(i.movedTo(survivor.id()));
    }
    Contact mergedAfter = merged.mergedInto(survivor.id(), now);
    Contact survivorAfter = survivor.touched(now);
    tx.contacts().update(mergedAfter);
    tx.contacts().update(survivorAfter);
    ContactMerge merge =
        new ContactMerge(
            Ids.next(),
            survivor.orgId(),
            survivor.id(),
            merged.id(),
            moving.stream().map(Identity::id).toList(),
            reason,
            automatic,
            now,
            tx.actor().userId(),
            null);
    tx.contactMerges().insert(merge);
    ConsentLedger.carryOver(tx, survivor.id(), merged.id(), merge.id(), now);
    Map<String, @Nullable Object> after =
        pair(survivorAfter, tx.contacts().identities(survivor.id()), mergedAfter, List.of());
    Recorder.record(
        tx,
        now,
        new Recorder.Change(
            ContactEvents.CONTACT_MERGED,
            ContactEvents.AUDIT_CONTACT_MERGE,
            "contact",
            survivor.id().toString(),
            payload(merge, merge.movedIdentityIds(), "moved_identity_ids"),
            before,
            after));
    return new Merged(survivorAfter, merge);
  }

  static Map<String, @Nullable Object> payload(
      ContactMerge m, List<UUID> identityIds, String identitiesKey) {
    Map<String, @Nullable Object> p = new LinkedHashMap<>();
    p.put("merge_id", m.id().toString());
    p.put("survivor_id", m.survivorId().toString());
    p.put("merged_id", m.mergedId().toString());
    p.put(identitiesKey, ContactSnapshots.ids(identityIds));
    p.put("automatic", m.automatic());
    p.put("reason", m.reason());
    return p;
  }

  static Map<String, @Nullable Object> pair(
      Contact survivor, List<Identity> survivorIds, Contact merged, List<Identity> mergedIds) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("survivor", ContactSnapshots.contact(survivor, survivorIds));
    m.put("merged", ContactSnapshots.contact(merged, mergedIds));
    return m;
  }
}
