package ai.omniflow.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.contacts.ConsentChange;
import ai.omniflow.contacts.ConsentEntry;
import ai.omniflow.contacts.ConsentSource;
import ai.omniflow.contacts.ContactConsent;
import ai.omniflow.guardrails.ConsentState;
import ai.omniflow.inbox.InboxEvents;
import ai.omniflow.store.spi.ConsentRepository;
import ai.omniflow.store.spi.StoreTransaction;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A contact's consent ledger inside a use case's transaction: the state per channel, and recording
 * a change with its event and audit entry. A change is recorded only if it changes something: a
 * second STOP on an opted-out channel adds nothing. The contact's row is locked first, so two
 * concurrent changes of one contact serialize and never both append. Used by the inbox (ingest,
 * opt-out, send) and by contact merges. Not API. Stateless and thread-safe.
 */
public final class ConsentLedger {
  private ConsentLedger() {}

  /** What a use case asks to record. */
  public record Request(
      @Nullable Channel channel,
      ConsentChange change,
      ConsentSource source,
      @Nullable String reason,
      @Nullable UUID messageId) {}

  /** The states of the contact's channels. */
  public static Map<Channel, ConsentState> states(StoreTransaction tx, UUID contactId) {
    return ContactConsent.statesOf(tx.consents().newest(contactId, ConsentRepository.MAX_NEWEST));
  }

  /** The contact's consent with its newest {@link ContactConsent#MAX_HISTORY} entries. */
  public static ContactConsent read(StoreTransaction tx, UUID contactId) {
    List<ConsentEntry> newest = tx.consents().newest(contactId, ConsentRepository.MAX_NEWEST);
    return new ContactConsent(
        contactId,
        ContactConsent.statesOf(newest),
        newest.subList(0, Math.min(newest.size(), ContactConsent.MAX_HISTORY)));
  }

  /**
   * Records {@code request} for the contact at {@code now}, if it changes the state of a channel it
   * covers; locks the contact first.
   *
   * @return the entry appended, or {@code null} if nothing changed
   * @throws OmniFlowException {@code not_found} if the org has no such contact; {@code
   *     invalid_consent_reason} for a bad reason
   */
  public static @Nullable ConsentEntry record(
      StoreTransaction tx, UUID contactId, Request request, Instant now) {
    tx.contacts().lock(contactId).orElseThrow(() -> OmniFlowException.notFound("The contact"));
    Map<Channel, ConsentState> states = states(tx, contactId);
    ConsentState wanted =
        request.change() == ConsentChange.OPTED_OUT ? ConsentState.WITHDRAWN : ConsentState.GIVEN;
    boolean changes =
        request.channel() == null
            ? states.values().stream().anyMatch(s -> s != wanted)
            : states.get(request.channel()) != wanted;
    if (!changes) {
      return null;
    }
    ConsentEntry entry =
        new ConsentEntry(
            Ids.next(),
            tx.actor().orgId(),
            contactId,
            request.channel(),
            request.change(),
            request.source(),
            request.reason(),
            request.messageId(),
            tx.actor().userId(),
            now);
    tx.consents().append(entry);
    if (request.channel() == null && request.change() == ConsentChange.OPTED_OUT) {
      // The previous release reads only this flag: it keeps refusing sends after a downgrade.
      tx.inbox().markOptedOut(contactId, now);
    }
    boolean out = request.change() == ConsentChange.OPTED_OUT;
    if (out) {
      // An opt-out ends the contact's nurture enrollments; they resume only by a new enrollment.
      EnrollmentStops.afterOptOut(tx, contactId, now);
    }
    Map<String, @Nullable Object> p = payload(entry);
    Recorder.record(
        tx,
        now,
        new Recorder.Change(
            out ? InboxEvents.CONTACT_OPTED_OUT : InboxEvents.CONTACT_OPTED_IN,
            out ? InboxEvents.AUDIT_CONTACT_OPT_OUT : InboxEvents.AUDIT_CONTACT_OPT_IN,
            "contact",
            contactId.toString(),
            p,
            null,
            p));
    return entry;
  }

  /**
   * Carries the consent of {@code mergedId} over to {@code survivorId} in a merge, opt-out winning:
   * a channel withdrawn for the merged contact is withdrawn for the survivor; a channel the merged
   * contact gave consent on and the survivor never answered for is given. Entries of source {@link
   * ConsentSource#MERGE}.
   */
  public static void carryOver(
      StoreTransaction tx, UUID survivorId, UUID mergedId, UUID mergeId, Instant now) {
    Map<Channel, ConsentState> merged = states(tx, mergedId);
    Map<Channel, ConsentState> survivor = states(tx, survivorId);
    String reason = "merged from contact " + mergedId + " (merge " + mergeId + ")";
    if (merged.values().stream().allMatch(s -> s == ConsentState.WITHDRAWN)) {
      record(
          tx,
          survivorId,
          new Request(null, ConsentChange.OPTED_OUT, ConsentSource.MERGE, reason, null),
          now);
      return;
    }
    for (Channel c : Channel.values()) {
      ConsentState from = merged.get(c);
      ConsentState to = survivor.get(c);
      if (from == ConsentState.WITHDRAWN && to != ConsentState.WITHDRAWN) {
        record(
            tx,
            survivorId,
            new Request(c, ConsentChange.OPTED_OUT, ConsentSource.MERGE, reason, null),
            now);
      } else if (from == ConsentState.GIVEN && to == ConsentState.UNKNOWN) {
        record(
            tx,
            survivorId,
            new Request(c, ConsentChange.OPTED_IN, ConsentSource.MERGE, reason, null),
            now);
      }
    }
  }

  private static Map<String, @Nullable Object> payload(ConsentEntry e) {
    Map<String, @Nullable Object> p = new LinkedHashMap<>();
    p.put("contact_id", e.contactId().toString());
    p.put("consent_id", e.id().toString());
    p.put("channel", e.channel() == null ? null : e.channel().id());
    p.put("change", e.change().wireName());
    p.put("source", e.source().wireName());
    p.put("message_id", e.messageId() == null ? null : e.messageId().toString());
    p.put("at", e.at().toString());
    return p;
  }
}
