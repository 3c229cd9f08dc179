package ai.omniflow.contacts.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.contacts.Contact;
import ai.omniflow.contacts.ContactErrors;
import ai.omniflow.contacts.ContactEvents;
import ai.omniflow.contacts.ContactLanguages;
import ai.omniflow.contacts.ContactService;
import ai.omniflow.contacts.Identity;
import ai.omniflow.contacts.IdentityClaim;
import ai.omniflow.contacts.IdentityKind;
import ai.omniflow.internal.AbsentIdentities;
import ai.omniflow.internal.ContactsWithin;
import ai.omniflow.internal.IdentityNormalizer;
import ai.omniflow.internal.Ids;
import ai.omniflow.internal.Races;
import ai.omniflow.internal.Recorder;
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
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Resolving the handles one sender shows to one contact: normalizes every claim, attaches the
 * matching identities, merges the contacts they matched into the oldest ({@link Merging}) and adds
 * the new identities, with the contact's event and audit entry. Runs in a transaction of its own,
 * run again when it loses a race ({@link #resolve}), or inside another area's ({@link
 * #resolveWithin}, handed to the inbox as {@link ai.omniflow.internal.ContactsWithin}). {@link
 * ContactService#resolve} delegates to it; its Javadoc is the spec. Not API. Thread-safe.
 */
public final class Resolution {
  /** How many times at most {@link #resolve} runs its transaction when it loses races. */
  static final int MAX_ATTEMPTS = 5;

  private static final ContactLanguages LANGUAGES = ContactLanguages.ofDefaults();

  static final String AUTOMATIC_REASON = "The same sender's identities matched both contacts.";

  private final Store store;
  private final Clock clock;

  public Resolution(Store store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** As {@link ContactService#resolve}. */
  public Contact resolve(Actor actor, List<IdentityClaim> claims, @Nullable String displayName) {
    Permission.CONTACTS_WRITE.check(actor);
    if (claims == null || claims.isEmpty() || claims.size() > ContactService.MAX_CLAIMS) {
      throw OmniFlowException.invalidInput(
          ContactErrors.INVALID_CLAIMS,
          "claims must hold 1 to " + ContactService.MAX_CLAIMS + " identities.");
    }
    for (int i = 0; i < claims.size(); i++) {
      if (claims.get(i) == null) {
        throw OmniFlowException.invalidInput(
            ContactErrors.INVALID_CLAIMS, "claims[" + i + "] must not be null.");
      }
    }
    List<IdentityClaim> copy = List.copyOf(claims);
    String name = displayName(displayName);
    return Races.retrying(
        MAX_ATTEMPTS,
        () ->
            store.inTransaction(
                actor, tx -> resolveIn(tx, copy, name, AbsentIdentities.none(), null).contact()));
  }

  /**
   * As {@link ContactService#resolve}, but inside the caller's transaction, so that what the caller
   * writes next (the inbox's thread and message) commits or vanishes with the contact. Checks
   * {@link Permission#CONTACTS_WRITE} for the transaction's actor. Does not retry: a race shows as
   * {@code identity_exists}, {@code resolve_raced} or {@code store_busy} ({@link
   * OmniFlowException#isRetryable}), and the caller runs its whole transaction again, as {@link
   * #resolve} does.
   *
   * @throws OmniFlowException as {@link #resolve}
   */
  public Contact resolveWithin(
      StoreTransaction tx, List<IdentityClaim> claims, @Nullable String displayName) {
    return resolveWithin(tx, claims, displayName, AbsentIdentities.none());
  }

  /**
   * As {@link #resolveWithin(StoreTransaction, List, String)}, reading no identity that {@code
   * absent} knows not to exist, and telling it of each identity resolved (decision 0095).
   */
  public Contact resolveWithin(
      StoreTransaction tx,
      List<IdentityClaim> claims,
      @Nullable String displayName,
      AbsentIdentities absent) {
    return resolveSender(tx, claims, displayName, absent, null).contact();
  }

  /**
   * As {@link #resolveWithin(StoreTransaction, List, String, AbsentIdentities)}, for the sender of
   * an inbound message of text {@code text}: a contact created here takes the language {@link
   * ContactLanguages} decides from that text alone, with its insert and its {@code contact.created}
   * event (decision 0102); {@code null}: no text to detect.
   */
  public ContactsWithin.Resolved resolveSender(
      StoreTransaction tx,
      List<IdentityClaim> claims,
      @Nullable String displayName,
      AbsentIdentities absent,
      @Nullable String text) {
    Objects.requireNonNull(absent, "absent");
    Objects.requireNonNull(tx, "tx");
    Permission.CONTACTS_WRITE.check(tx.actor());
    if (claims == null || claims.isEmpty() || claims.size() > ContactService.MAX_CLAIMS) {
      throw OmniFlowException.invalidInput(
          ContactErrors.INVALID_CLAIMS,
          "claims must hold 1 to " + ContactService.MAX_CLAIMS + " identities.");
    }
    for (int i = 0; i < claims.size(); i++) {
      if (claims.get(i) == null) {
        throw OmniFlowException.invalidInput(
            ContactErrors.INVALID_CLAIMS, "claims[" + i + "] must not be null.");
      }
    }
    return resolveIn(tx, List.copyOf(claims), displayName(displayName), absent, text);
  }

  private static @Nullable String displayName(@Nullable String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    String stripped = name.strip();
    if (stripped.length() > Contact.MAX_DISPLAY_NAME) {
      throw OmniFlowException.invalidInput(
          ContactErrors.INVALID_DISPLAY_NAME,
          "display_name must be at most " + Contact.MAX_DISPLAY_NAME + " characters.");
    }
    return stripped;
  }

  private record Normalized(IdentityKind kind, String handle, String value) {}

  private ContactsWithin.Resolved resolveIn(
      StoreTransaction tx,
      List<IdentityClaim> claims,
      @Nullable String name,
      AbsentIdentities absent,
      @Nullable String text) {
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
      if (absent.isAbsent(n.kind(), n.value())) {
        continue;
      }
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
      contact = new Contact(Ids.next(), org.id(), name, now, now, null);
      if (text != null) {
        // The message being taken in will be the contact's only one (decision 0102).
        contact = contact.withLanguage(LANGUAGES.decide(contact, List.of(text)), false, now);
      }
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
        contact = Merging.mergeIn(tx, contact, other, AUTOMATIC_REASON, true, now).survivor();
      }
      identitiesBefore = tx.contacts().identities(contact.id());
    }

    List<Identity> added = new ArrayList<>();
    for (Normalized n : normalized.values()) {
      Identity existing = matched.get(n);
      if (existing == null) {
        Identity identity =
            new Identity(
                Ids.next(), org.id(), contact.id(), n.kind(), n.handle(), n.value(), now, now);
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
      // A contact created here has the identities just added, in that order (first seen now).
      List<Identity> after = created ? List.copyOf(added) : tx.contacts().identities(contact.id());
      Map<String, @Nullable Object> payload = new LinkedHashMap<>();
      payload.put("contact_id", contact.id().toString());
      payload.put(
          "added_identity_ids", ContactSnapshots.ids(added.stream().map(Identity::id).toList()));
      payload.put(
          "added_identity_kinds",
          new ArrayList<@Nullable Object>(added.stream().map(i -> i.kind().wireName()).toList()));
      if (created && contact.language() != null) {
        payload.put("language", contact.language());
        payload.put("language_detected", true);
      }
      Recorder.record(
          tx,
          now,
          new Recorder.Change(
              created ? ContactEvents.CONTACT_CREATED : ContactEvents.CONTACT_UPDATED,
              created ? ContactEvents.AUDIT_CONTACT_CREATE : ContactEvents.AUDIT_CONTACT_UPDATE,
              "contact",
              contact.id().toString(),
              payload,
              created ? null : ContactSnapshots.contact(before, identitiesBefore),
              ContactSnapshots.contact(contact, after)));
    }
    for (Normalized n : normalized.values()) {
      absent.exists(n.kind(), n.value());
    }
    return new ContactsWithin.Resolved(contact, created);
  }

  private static OmniFlowException raced() {
    return OmniFlowException.race(
        ContactErrors.RESOLVE_RACED, "A contact changed while resolving; resolve again.");
  }

  /** Locks the contacts in id order, so that two transactions never wait on each other. */
  private static List<Contact> lockAll(StoreTransaction tx, Set<UUID> ids) {
    List<UUID> sorted = new ArrayList<>(ids);
    sorted.sort(Comparator.naturalOrder());
    List<Contact> out = new ArrayList<>();
    for (UUID id : sorted) {
      out.add(tx.contacts().lock(id).orElseThrow(Resolution::raced));
    }
    return out;
  }
}
