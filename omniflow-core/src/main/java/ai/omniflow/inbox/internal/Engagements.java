package ai.omniflow.inbox.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.connector.spi.InboundEvent;
import ai.omniflow.connector.spi.Referral;
import ai.omniflow.connector.spi.Sender;
import ai.omniflow.contacts.ConsentChange;
import ai.omniflow.contacts.ConsentEntry;
import ai.omniflow.contacts.ConsentSource;
import ai.omniflow.contacts.Contact;
import ai.omniflow.contacts.IdentityClaim;
import ai.omniflow.guardrails.ComplianceKeywords;
import ai.omniflow.guardrails.KeywordAction;
import ai.omniflow.inbox.Draft;
import ai.omniflow.inbox.InboxEvents;
import ai.omniflow.inbox.InboxThread;
import ai.omniflow.inbox.IngestResult;
import ai.omniflow.inbox.Message;
import ai.omniflow.inbox.MessageDirection;
import ai.omniflow.inbox.Touchpoint;
import ai.omniflow.internal.AbsentIdentities;
import ai.omniflow.internal.ConsentLedger;
import ai.omniflow.internal.ContactsWithin;
import ai.omniflow.internal.IdentityNormalizer;
import ai.omniflow.internal.Ids;
import ai.omniflow.internal.LeadsWithin;
import ai.omniflow.internal.Recorder;
import ai.omniflow.internal.SlaClocksWithin;
import ai.omniflow.pack.PackCatalog;
import ai.omniflow.store.spi.StoreTransaction;
import ai.omniflow.tenancy.Org;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Takes in one engagement (a message, comment or lead form) inside the ingest transaction: resolves
 * the sender to a contact, finds or opens the thread, appends the inbound message and records the
 * touchpoint, each with its event and audit entry. {@link Ingest} calls it; the Javadoc of {@link
 * ai.omniflow.inbox.InboxService#ingest} is the spec. Not API. Thread-safe.
 */
public final class Engagements {
  /** The channels where a whole-message keyword changes consent: direct messages, not posts. */
  static final Set<Channel> KEYWORD_CHANNELS =
      EnumSet.of(Channel.INSTAGRAM_DM, Channel.FACEBOOK_DM, Channel.WHATSAPP, Channel.SMS);

  private final ContactsWithin contacts;
  private final SlaClocksWithin slaClocks;
  private final LeadsWithin leads;
  private final PackCatalog packs;

  /**
   * @param contacts resolves the sender inside the ingest transaction
   * @param slaClocks starts or resumes the thread's SLA clock inside it
   * @param leads makes a lead of a lead-ad form inside it, when the org says so
   * @param packs the org's pack gives the compliance keywords of its languages
   */
  public Engagements(
      ContactsWithin contacts, SlaClocksWithin slaClocks, LeadsWithin leads, PackCatalog packs) {
    this.contacts = Objects.requireNonNull(contacts, "contacts");
    this.slaClocks = Objects.requireNonNull(slaClocks, "slaClocks");
    this.leads = Objects.requireNonNull(leads, "leads");
    this.packs = Objects.requireNonNull(packs, "packs");
  }

  private record Engagement(
      Sender sender, String text, Referral referral, String providerId, String keyPrefix) {}

  /**
   * What the ingest transaction took in, and the reply it drafted to send once it commits: the
   * org's help text after an inbound HELP, else {@code null}.
   */
  record Recorded(IngestResult result, @Nullable Reply reply) {}

  /** The draft of the help text to send on a thread after the commit, and its text. */
  record Reply(UUID threadId, UUID draftId, String text) {}

  private static Engagement engagement(InboundEvent event) {
    if (event instanceof InboundEvent.Message m) {
      return new Engagement(m.sender(), m.text(), m.referral(), m.providerMessageId(), "dm:");
    }
    if (event instanceof InboundEvent.Comment c) {
      return new Engagement(
          c.sender(),
          c.text(),
          c.referral(),
          c.commentId(),
          "comment:" + c.referral().postId() + ":");
    }
    InboundEvent.LeadForm l = (InboundEvent.LeadForm) event;
    StringBuilder text = new StringBuilder();
    l.fields().forEach((k, v) -> text.append(k).append(": ").append(v).append('\n'));
    return new Engagement(
        l.sender(),
        text.toString().strip(),
        l.referral(),
        l.leadId(),
        "lead_form:" + l.formId() + ":");
  }

  /**
   * What the engagements of one transaction read once, since it does not change inside it: the SLA
   * policy and calendars ({@link SlaClocksWithin#within}) and the compliance keywords of the org's
   * pack. Lives as long as its transaction's work; used by the thread that runs it only.
   */
  final class Shared {
    private final StoreTransaction tx;
    private final SlaClocksWithin clocks;
    private @Nullable ComplianceKeywords keywords;
    private @Nullable Boolean anyActive;
    private AbsentIdentities absent = AbsentIdentities.none();

    private Shared(StoreTransaction tx) {
      this.tx = tx;
      this.clocks = slaClocks.within(tx);
    }

    /**
     * Whether the org has an active enrollment that an inbound message might stop, read once per
     * transaction (decision 0103): nothing in an ingest starts one, and one another transaction
     * starts meanwhile is as if it had started a moment after this transaction's messages.
     */
    private boolean anyActiveEnrollment() {
      Boolean any = anyActive;
      if (any == null) {
        any = tx.enrollments().anyActive();
        anyActive = any;
      }
      return any;
    }

    private ComplianceKeywords keywords(Org org) {
      ComplianceKeywords k = keywords;
      if (k == null) {
        k =
            ai.omniflow.internal.OrgPacks.find(tx, packs, org)
                .map(ComplianceKeywords::forPack)
                .orElse(ComplianceKeywords.DEFAULTS);
        keywords = k;
      }
      return k;
    }
  }

  /**
   * Lets {@code shared}'s engagements skip reading the identities {@code absent} knows not to exist
   * ({@link SenderIdentities}, decision 0095).
   */
  static void absent(Shared shared, AbsentIdentities absent) {
    shared.absent = Objects.requireNonNull(absent, "absent");
  }

  /** The sender of an engagement (a message, comment or lead form). */
  static Sender sender(InboundEvent event) {
    return engagement(event).sender();
  }

  /** The reads {@code tx}'s engagements share. */
  Shared shared(StoreTransaction tx) {
    return new Shared(Objects.requireNonNull(tx, "tx"));
  }

  /**
   * The key of the thread an engagement goes to on its channel and account, found as {@link
   * #record} finds it; the order of these keys is the order in which an ingest of several events
   * locks their threads (decision 0081).
   *
   * @throws OmniFlowException as {@link #record} for a sender that shows no usable handle
   */
  static String threadKey(InboundEvent event, String region) {
    Engagement e = engagement(event);
    return threadKey(e, SenderClaims.of(event.channel(), e.sender()).get(0), region);
  }

  // The key holds the normalized handle, so "(415) 555-0101" and "+1 415 555 0101" are one
  // conversation.
  private static String threadKey(Engagement e, IdentityClaim first, String region) {
    return e.keyPrefix()
        + first.kind().wireName()
        + ":"
        + IdentityNormalizer.normalize(first.kind(), first.handle(), "sender", region);
  }

  /** Records the engagement {@code event} on the account {@code ref} (null: the mock endpoint). */
  Recorded record(StoreTransaction tx, @Nullable String ref, InboundEvent event, Instant now) {
    return record(tx, ref, event, now, shared(tx));
  }

  /** As {@link #record(StoreTransaction, String, InboundEvent, Instant)}, with shared reads. */
  Recorded record(
      StoreTransaction tx, @Nullable String ref, InboundEvent event, Instant now, Shared shared) {
    if (shared.tx != tx) {
      throw new IllegalArgumentException("the shared reads are another transaction's");
    }
    Engagement e = engagement(event);
    Channel channel = event.channel();
    List<IdentityClaim> claims = SenderClaims.of(channel, e.sender());
    String text = e.text();
    if (text.length() > Message.MAX_TEXT) {
      text = text.substring(0, Message.MAX_TEXT);
    }
    // A form's text is its field names and answers, not words the contact wrote.
    boolean written = !(event instanceof InboundEvent.LeadForm);
    ContactsWithin.Resolved resolved =
        contacts.resolveSender(tx, claims, e.sender().name(), shared.absent, written ? text : null);
    Contact contact = resolved.contact();
    // resolveWithin has checked that the first claim normalizes.
    Org org = tx.orgs().current().orElseThrow(() -> OmniFlowException.notFound("The org"));
    String key = threadKey(e, claims.get(0), org.defaultRegion());
    Instant at = event.occurredAt();

    InboundThreads.Taken taken =
        InboundThreads.take(tx, contact.id(), resolved.created(), channel, ref, key, at, now);
    InboxThread thread = taken.thread();

    Message message =
        new Message(
            Ids.next(),
            tx.actor().orgId(),
            thread.id(),
            MessageDirection.INBOUND,
            text,
            List.of(),
            e.providerId(),
            null,
            null,
            null,
            at,
            now);
    tx.inbox().insertMessage(message);
    shared.clocks.message(tx, thread, at, SlaClocksWithin.Kind.INBOUND);
    Map<String, @Nullable Object> messagePayload = InboxSnapshots.payload(thread);
    messagePayload.put("message_id", message.id().toString());
    messagePayload.put("kind", event.kind().name().toLowerCase(java.util.Locale.ROOT));
    Recorder.record(
        tx,
        now,
        new Recorder.Change(
            InboxEvents.MESSAGE_RECEIVED,
            InboxEvents.AUDIT_MESSAGE_RECEIVE,
            "message",
            message.id().toString(),
            messagePayload,
            null,
            InboxSnapshots.message(message)));

    if (written && !(resolved.created() && taken.opened())) {
      // A contact created above on a thread it opened has this message as its only one, and took
      // its language with its insert (decision 0102).
      contact = InboundLanguages.afterInbound(tx, contact, now);
    }

    Reply reply = null;
    if (event instanceof InboundEvent.Message && KEYWORD_CHANNELS.contains(channel)) {
      // Consent first: a keyword is one action, the safer one winning (STOP over HELP).
      KeywordAction action =
          consentKeyword(tx, shared.keywords(org), contact.id(), channel, text, message.id(), now);
      if (action == KeywordAction.HELP) {
        reply = helpReply(tx, org, contact, thread, now);
      }
    }
    if (written && shared.anyActiveEnrollment()) {
      // A reply ends the nurture enrollments that stop on any reply (an opt-out ended all above).
      ai.omniflow.internal.EnrollmentStops.afterInbound(tx, contact.id(), now);
    }

    Referral r = e.referral();
    Touchpoint touchpoint =
        new Touchpoint(
            Ids.next(),
            tx.actor().orgId(),
            contact.id(),
            channel,
            r.campaignId(),
            r.adId(),
            r.postId(),
            at,
            message.id(),
            thread.id());
    tx.inbox().insertTouchpoint(touchpoint);
    Map<String, @Nullable Object> tp = InboxSnapshots.touchpoint(touchpoint);
    Recorder.record(
        tx,
        now,
        new Recorder.Change(
            InboxEvents.TOUCHPOINT_RECORDED,
            InboxEvents.AUDIT_TOUCHPOINT_RECORD,
            "touchpoint",
            touchpoint.id().toString(),
            tp,
            null,
            tp));
    if (event instanceof InboundEvent.LeadForm && org.leadFormsBecomeLeads()) {
      // Read where the form is taken in, so a change of the setting applies to the next form.
      leads.leadForm(tx, thread.id());
    }
    return new Recorded(
        new IngestResult(contact.id(), thread.id(), message.id(), touchpoint.id(), false), reply);
  }

  /**
   * Drafts the org's help text ({@link Org#helpReply}, in the contact's language by default) on the
   * thread, with event {@code draft.created}; the caller sends it after the commit through the send
   * path, whose guardrails apply as to any reply.
   */
  private static Reply helpReply(
      StoreTransaction tx, Org org, Contact contact, InboxThread thread, Instant now) {
    Draft draft =
        Draft.of(Ids.next(), org.id(), thread.id(), org.helpReply(contact.language()), null, now);
    tx.inbox().insertDraft(draft);
    Map<String, @Nullable Object> p = InboxSnapshots.payload(thread);
    p.put("draft_id", draft.id().toString());
    p.put("author_user_id", null);
    p.put("reply_to", "help");
    Recorder.record(
        tx,
        now,
        new Recorder.Change(
            InboxEvents.DRAFT_CREATED,
            InboxEvents.AUDIT_DRAFT_CREATE,
            "draft",
            draft.id().toString(),
            p,
            null,
            p));
    return new Reply(thread.id(), draft.id(), draft.text());
  }

  /**
   * Records in the consent ledger what a whole-message compliance keyword asks for: STOP withdraws
   * the channel, STOPALL every channel, START gives the channel again; HELP changes nothing.
   *
   * @return the keyword's action, or {@code null} if the text is none
   */
  private static @Nullable KeywordAction consentKeyword(
      StoreTransaction tx,
      ComplianceKeywords keywords,
      UUID contactId,
      Channel channel,
      String text,
      UUID messageId,
      Instant now) {
    Optional<KeywordAction> action = keywords.recognize(text);
    if (action.isEmpty() || action.get() == KeywordAction.HELP) {
      return action.orElse(null);
    }
    String said = text.strip();
    if (said.length() > ConsentEntry.MAX_REASON) {
      said = said.substring(0, ConsentEntry.MAX_REASON);
    }
    ConsentLedger.record(
        tx,
        contactId,
        new ConsentLedger.Request(
            action.get() == KeywordAction.STOP_ALL ? null : channel,
            action.get() == KeywordAction.START ? ConsentChange.OPTED_IN : ConsentChange.OPTED_OUT,
            ConsentSource.INBOUND_KEYWORD,
            said.isEmpty() ? null : said,
            messageId),
        now);
    return action.get();
  }
}
