package ai.omniflow.contacts;

import ai.omniflow.OmniFlowException;
import ai.omniflow.Page;
import ai.omniflow.PageRequest;
import ai.omniflow.contacts.internal.ContactQueries;
import ai.omniflow.contacts.internal.LanguageSetting;
import ai.omniflow.contacts.internal.Merging;
import ai.omniflow.contacts.internal.Resolution;
import ai.omniflow.contacts.internal.Unmerging;
import ai.omniflow.internal.ContactsWithin;
import ai.omniflow.internal.Wiring;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
    // Only OmniFlow.builder() builds services (decision 0032). The facade only delegates: each
    // use case is a class of its own in contacts.internal, built here once (decision 0033).
    Wiring.register(
        ContactService.class,
        w -> {
          Resolution resolution = new Resolution(w.store(), w.clock());
          w.provide(ContactsWithin.class, resolution::resolveSender);
          return new ContactService(
              resolution,
              new Merging(w.store(), w.clock()),
              new Unmerging(w.store(), w.clock()),
              new ContactQueries(w.store()),
              new LanguageSetting(w.store(), w.clock()));
        });
  }

  /** The most claims one {@link #resolve} takes. */
  public static final int MAX_CLAIMS = 20;

  /** The longest merge reason kept. */
  public static final int MAX_REASON = 500;

  private final Resolution resolution;
  private final Merging merging;
  private final Unmerging unmerging;
  private final ContactQueries queries;
  private final LanguageSetting languages;

  ContactService(
      Resolution resolution,
      Merging merging,
      Unmerging unmerging,
      ContactQueries queries,
      LanguageSetting languages) {
    this.resolution = Objects.requireNonNull(resolution, "resolution");
    this.merging = Objects.requireNonNull(merging, "merging");
    this.unmerging = Objects.requireNonNull(unmerging, "unmerging");
    this.queries = Objects.requireNonNull(queries, "queries");
    this.languages = Objects.requireNonNull(languages, "languages");
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
    return resolution.resolve(actor, claims, displayName);
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
    return merging.merge(actor, survivorId, mergedId, reason);
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
    return unmerging.unmerge(actor, mergeId);
  }

  /**
   * Sets the language the contact writes in, as an agent knows it: detection from inbound messages
   * ({@link ContactLanguages}) leaves it alone from then on. {@code null} hands the language back
   * to detection: it is unknown until the contact's next inbound message. Setting what is already
   * set writes nothing. Audited, with event {@code contact.updated}. The contact's open lead takes
   * the new language when it is next routed or converted again (docs/contacts.md).
   *
   * <pre>{@code
   * Contact c = omniFlow.contacts().setLanguage(agent, contactId, "es-MX");
   * c.language();            // "es-MX"
   * c.languageSetByAgent();  // true
   * }</pre>
   *
   * @param tag a BCP 47 tag ({@link ai.omniflow.LanguageTags}: {@code es}, {@code es-MX}, at most
   *     35 characters), or {@code null}
   * @return the contact as it is now
   * @throws OmniFlowException {@code forbidden} without {@link Permission#CONTACTS_WRITE}; {@code
   *     invalid_language} (invalid input) for a tag that is not well formed; {@code not_found} if
   *     the org has no such contact; {@code contact_merged} (conflict) if it was merged away. A
   *     refused call writes nothing.
   */
  public Contact setLanguage(Actor actor, UUID contactId, @Nullable String tag) {
    return languages.setLanguage(actor, contactId, tag);
  }

  /**
   * The contact, merged away or not (a merged one names its survivor in {@code mergedIntoId}).
   *
   * @throws OmniFlowException {@code not_found} if the org has no such contact
   */
  public Contact contact(Actor actor, UUID contactId) {
    return queries.contact(actor, contactId);
  }

  /**
   * The contact's identities, oldest first (none for a contact merged away).
   *
   * @throws OmniFlowException {@code not_found} if the org has no such contact
   */
  public List<Identity> identities(Actor actor, UUID contactId) {
    return queries.identities(actor, contactId);
  }

  /**
   * The merges the contact took part in, as survivor or as merged, oldest first: where a host finds
   * the merge to undo.
   *
   * @throws OmniFlowException {@code not_found} if the org has no such contact
   */
  public List<ContactMerge> merges(Actor actor, UUID contactId) {
    return queries.merges(actor, contactId);
  }

  /** The org's contacts that are not merged away, oldest first. */
  public Page<Contact> list(Actor actor, PageRequest page) {
    return queries.list(actor, page);
  }

  /**
   * The contact an identity of that kind and handle belongs to, if the org knows one; the handle is
   * normalized as {@link #resolve} does.
   *
   * @throws OmniFlowException {@code invalid_phone}, {@code invalid_email} or {@code
   *     invalid_handle} (invalid input) if the handle cannot be normalized
   */
  public Optional<Contact> findByHandle(Actor actor, IdentityKind kind, String handle) {
    return queries.findByHandle(actor, kind, handle);
  }
}
