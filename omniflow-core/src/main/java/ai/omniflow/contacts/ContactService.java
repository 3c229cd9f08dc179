package ai.omniflow.contacts;

import ai.omniflow.OmniFlowException;
import ai.omniflow.Page;
import ai.omniflow.PageRequest;
import ai.omniflow.contacts.internal.ContactSnapshots;
import ai.omniflow.internal.ContactsWithin;
import ai.omniflow.internal.IdentityNormalizer;
import ai.omniflow.internal.Races;
import ai.omniflow.internal.Recorder;
import ai.omniflow.internal.Wiring;
import ai.omniflow.store.spi.Store;
import ai.omniflow.store.spi.StoreTransaction;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Org;
import ai.omniflow.tenancy.Permission;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Contacts and their identities: resolving the handles a sender shows to one contact, merging two
 * contacts and undoing a merge. Obtain it from {@link ai.omniflow.OmniFlow#contacts()}.
 *
 * <pre>{@code
 * Contact c = omniFlow.contacts().resolve(actor,
 *     List.of(IdentityClaim.of(IdentityKind.PHONE, "(415) 555-0123"),
 *             IdentityClaim.of(IdentityKind.EMAIL, "Ana@Example.com")),
 *     "Ana");
 * ContactMerge m = omniFlow.contacts().merge(agent, c.id(), duplicateId, "same person");
 * omniFlow.contacts().unmerge(agent, m.id()); // both contacts as they were
 * }</pre>
 *
 * <p>Every change writes its event and audit entry in its own transaction; a refused call writes
 * nothing. Thread-safe.
 */
public final class ContactService {
  static {
    // Only OmniFlow.builder() builds services (decision 0032).
    Wiring.register(
        ContactService.class,
        w -> {
          ContactService contacts = new ContactService(w.store(), w.clock());
          w.provide(ContactsWithin.class, contacts::resolveWithin);
          return contacts;
        });
  }

  /** The most claims one {@link #resolve} takes. */
  public static final int MAX_CLAIMS = 20;

  /** The longest merge reason kept. */
  public static final int MAX_REASON = 500;

  /** How many times at most {@link #resolve} runs its transaction when it loses races. */
  static final int MAX_ATTEMPTS = 5;

  static final String AUTOMATIC_REASON = "The same sender's identities matched both contacts.";

  private final Store store;
  private final Clock clock;

  ContactService(Store store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Finds or makes the contact behind {@code claims}, the handles one sender showed. Each claim is
   * normalized (docs/contacts.md); a claim whose kind and value match an identity of the org
   * attaches to that identity's contact, and the others become new identities of it. If no claim
   * matches, a new contact is made. If the claims match two or more contacts, they are merged into
   * the oldest, automatically, each merge recorded as with {@link #merge}. The display name is kept
   * if the contact has none yet.
   *
   * <p>Two concurrent resolves of the same new handle end with one contact: the loser's insert
   * meets the unique (kind, value) of the org and its transaction runs again, finding the winner's.
   *
   * @param claims 1 to {@value #MAX_CLAIMS} handles of the same person
   * @param displayName the name the channel shows, or {@code null}
   * @return the contact now holding every claimed identity
   * @throws OmniFlowException {@code forbidden} without {@link Permission#CONTACTS_WRITE}; {@code
   *     invalid_phone}, {@code invalid_email}, {@code invalid_handle}, {@code invalid_claims} or
   *     {@code invalid_display_name} (invalid input, naming the field) and nothing written
   */
  public Contact resolve(Actor actor, List<IdentityClaim> claims, @Nullable String displayName) {
    Permission.CONTACTS_WRITE.check(actor);
    if (claims == null || claims.isEmpty() || claims.size() > MAX_CLAIMS) {
      throw OmniFlowException.invalidInput(
          "invalid_claims", "claims must hold 1 to " + MAX_CLAIMS + " identities.");
    }
    for (int i = 0; i < claims.size(); i++) {
      if (claims.get(i) == null) {
        throw OmniFlowException.invalidInput(
            "invalid_claims", "claims[" + i + "] must not be null.");
      }
    }
    List<IdentityClaim> copy = List.copyOf(claims);
    String name = displayName(displayName);
    return Races.retrying(
        MAX_ATTEMPTS, () -> store.inTransaction(actor, tx -> resolveIn(tx, copy, name)));
  }

  /**
   * As {@link #resolve}, but inside the caller's transaction, so that what the caller writes next
   * (the inbox's thread and message) commits or vanishes with the contact. Checks {@link
   * Permission#CONTACTS_WRITE} for the transaction's actor. Does not retry: a race shows as {@code
   * identity_exists}, {@code resolve_raced} or {@code store_busy} ({@link
   * OmniFlowException#isRetryable}), and the caller runs its whole transaction again, as {@link
   * #resolve} does.
   *
   * @throws OmniFlowException as {@link #resolve}
   */
  Contact resolveWithin(
      StoreTransaction tx, List<IdentityClaim> claims, @Nullable String displayName) {
    Objects.requireNonNull(tx, "tx");
    Permission.CONTACTS_WRITE.check(tx.actor());
    if (claims == null || claims.isEmpty() || claims.size() > MAX_CLAIMS) {
      throw OmniFlowException.invalidInput(
          "invalid_claims", "claims must hold 1 to " + MAX_CLAIMS + " identities.");
    }
    for (int i = 0; i < claims.size(); i++) {
      if (claims.get(i) == null) {
        throw OmniFlowException.invalidInput(
            "invalid_claims", "claims[" + i + "] must not be null.");
      }
    }
    return resolveIn(tx, List.copyOf(claims), displayName(displayName));
  }

  private static @Nullable String displayName(@Nullable String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    String stripped = name.strip();
    if (stripped.length() > Contact.MAX_DISPLAY_NAME) {
      throw OmniFlowException.invalidInput(
          "invalid_display_name",
          "display_name must be at most " + Contact.MAX_DISPLAY_NAME + " characters.");
    }
    return stripped;
  }

  private record Normalized(IdentityKind kind, String handle, String value) {}

  private Contact resolveIn(
      StoreTransaction tx, List<IdentityClaim> claims, @Nullable String name) {
    Org org = tx.orgs().current().orElseThrow(() -> OmniFlowException.notFound("The org"));
    // Every claim is checked before anything is written.
    Map<List<Object>, Normalized> normalized = new LinkedHashMap<>();
    for (int i = 0; i < claims.size(); i++) {
      IdentityClaim c = claims.get(i);
      String value =
          IdentityNormalizer.normalize(
              c.kind(), c.handle(), "claims[" + i + "].handle", org.defaultRegion());
      normalized.putIfAbsent(
          List.of(c.kind(), value), new Normalized(c.kind(), c.handle().strip(), value));
    }
    Instant now = clock.instant();
    Map<Normalized, Identity> matched = new LinkedHashMap<>();
    Set<UUID> contactIds = new LinkedHashSet<>();
    for (Normalized n : normalized.values()) {
      tx.contacts()
          .findIdentity(n.kind(), n.value())
          .ifPresent(
              found -> {
                matched.put(n, found);
                contactIds.add(found.contactId());
              });
    }

    Contact contact;
    List<Identity> identitiesBefore;
    boolean created = contactIds.isEmpty();
    if (created) {
      contact = new Contact(UUID.randomUUID(), org.id(), name, now, now, null);
      tx.contacts().insert(contact);
      identitiesBefore = List.of();
    } else {
      List<Contact> found = lockAll(tx, contactIds);
      for (Contact c : found) {
        if (c.isMerged()) {
          throw raced();
        }
      }
      // Read under the locks again: a merge or unmerge that committed in between may have moved
      // a matched identity, and writing the stale one back would undo it.
      for (Map.Entry<Normalized, Identity> e : matched.entrySet()) {
        Normalized n = e.getKey();
        Identity current = tx.contacts().findIdentity(n.kind(), n.value()).orElse(null);
        if (current == null || !current.contactId().equals(e.getValue().contactId())) {
          throw raced();
        }
        e.setValue(current);
      }
      found = new ArrayList<>(found);
      found.sort(Comparator.comparing(Contact::createdAt).thenComparing(Contact::id));
      contact = found.get(0);
      for (Contact other : found.subList(1, found.size())) {
        contact = mergeIn(tx, contact, other, AUTOMATIC_REASON, true, now).survivor();
      }
      identitiesBefore = tx.contacts().identities(contact.id());
    }

    List<Identity> added = new ArrayList<>();
    for (Normalized n : normalized.values()) {
      Identity existing = matched.get(n);
      if (existing == null) {
        Identity identity =
            new Identity(
                UUID.randomUUID(),
                org.id(),
                contact.id(),
                n.kind(),
                n.handle(),
                n.value(),
                now,
                now);
        tx.contacts().insertIdentity(identity);
        added.add(identity);
      } else {
        tx.contacts().updateIdentity(existing.movedTo(contact.id()).seenAt(now));
      }
    }

    Contact before = contact;
    boolean named = !created && contact.displayName() == null && name != null;
    if (named) {
      contact = contact.withDisplayName(name, now);
    }
    if (!created && (named || !added.isEmpty())) {
      contact = contact.touched(now);
      tx.contacts().update(contact);
    }
    if (created || named || !added.isEmpty()) {
      List<Identity> after = tx.contacts().identities(contact.id());
      Map<String, @Nullable Object> payload = new LinkedHashMap<>();
      payload.put("contact_id", contact.id().toString());
      payload.put(
          "added_identity_ids", ContactSnapshots.ids(added.stream().map(Identity::id).toList()));
      payload.put(
          "added_identity_kinds",
          new ArrayList<@Nullable Object>(added.stream().map(i -> i.kind().wireName()).toList()));
      Recorder.record(
          tx,
          now,
          new Recorder.Change(
              created ? "contact.created" : "contact.updated",
              created ? "contact.create" : "contact.update",
              "contact",
              contact.id().toString(),
              payload,
              created ? null : ContactSnapshots.contact(before, identitiesBefore),
              ContactSnapshots.contact(contact, after)));
    }
    return contact;
  }

  private static OmniFlowException raced() {
    return OmniFlowException.race(
        "resolve_raced", "A contact changed while resolving; resolve again.");
  }

  /** Locks the contacts in id order, so that two transactions never wait on each other. */
  private static List<Contact> lockAll(StoreTransaction tx, Set<UUID> ids) {
    List<UUID> sorted = new ArrayList<>(ids);
    sorted.sort(Comparator.naturalOrder());
    List<Contact> out = new ArrayList<>();
    for (UUID id : sorted) {
      out.add(tx.contacts().lock(id).orElseThrow(ContactService::raced));
    }
    return out;
  }

  private record Merged(Contact survivor, ContactMerge merge) {}

  private Merged mergeIn(
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
            UUID.randomUUID(),
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
    Map<String, @Nullable Object> after =
        pair(survivorAfter, tx.contacts().identities(survivor.id()), mergedAfter, List.of());
    Recorder.record(
        tx,
        now,
        new Recorder.Change(
            "contact.merged",
            "contact.merge",
            "contact",
            survivor.id().toString(),
            payload(merge, merge.movedIdentityIds(), "moved_identity_ids"),
            before,
            after));
    return new Merged(survivorAfter, merge);
  }

  private static Map<String, @Nullable Object> payload(
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

  private static Map<String, @Nullable Object> pair(
      Contact survivor, List<Identity> survivorIds, Contact merged, List<Identity> mergedIds) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("survivor", ContactSnapshots.contact(survivor, survivorIds));
    m.put("merged", ContactSnapshots.contact(merged, mergedIds));
    return m;
  }

  /**
   * Merges {@code mergedId} into {@code survivorId}: every identity of the merged contact moves to
   * the survivor, and the merged contact is marked merged into it, not deleted. The returned record
   * keeps exactly which identities moved, for {@link #unmerge}. Audited, with event {@code
   * contact.merged}.
   *
   * @param reason why, up to {@value #MAX_REASON} characters, or {@code null}
   * @throws OmniFlowException {@code forbidden} without {@link Permission#CONTACTS_MERGE}; {@code
   *     merge_self} or {@code invalid_reason} (invalid input); {@code not_found} if either contact
   *     is not the org's; {@code contact_merged} (conflict) if either is merged away already. A
   *     refused merge writes nothing.
   */
  public ContactMerge merge(Actor actor, UUID survivorId, UUID mergedId, @Nullable String reason) {
    Permission.CONTACTS_MERGE.check(actor);
    Objects.requireNonNull(survivorId, "survivorId");
    Objects.requireNonNull(mergedId, "mergedId");
    if (survivorId.equals(mergedId)) {
      throw OmniFlowException.invalidInput("merge_self", "A contact cannot be merged with itself.");
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
                  "contact_merged",
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
    if (stripped.length() > MAX_REASON) {
      throw OmniFlowException.invalidInput(
          "invalid_reason", "reason must be at most " + MAX_REASON + " characters.");
    }
    return stripped;
  }

  private static Map<UUID, Contact> lockForMerge(StoreTransaction tx, UUID a, UUID b) {
    Map<UUID, Contact> out = new LinkedHashMap<>();
    List<UUID> order = a.compareTo(b) < 0 ? List.of(a, b) : List.of(b, a);
    for (UUID id : order) {
      out.put(
          id, tx.contacts().lock(id).orElseThrow(() -> OmniFlowException.notFound("The contact")));
    }
    return out;
  }

  /**
   * Undoes a merge: the identities that moved go back to the merged contact, which stands on its
   * own again. Identities the survivor gained after the merge stay with it. Audited, with event
   * {@code contact.unmerged}.
   *
   * @return the merge record, now marked undone
   * @throws OmniFlowException {@code forbidden} without {@link Permission#CONTACTS_MERGE}; {@code
   *     not_found} if the org has no such merge; {@code merge_undone} (conflict) if it was undone
   *     already; {@code survivor_merged} (conflict) if the survivor has since been merged away
   *     (undo that merge first); {@code identities_moved} (conflict) if a moved identity no longer
   *     belongs to the survivor. A refused unmerge writes nothing.
   */
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
          Map<UUID, Contact> locked = lockForMerge(tx, m.survivorId(), m.mergedId());
          Contact survivor = locked.get(m.survivorId());
          Contact merged = locked.get(m.mergedId());
          if (survivor.isMerged()) {
            throw OmniFlowException.conflict(
                "survivor_merged",
                "The surviving contact has since been merged into "
                    + survivor.mergedIntoId()
                    + "; undo that merge first.");
          }
          if (!survivor.id().equals(merged.mergedIntoId())) {
            throw OmniFlowException.conflict(
                "merge_undone", "The merged contact is no longer merged into the survivor.");
          }
          List<Identity> survivorIdentities = tx.contacts().identities(survivor.id());
          Map<UUID, Identity> byId = new LinkedHashMap<>();
          for (Identity i : survivorIdentities) {
            byId.put(i.id(), i);
          }
          if (!byId.keySet().containsAll(m.movedIdentityIds())) {
            throw OmniFlowException.conflict(
                "identities_moved",
                "Some identities of the merge no longer belong to the surviving contact.");
          }
          Instant now = clock.instant();
          if (!tx.contactMerges().markUndone(mergeId, now)) {
            throw undone();
          }
          Map<String, @Nullable Object> before =
              pair(survivor, survivorIdentities, merged, List.of());
          for (UUID id : m.movedIdentityIds()) {
            tx.contacts().updateIdentity(byId.get(id).movedTo(merged.id()));
          }
          Contact mergedAfter = merged.mergedInto(null, now);
          Contact survivorAfter = survivor.touched(now);
          tx.contacts().update(mergedAfter);
          tx.contacts().update(survivorAfter);
          Map<String, @Nullable Object> after =
              pair(
                  survivorAfter,
                  tx.contacts().identities(survivor.id()),
                  mergedAfter,
                  tx.contacts().identities(merged.id()));
          Recorder.record(
              tx,
              now,
              new Recorder.Change(
                  "contact.unmerged",
                  "contact.unmerge",
                  "contact",
                  survivor.id().toString(),
                  payload(m, m.movedIdentityIds(), "restored_identity_ids"),
                  before,
                  after));
          return m.undoneAt(now);
        });
  }

  private static OmniFlowException undone() {
    return OmniFlowException.conflict("merge_undone", "The merge has been undone already.");
  }

  /**
   * The contact, merged away or not (a merged one names its survivor in {@code mergedIntoId}).
   *
   * @throws OmniFlowException {@code not_found} if the org has no such contact
   */
  public Contact contact(Actor actor, UUID contactId) {
    Permission.CONTACTS_READ.check(actor);
    return store.inTransaction(actor, tx -> require(tx, contactId));
  }

  private static Contact require(StoreTransaction tx, UUID contactId) {
    Objects.requireNonNull(contactId, "contactId");
    return tx.contacts()
        .find(contactId)
        .orElseThrow(() -> OmniFlowException.notFound("The contact"));
  }

  /**
   * The contact's identities, oldest first (none for a contact merged away).
   *
   * @throws OmniFlowException {@code not_found} if the org has no such contact
   */
  public List<Identity> identities(Actor actor, UUID contactId) {
    Permission.CONTACTS_READ.check(actor);
    return store.inTransaction(
        actor,
        tx -> {
          require(tx, contactId);
          return tx.contacts().identities(contactId);
        });
  }

  /**
   * The merges the contact took part in, as survivor or as merged, oldest first: where a host finds
   * the merge to undo.
   *
   * @throws OmniFlowException {@code not_found} if the org has no such contact
   */
  public List<ContactMerge> merges(Actor actor, UUID contactId) {
    Permission.CONTACTS_READ.check(actor);
    return store.inTransaction(
        actor,
        tx -> {
          require(tx, contactId);
          return tx.contactMerges().listFor(contactId);
        });
  }

  /** The org's contacts that are not merged away, oldest first. */
  public Page<Contact> list(Actor actor, PageRequest page) {
    Permission.CONTACTS_READ.check(actor);
    Objects.requireNonNull(page, "page");
    return store.inTransaction(actor, tx -> tx.contacts().list(page));
  }

  /**
   * The contact an identity of that kind and handle belongs to, if the org knows one; the handle is
   * normalized as {@link #resolve} does.
   *
   * @throws OmniFlowException {@code invalid_phone}, {@code invalid_email} or {@code
   *     invalid_handle} (invalid input) if the handle cannot be normalized
   */
  public Optional<Contact> findByHandle(Actor actor, IdentityKind kind, String handle) {
    Permission.CONTACTS_READ.check(actor);
    return store.inTransaction(
        actor,
        tx -> {
          Org org = tx.orgs().current().orElseThrow(() -> OmniFlowException.notFound("The org"));
          String value = IdentityNormalizer.normalize(kind, handle, "handle", org.defaultRegion());
          return tx.contacts()
              .findIdentity(kind, value)
              .flatMap(i -> tx.contacts().find(i.contactId()));
        });
  }
}
