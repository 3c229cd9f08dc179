package ai.omniflow.inbox;

import ai.omniflow.Limits;
import ai.omniflow.OmniFlowException;
import ai.omniflow.Page;
import ai.omniflow.PageRequest;
import ai.omniflow.assist.Guardrails;
import ai.omniflow.assist.spi.IntentClassifier;
import ai.omniflow.assist.spi.ReplySuggester;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.connector.spi.DeliveryStatus;
import ai.omniflow.connector.spi.InboundEvent;
import ai.omniflow.connector.spi.Referral;
import ai.omniflow.connector.spi.SendResult;
import ai.omniflow.connector.spi.Sender;
import ai.omniflow.connectors.ConnectorService;
import ai.omniflow.contacts.Contact;
import ai.omniflow.contacts.ContactService;
import ai.omniflow.contacts.IdentityClaim;
import ai.omniflow.contacts.IdentityKind;
import ai.omniflow.inbox.internal.ReplySuggestions;
import ai.omniflow.internal.ContactsWithin;
import ai.omniflow.internal.IdentityNormalizer;
import ai.omniflow.internal.Observations;
import ai.omniflow.internal.Races;
import ai.omniflow.internal.Recorder;
import ai.omniflow.internal.Wiring;
import ai.omniflow.pack.PackCatalog;
import ai.omniflow.store.spi.Store;
import ai.omniflow.store.spi.StoreTransaction;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The unified inbox: ingesting what platforms tell us, and reading and working threads. Obtain it
 * from {@link ai.omniflow.OmniFlow#inbox()}.
 *
 * <pre>{@code
 * IngestResult r = omniFlow.inbox().ingest(Actor.system(orgId), "acct_ig_main", event);
 * Page<InboxThread> open = omniFlow.inbox().threads(agent,
 *     ThreadFilter.ALL.withStatus(ThreadStatus.OPEN), PageRequest.first());
 * omniFlow.inbox().assign(manager, r.threadId(), agentUserId);
 * }</pre>
 *
 * <p>{@link #ingest} is the one code path for webhooks and the mock endpoint alike. Every change
 * writes its events and audit entries in its own transaction; a refused call writes nothing.
 * Thread-safe.
 */
public final class InboxService {
  static {
    // Only OmniFlow.builder() builds services (decision 0032).
    Wiring.register(
        InboxService.class,
        w ->
            new InboxService(
                w.store(),
                w.clock(),
                w.part(ContactsWithin.class),
                w.part(ai.omniflow.connectors.ConnectorService.class),
                w.part(SentAtWindow.class),
                w.packs(),
                w.part(ReplySuggester.class),
                w.part(IntentClassifier.class),
                w.part(ObservationRegistry.class)));
  }

  /** How many times at most {@link #ingest} runs its transaction when it loses races. */
  static final int MAX_ATTEMPTS = 5;

  private static final Pattern PHONE_LIKE = Pattern.compile("\\+?[0-9][0-9 ().-]{5,}");

  private final Store store;
  private final Clock clock;
  private final ContactsWithin contacts;
  private final @Nullable ConnectorService connectors;
  private final SentAtWindow sentAtWindow;
  private final ReplySuggestions suggestions;
  private final Observations observations;

  /**
   * @param connectors sends replies through the threads' connector accounts
   */
  InboxService(
      Store store,
      Clock clock,
      ContactsWithin contacts,
      @Nullable ConnectorService connectors,
      SentAtWindow sentAtWindow,
      PackCatalog packs,
      ReplySuggester suggester,
      IntentClassifier classifier,
      ObservationRegistry observations) {
    this.observations = new Observations(observations);
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.contacts = Objects.requireNonNull(contacts, "contacts");
    this.connectors = connectors;
    this.sentAtWindow = Objects.requireNonNull(sentAtWindow, "sentAtWindow");
    this.suggestions = new ReplySuggestions(store, packs, clock, suggester, classifier);
  }

  /**
   * Takes in one event a platform (or the mock endpoint) delivered, in one transaction:
   *
   * <ul>
   *   <li>a redelivered event (same org and {@link InboundEvent#dedupeKey()}) returns the first
   *       ingestion's result with {@code duplicate} true and writes nothing;
   *   <li>a message, comment or lead form resolves its sender to a contact as {@link
   *       ContactService#resolve} does (identity kinds from the channel: docs/inbox.md), finds or
   *       opens the thread, appends the inbound message (last inbound time, one more unread, a
   *       closed thread opens again) and records a touchpoint with the referral's campaign, ad and
   *       post. Events {@code contact.created}/{@code contact.updated} (when the contact changed),
   *       {@code thread.opened} or {@code thread.reopened}, {@code message.received} and {@code
   *       touchpoint.recorded}, each with its audit entry;
   *   <li>a delivery update sets the delivery status of our outbound message with that provider id
   *       (never going back from read to delivered or sent), with event {@code
   *       message.delivery_updated}; an unknown message is only remembered as ingested.
   * </ul>
   *
   * <p>Concurrent ingests of the same event, or of two events from the same new person, end with
   * one receipt, one contact and one thread: the loser's transaction meets a unique key and runs
   * again.
   *
   * @param actor normally {@link Actor#system(UUID)} of the org the account belongs to
   * @param accountRef the connector account's ref, or {@code null} for the mock endpoint
   * @throws OmniFlowException {@code forbidden} without {@link Permission#INBOX_MANAGE} and {@link
   *     Permission#CONTACTS_WRITE}; {@code not_found} if {@code accountRef} names no account of the
   *     org; {@code unidentified_sender}, {@code invalid_phone}, {@code invalid_email} or {@code
   *     invalid_handle} (invalid input) if the sender shows no usable handle; {@code
   *     invalid_sent_at} (invalid input) if the event's time lies outside the {@link SentAtWindow}
   *     around now; {@code invalid_<field>} (invalid input) if an id is longer than {@value
   *     Limits#MAX_ID} characters or a lead form has more than {@value Limits#MAX_LIST} fields.
   *     Nothing is written then. NUL characters in the platform's text, names and form answers are
   *     removed, and text longer than {@link Message#MAX_TEXT} is cut.
   */
  public IngestResult ingest(Actor actor, @Nullable String accountRef, InboundEvent event) {
    return observations.observe(
        Observations.INGEST,
        KeyValues.of("channel", Objects.requireNonNull(event, "event").channel().id()),
        () -> ingestObserved(actor, accountRef, event));
  }

  private IngestResult ingestObserved(
      Actor actor, @Nullable String accountRef, InboundEvent event) {
    Permission.INBOX_MANAGE.check(actor);
    Permission.CONTACTS_WRITE.check(actor);
    Objects.requireNonNull(event, "event");
    String ref = accountRef == null || accountRef.isBlank() ? null : accountRef.strip();
    if (ref != null) {
      Limits.text("account_ref", ref, Limits.MAX_ID);
    }
    Instant now = clock.instant();
    if (event.occurredAt().isBefore(now.minus(sentAtWindow.maxAge()))
        || event.occurredAt().isAfter(now.plus(sentAtWindow.maxAhead()))) {
      throw OmniFlowException.invalidInput(
          "invalid_sent_at",
          "sent_at must lie from "
              + sentAtWindow.maxAge()
              + " before now to "
              + sentAtWindow.maxAhead()
              + " after it.");
    }
    InboundEvent bounded = bounded(event);
    return Races.retrying(
        MAX_ATTEMPTS, () -> store.inTransaction(actor, tx -> ingestIn(tx, ref, bounded)));
  }

  /**
   * The event with its ids checked against {@link Limits#MAX_ID} and NUL removed from the text a
   * platform may send (text, names, form answers), which PostgreSQL cannot store.
   */
  private static InboundEvent bounded(InboundEvent event) {
    Limits.text("dedupe_key", event.dedupeKey(), Limits.MAX_FREE_TEXT);
    Limits.text("provider_account_id", event.providerAccountId(), Limits.MAX_ID);
    if (event instanceof InboundEvent.DeliveryUpdate d) {
      Limits.text("provider_message_id", d.providerMessageId(), Limits.MAX_ID);
      return new InboundEvent.DeliveryUpdate(
          d.dedupeKey(),
          d.providerAccountId(),
          d.channel(),
          d.providerMessageId(),
          d.status(),
          Limits.optionalPlatformText(d.failureReason(), Limits.MAX_FREE_TEXT),
          d.occurredAt());
    }
    if (event instanceof InboundEvent.Message m) {
      Limits.text("provider_message_id", m.providerMessageId(), Limits.MAX_ID);
      return new InboundEvent.Message(
          m.dedupeKey(),
          m.providerAccountId(),
          m.channel(),
          m.providerMessageId(),
          bounded(m.sender()),
          Limits.platformText(m.text(), Limits.MAX_MESSAGE_TEXT),
          m.occurredAt(),
          bounded(m.referral()));
    }
    if (event instanceof InboundEvent.Comment c) {
      Limits.text("comment_id", c.commentId(), Limits.MAX_ID);
      Limits.optionalText("parent_comment_id", c.parentCommentId(), Limits.MAX_ID);
      return new InboundEvent.Comment(
          c.dedupeKey(),
          c.providerAccountId(),
          c.channel(),
          c.commentId(),
          c.parentCommentId(),
          bounded(c.sender()),
          Limits.platformText(c.text(), Limits.MAX_MESSAGE_TEXT),
          c.occurredAt(),
          bounded(c.referral()));
    }
    InboundEvent.LeadForm l = (InboundEvent.LeadForm) event;
    Limits.text("lead_id", l.leadId(), Limits.MAX_ID);
    Limits.text("form_id", l.formId(), Limits.MAX_ID);
    Limits.map("fields", l.fields(), Limits.MAX_LIST);
    Map<String, String> fields = new LinkedHashMap<>();
    l.fields()
        .forEach(
            (k, v) ->
                fields.put(
                    Limits.platformText(k, Limits.MAX_NAME),
                    Limits.platformText(v, Limits.MAX_FREE_TEXT)));
    return new InboundEvent.LeadForm(
        l.dedupeKey(),
        l.providerAccountId(),
        l.leadId(),
        l.formId(),
        bounded(l.sender()),
        fields,
        l.occurredAt(),
        bounded(l.referral()));
  }

  private static Sender bounded(Sender s) {
    String name = Limits.optionalPlatformText(s.name(), Limits.MAX_NAME);
    if (s.handle() == null
        && s.phone() == null
        && s.email() == null
        && (name == null || name.isBlank())) {
      throw OmniFlowException.invalidInput(
          "unidentified_sender", "sender needs a handle, name, phone or email.");
    }
    return new Sender(
        s.handle(), name == null || name.isBlank() ? null : name, s.phone(), s.email());
  }

  private static Referral bounded(Referral r) {
    Limits.optionalText("campaign", r.campaignId(), Limits.MAX_ID);
    Limits.optionalText("ad_id", r.adId(), Limits.MAX_ID);
    Limits.optionalText("post_id", r.postId(), Limits.MAX_ID);
    return r;
  }

  private IngestResult ingestIn(StoreTransaction tx, @Nullable String ref, InboundEvent event) {
    Optional<IngestResult> prior = tx.inbox().findReceipt(event.dedupeKey());
    if (prior.isPresent()) {
      return prior.get().asDuplicate();
    }
    if (ref != null && tx.connectorAccounts().findByRef(ref).isEmpty()) {
      throw OmniFlowException.notFound("The connector account");
    }
    Instant now = clock.instant();
    IngestResult result =
        event instanceof InboundEvent.DeliveryUpdate update
            ? delivery(tx, update, now)
            : engagement(tx, ref, event, now);
    tx.inbox().insertReceipt(event.dedupeKey(), result, now);
    return result;
  }

  private record Engagement(
      Sender sender, String text, Referral referral, String providerId, String keyPrefix) {}

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

  private IngestResult engagement(
      StoreTransaction tx, @Nullable String ref, InboundEvent event, Instant now) {
    Engagement e = engagement(event);
    Channel channel = event.channel();
    List<IdentityClaim> claims = claims(channel, e.sender());
    Contact contact = contacts.resolve(tx, claims, e.sender().name());
    // The key holds the normalized handle, so "(415) 555-0101" and "+1 415 555 0101" are one
    // conversation; resolveWithin has checked that it normalizes.
    IdentityClaim first = claims.get(0);
    String region =
        tx.orgs()
            .current()
            .orElseThrow(() -> OmniFlowException.notFound("The org"))
            .defaultRegion();
    String key =
        e.keyPrefix()
            + first.kind().wireName()
            + ":"
            + IdentityNormalizer.normalize(first.kind(), first.handle(), "sender", region);
    Instant at = event.occurredAt();

    Optional<InboxThread> found = tx.inbox().lockThreadByKey(channel, ref, key);
    InboxThread thread;
    String threadEvent = null;
    if (found.isEmpty()) {
      thread =
          new InboxThread(
                  UUID.randomUUID(),
                  tx.actor().orgId(),
                  contact.id(),
                  channel,
                  ref,
                  key,
                  ThreadStatus.OPEN,
                  null,
                  null,
                  null,
                  at,
                  0,
                  now,
                  now)
              .withInbound(at, now);
      tx.inbox().insertThread(thread);
      threadEvent = "opened";
    } else {
      InboxThread before = found.get();
      thread = before.withInbound(at, now);
      tx.inbox().updateThread(thread);
      if (before.status() == ThreadStatus.CLOSED) {
        threadEvent = "reopened";
      }
    }
    if (threadEvent != null) {
      Recorder.record(
          tx,
          now,
          new Recorder.Change(
              "thread." + threadEvent,
              "thread." + (threadEvent.equals("opened") ? "open" : "reopen"),
              "thread",
              thread.id().toString(),
              threadPayload(thread),
              found.map(InboxService::snapshot).orElse(null),
              snapshot(thread)));
    }

    String text = e.text();
    if (text.length() > Message.MAX_TEXT) {
      text = text.substring(0, Message.MAX_TEXT);
    }
    Message message =
        new Message(
            UUID.randomUUID(),
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
    Map<String, @Nullable Object> messagePayload = threadPayload(thread);
    messagePayload.put("message_id", message.id().toString());
    messagePayload.put("kind", event.kind().name().toLowerCase(java.util.Locale.ROOT));
    Recorder.record(
        tx,
        now,
        new Recorder.Change(
            "message.received",
            "message.receive",
            "message",
            message.id().toString(),
            messagePayload,
            null,
            snapshot(message)));

    Referral r = e.referral();
    Touchpoint touchpoint =
        new Touchpoint(
            UUID.randomUUID(),
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
    Map<String, @Nullable Object> tp = snapshot(touchpoint);
    Recorder.record(
        tx,
        now,
        new Recorder.Change(
            "touchpoint.recorded",
            "touchpoint.record",
            "touchpoint",
            touchpoint.id().toString(),
            tp,
            null,
            tp));
    return new IngestResult(contact.id(), thread.id(), message.id(), touchpoint.id(), false);
  }

  /**
   * The identities a sender shows on a channel: the handle as the channel's own kind (Instagram id,
   * Messenger PSID, WhatsApp id, phone for SMS, e-mail for e-mail; a WhatsApp id is also a phone
   * number), plus any phone and e-mail the event carries.
   */
  static List<IdentityClaim> claims(Channel channel, Sender sender) {
    List<IdentityClaim> out = new ArrayList<>();
    String handle = sender.handle();
    if (handle != null) {
      switch (channel) {
        case INSTAGRAM_DM, INSTAGRAM_COMMENT ->
            out.add(IdentityClaim.of(IdentityKind.INSTAGRAM_ID, handle));
        case FACEBOOK_DM, FACEBOOK_COMMENT ->
            out.add(IdentityClaim.of(IdentityKind.MESSENGER_PSID, handle));
        case WHATSAPP -> {
          out.add(IdentityClaim.of(IdentityKind.WHATSAPP_ID, handle));
          if (sender.phone() == null && PHONE_LIKE.matcher(handle.strip()).matches()) {
            String h = handle.strip();
            out.add(IdentityClaim.of(IdentityKind.PHONE, h.startsWith("+") ? h : "+" + h));
          }
        }
        case SMS -> {
          if (sender.phone() == null) {
            out.add(IdentityClaim.of(IdentityKind.PHONE, handle));
          }
        }
        case EMAIL -> {
          if (sender.email() == null) {
            out.add(IdentityClaim.of(IdentityKind.EMAIL, handle));
          }
        }
        case LEAD_FORM -> {
          // A lead form's handle is the platform's user id of an unknown kind: only its phone
          // and e-mail fields identify the person.
        }
      }
    }
    if (sender.phone() != null) {
      out.add(IdentityClaim.of(IdentityKind.PHONE, sender.phone()));
    }
    if (sender.email() != null) {
      out.add(IdentityClaim.of(IdentityKind.EMAIL, sender.email()));
    }
    if (out.isEmpty()) {
      throw OmniFlowException.invalidInput(
          "unidentified_sender",
          "The sender shows no handle, phone or e-mail that identifies them on " + channel + ".");
    }
    return out;
  }

  private static int rank(DeliveryStatus s) {
    return switch (s) {
      case SENT -> 1;
      case DELIVERED -> 2;
      case READ -> 3;
      case FAILED -> 4;
    };
  }

  private IngestResult delivery(StoreTransaction tx, InboundEvent.DeliveryUpdate u, Instant now) {
    Optional<Message> found = tx.inbox().findOutbound(u.providerMessageId());
    if (found.isEmpty()) {
      return new IngestResult(null, null, null, null, false);
    }
    Message before = found.get();
    DeliveryStatus current = before.deliveryStatus();
    if (current != null && rank(current) >= rank(u.status())) {
      return new IngestResult(null, before.threadId(), before.id(), null, false);
    }
    Message after = before.withDelivery(u.status(), u.failureReason());
    tx.inbox().updateDelivery(after);
    Map<String, @Nullable Object> payload = new LinkedHashMap<>();
    payload.put("message_id", after.id().toString());
    payload.put("thread_id", after.threadId().toString());
    payload.put("status", u.status().name().toLowerCase(java.util.Locale.ROOT));
    payload.put("failure_reason", u.failureReason());
    Recorder.record(
        tx,
        now,
        new Recorder.Change(
            "message.delivery_updated",
            "message.delivery_update",
            "message",
            after.id().toString(),
            payload,
            snapshot(before),
            snapshot(after)));
    return new IngestResult(null, after.threadId(), after.id(), null, false);
  }

  /**
   * The thread.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#INBOX_READ}; {@code
   *     not_found} if the org has no such thread (another org's included)
   */
  public InboxThread thread(Actor actor, UUID threadId) {
    Permission.INBOX_READ.check(actor);
    Objects.requireNonNull(threadId, "threadId");
    return store.inTransaction(actor, tx -> require(tx.inbox().findThread(threadId)));
  }

  private static InboxThread require(Optional<InboxThread> thread) {
    return thread.orElseThrow(() -> OmniFlowException.notFound("The thread"));
  }

  /** The org's threads passing {@code filter}, latest activity first. */
  public Page<InboxThread> threads(Actor actor, ThreadFilter filter, PageRequest page) {
    Permission.INBOX_READ.check(actor);
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(page, "page");
    return store.inTransaction(actor, tx -> tx.inbox().threads(filter, page));
  }

  /**
   * The thread's messages, oldest first.
   *
   * @throws OmniFlowException {@code not_found} if the org has no such thread
   */
  public Page<Message> messages(Actor actor, UUID threadId, PageRequest page) {
    Permission.INBOX_READ.check(actor);
    Objects.requireNonNull(threadId, "threadId");
    Objects.requireNonNull(page, "page");
    return store.inTransaction(
        actor,
        tx -> {
          require(tx.inbox().findThread(threadId));
          return tx.inbox().messages(threadId, page);
        });
  }

  /**
   * Suggests a reply to the thread's newest inbound message with the registered {@link
   * ReplySuggester}, grounded in the org's name, the contact's name and the assignee's name, under
   * the thread's guardrails: the contact opted out ({@link #optOut}, or an inbound message among
   * the newest {@value ReplySuggestions#NEWEST_MESSAGES} that the registered {@link
   * IntentClassifier} finds to be {@code opt_out}), and the channel's reply window at the time of
   * the OmniFlow clock. Only the newest {@value ReplySuggestions#NEWEST_MESSAGES} messages are
   * read; a text longer than {@link ai.omniflow.assist.SuggestionRequest#MAX_TEXT} is cut to it.
   * Writes nothing; the suggester is called outside any transaction.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#INBOX_READ} and {@link
   *     Permission#CONTACTS_READ}; {@code not_found} if the org has no such thread; {@code
   *     no_pack_selected} (invalid input) when the org has no pack; {@code no_inbound_message}
   *     (invalid input) when none of the newest messages is inbound; whatever the suggester or
   *     classifier throws ({@code unavailable})
   */
  public ReplySuggestion suggestReply(Actor actor, UUID threadId) {
    return suggestions.suggest(actor, threadId);
  }

  /**
   * The contact's touchpoints, oldest first: the raw material of attribution.
   *
   * @throws OmniFlowException {@code not_found} if the org has no such contact
   */
  public List<Touchpoint> touchpoints(Actor actor, UUID contactId) {
    Permission.INBOX_READ.check(actor);
    Objects.requireNonNull(contactId, "contactId");
    return store.inTransaction(
        actor,
        tx -> {
          requireContact(tx, contactId);
          return tx.inbox().touchpoints(contactId);
        });
  }

  /**
   * Gives the thread to a member. Assigning it to its assignee again changes nothing. Event {@code
   * thread.assigned}, audited.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#INBOX_MANAGE}; {@code
   *     not_found} if the org has no such thread; {@code assignee_not_member} (invalid input) if
   *     {@code userId} is not a member of the org. Nothing is written then.
   */
  public InboxThread assign(Actor actor, UUID threadId, UUID userId) {
    Permission.INBOX_MANAGE.check(actor);
    Objects.requireNonNull(threadId, "threadId");
    Objects.requireNonNull(userId, "userId");
    return store.inTransaction(
        actor,
        tx -> {
          InboxThread before = require(tx.inbox().lockThread(threadId));
          if (tx.memberships().find(userId).isEmpty()) {
            throw OmniFlowException.invalidInput(
                "assignee_not_member", "The assignee must be a member of the org.");
          }
          if (userId.equals(before.assigneeUserId())) {
            return before;
          }
          return change(tx, before, before.withAssignee(userId, clock.instant()), "assigned");
        });
  }

  /**
   * Closes the thread; closing a closed thread changes nothing. A new inbound message opens it
   * again. Event {@code thread.closed}, audited.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#INBOX_MANAGE}; {@code
   *     not_found} if the org has no such thread
   */
  public InboxThread close(Actor actor, UUID threadId) {
    Permission.INBOX_MANAGE.check(actor);
    Objects.requireNonNull(threadId, "threadId");
    return store.inTransaction(
        actor,
        tx -> {
          InboxThread before = require(tx.inbox().lockThread(threadId));
          if (before.status() == ThreadStatus.CLOSED) {
            return before;
          }
          return change(
              tx, before, before.withStatus(ThreadStatus.CLOSED, clock.instant()), "closed");
        });
  }

  /**
   * Sets the thread's unread count to zero; a thread with nothing unread is left as it is. Event
   * {@code thread.read}, audited.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#INBOX_MANAGE}; {@code
   *     not_found} if the org has no such thread
   */
  public InboxThread markRead(Actor actor, UUID threadId) {
    Permission.INBOX_MANAGE.check(actor);
    Objects.requireNonNull(threadId, "threadId");
    return store.inTransaction(
        actor,
        tx -> {
          InboxThread before = require(tx.inbox().lockThread(threadId));
          if (before.unreadCount() == 0) {
            return before;
          }
          return change(tx, before, before.read(clock.instant()), "read");
        });
  }

  /**
   * Saves a reply draft on the thread. Event {@code draft.created}, audited (without the text).
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#MESSAGES_SEND}; {@code
   *     not_found} if the org has no such thread; {@code invalid_draft} (invalid input) if {@code
   *     text} is null, blank, longer than {@value Draft#MAX_TEXT} characters or holds NUL (U+0000).
   *     Nothing is written then.
   */
  public Draft draft(Actor actor, UUID threadId, @Nullable String text) {
    Permission.MESSAGES_SEND.check(actor);
    Objects.requireNonNull(threadId, "threadId");
    return store.inTransaction(
        actor,
        tx -> {
          InboxThread thread = require(tx.inbox().findThread(threadId));
          if (text == null || text.isBlank()) {
            throw OmniFlowException.invalidInput(
                "invalid_draft", "text is required and not blank.");
          }
          if (text.length() > Draft.MAX_TEXT) {
            throw OmniFlowException.invalidInput(
                "invalid_draft", "text must be at most " + Draft.MAX_TEXT + " characters.");
          }
          if (text.indexOf('\0') >= 0) {
            throw OmniFlowException.invalidInput(
                "invalid_draft", "text must not contain the NUL character (U+0000).");
          }
          Instant now = clock.instant();
          Draft d =
              Draft.of(
                  UUID.randomUUID(),
                  tx.actor().orgId(),
                  thread.id(),
                  text,
                  tx.actor().userId(),
                  now);
          tx.inbox().insertDraft(d);
          Map<String, @Nullable Object> p = threadPayload(thread);
          p.put("draft_id", d.id().toString());
          p.put("author_user_id", d.authorUserId() == null ? null : d.authorUserId().toString());
          Recorder.record(
              tx,
              now,
              new Recorder.Change(
                  "draft.created", "draft.create", "draft", d.id().toString(), p, null, p));
          return d;
        });
  }

  /**
   * Records that the contact asked not to be messaged: {@link #send} refuses every reply to them
   * from then on. Asking again changes nothing. Event {@code contact.opted_out}, audited.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#CONTACTS_WRITE}; {@code
   *     not_found} if the org has no such contact
   */
  public void optOut(Actor actor, UUID contactId) {
    Permission.CONTACTS_WRITE.check(actor);
    Objects.requireNonNull(contactId, "contactId");
    store.useTransaction(
        actor,
        tx -> {
          requireContact(tx, contactId);
          if (tx.inbox().isOptedOut(contactId)) {
            return;
          }
          Instant now = clock.instant();
          tx.inbox().markOptedOut(contactId, now);
          Map<String, @Nullable Object> p = new LinkedHashMap<>();
          p.put("contact_id", contactId.toString());
          p.put("opted_out_at", now.toString());
          Recorder.record(
              tx,
              now,
              new Recorder.Change(
                  "contact.opted_out",
                  "contact.opt_out",
                  "contact",
                  contactId.toString(),
                  p,
                  null,
                  p));
        });
  }

  /**
   * Whether the org's contact asked not to be messaged.
   *
   * @throws OmniFlowException {@code not_found} if the org has no such contact
   */
  public boolean isOptedOut(Actor actor, UUID contactId) {
    Permission.INBOX_READ.check(actor);
    Objects.requireNonNull(contactId, "contactId");
    return store.inTransaction(
        actor,
        tx -> {
          requireContact(tx, contactId);
          return tx.inbox().isOptedOut(contactId);
        });
  }

  private record SendPlan(InboxThread thread, Draft draft, String accountRef, String recipient) {}

  /**
   * Sends a draft through the thread's connector account and records the outbound message (provider
   * id, author, delivery status sent), with the thread's last outbound time. Event {@code
   * message.sent}, audited. The guardrails are checked first, in this order, and a refused send
   * writes nothing and sends nothing:
   *
   * <ul>
   *   <li>{@code draft_sent} (409): the draft was sent already — a draft is sent at most once;
   *   <li>{@code draft_not_sendable} (409): another send has claimed the draft ({@link
   *       DraftStatus#SENDING}) or its last send's outcome is unknown ({@link
   *       DraftStatus#UNKNOWN});
   *   <li>{@code thread_closed} (409): the thread is closed;
   *   <li>{@code contact_opted_out} (409): the contact asked not to be messaged ({@link #optOut});
   *   <li>{@code window_closed} (409): the channel's window ({@link Guardrails#windowFor}: 24 h
   *       after the last inbound message on Meta's messaging channels) is closed or the contact
   *       never wrote;
   *   <li>{@code no_channel_account} (409): the thread has no connector account (the mock endpoint
   *       without one) or this inbox has no connector service;
   *   <li>{@code account_needs_reauth}, {@code account_disconnected} (409) and the send failures of
   *       {@link ConnectorService#sendText}.
   * </ul>
   *
   * <p>Claim, commit, then call: a first transaction locks the draft, refuses it unless it is a
   * {@link DraftStatus#DRAFT}, marks it {@link DraftStatus#SENDING} and commits; only then is the
   * provider called, with the draft's id as the idempotency key; a second transaction records the
   * message and marks the draft sent. So of any number of concurrent sends of one draft exactly one
   * reaches the provider. A definite failure (the provider refused, the account cannot send) puts
   * the draft back to {@link DraftStatus#DRAFT} with the error code; an ambiguous one ({@code
   * provider_unavailable}: a timeout or 5xx after which the message may have gone out) leaves the
   * claim for {@link #reconcileSends}, which never sends again.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#MESSAGES_SEND}; {@code
   *     not_found} if the org has no such thread, or no such draft on it
   */
  public Message send(Actor actor, UUID threadId, UUID draftId) {
    return observations.observe(
        Observations.SEND, KeyValues.empty(), () -> sendObserved(actor, threadId, draftId));
  }

  private Message sendObserved(Actor actor, UUID threadId, UUID draftId) {
    Permission.MESSAGES_SEND.check(actor);
    Objects.requireNonNull(threadId, "threadId");
    Objects.requireNonNull(draftId, "draftId");
    SendPlan plan =
        store.inTransaction(
            actor,
            tx -> {
              SendPlan p = plan(tx, threadId, draftId);
              Draft claimed = p.draft().claimedAt(clock.instant());
              tx.inbox().updateDraftState(claimed);
              return new SendPlan(p.thread(), claimed, p.accountRef(), p.recipient());
            });
    observations.tagCurrent("channel", plan.thread().channel().id());
    ConnectorService via = Objects.requireNonNull(connectors, "checked by plan");
    SendResult result;
    try {
      result =
          via.sendText(
              actor,
              plan.accountRef(),
              plan.thread().channel(),
              plan.recipient(),
              plan.draft().text(),
              plan.draft().id().toString());
    } catch (OmniFlowException e) {
      boolean ambiguous = "provider_unavailable".equals(e.code());
      releaseClaim(actor, draftId, ambiguous ? DraftStatus.SENDING : DraftStatus.DRAFT, e.code());
      throw e;
    } catch (RuntimeException e) {
      // Nobody knows whether the provider took it: the claim stays for reconciliation.
      releaseClaim(actor, draftId, DraftStatus.SENDING, "send_failed_unexpectedly");
      throw e;
    }
    return store.inTransaction(
        actor,
        tx -> {
          InboxThread thread = require(tx.inbox().lockThread(threadId));
          Draft draft =
              tx.inbox()
                  .lockDraft(draftId)
                  .orElseThrow(() -> OmniFlowException.notFound("The draft"));
          // Recorded even if reconciliation marked the claim unknown meanwhile: the provider took
          // it, and this is the proof.
          return recordSent(
              tx, new SendPlan(thread, draft, plan.accountRef(), plan.recipient()), result);
        });
  }

  /**
   * After a failed provider call: back to {@code status} with the error, if the claim is still this
   * send's (nobody has resolved it meanwhile).
   */
  private void releaseClaim(Actor actor, UUID draftId, DraftStatus status, String code) {
    store.inTransaction(
        actor,
        tx -> {
          tx.inbox()
              .lockDraft(draftId)
              .filter(d -> d.status() == DraftStatus.SENDING)
              .ifPresent(
                  d ->
                      tx.inbox()
                          .updateDraftState(
                              d.withState(
                                  status,
                                  status == DraftStatus.SENDING ? d.claimedAt() : null,
                                  code.length() > Draft.MAX_ERROR
                                      ? code.substring(0, Draft.MAX_ERROR)
                                      : code)));
          return null;
        });
  }

  /** The most claims one call of {@link #reconcileSends} resolves. */
  public static final int RECONCILE_BATCH = 100;

  /**
   * Resolves the org's send claims older than {@code olderThan}: a send that crashed or timed out
   * between claiming a draft and recording the provider's answer. The provider may or may not have
   * delivered it, and the connector SPI cannot look a send up by its idempotency key, so the draft
   * is never sent again here: it becomes {@link DraftStatus#UNKNOWN} with {@code
   * send_outcome_unknown}, event {@code draft.send_unknown}, audited, for a person to check. At
   * most {@value #RECONCILE_BATCH} per call; the starter's org sweep calls it.
   *
   * @return how many claims were resolved
   * @throws OmniFlowException {@code forbidden} without {@link Permission#MESSAGES_SEND}
   * @throws IllegalArgumentException if {@code olderThan} is negative or longer than a day
   */
  public int reconcileSends(Actor actor, Duration olderThan) {
    Permission.MESSAGES_SEND.check(actor);
    Objects.requireNonNull(olderThan, "olderThan");
    if (olderThan.isNegative() || olderThan.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException("olderThan must be 0 to 24 hours");
    }
    Instant now = clock.instant();
    return store.inTransaction(
        actor,
        tx -> {
          int resolved = 0;
          for (Draft stale : tx.inbox().staleDraftClaims(now.minus(olderThan), RECONCILE_BATCH)) {
            Draft locked = tx.inbox().lockDraft(stale.id()).orElse(null);
            if (locked == null || locked.status() != DraftStatus.SENDING) {
              continue;
            }
            Draft unknown =
                locked.withState(DraftStatus.UNKNOWN, locked.claimedAt(), "send_outcome_unknown");
            tx.inbox().updateDraftState(unknown);
            Map<String, @Nullable Object> p = new LinkedHashMap<>();
            p.put("draft_id", unknown.id().toString());
            p.put("thread_id", unknown.threadId().toString());
            p.put("claimed_at", String.valueOf(unknown.claimedAt()));
            p.put("status", unknown.status().wireName());
            Recorder.record(
                tx,
                now,
                new Recorder.Change(
                    "draft.send_unknown",
                    "draft.reconcile",
                    "draft",
                    unknown.id().toString(),
                    p,
                    null,
                    p));
            resolved++;
          }
          return resolved;
        });
  }

  private SendPlan plan(StoreTransaction tx, UUID threadId, UUID draftId) {
    InboxThread thread = require(tx.inbox().lockThread(threadId));
    Draft draft =
        tx.inbox()
            .lockDraft(draftId)
            .filter(d -> d.threadId().equals(thread.id()))
            .orElseThrow(() -> OmniFlowException.notFound("The draft"));
    if (draft.isSent()) {
      throw OmniFlowException.conflict("draft_sent", "The draft has been sent already.");
    }
    if (draft.status() != DraftStatus.DRAFT) {
      throw OmniFlowException.conflict(
          "draft_not_sendable",
          draft.status() == DraftStatus.SENDING
              ? "Another send of this draft is under way."
              : "The draft's last send has an unknown outcome; check with the contact first.");
    }
    if (thread.status() == ThreadStatus.CLOSED) {
      throw OmniFlowException.conflict(
          "thread_closed", "The thread is closed; it opens again when the contact writes.");
    }
    if (tx.inbox().isOptedOut(thread.contactId())) {
      throw OmniFlowException.conflict(
          "contact_opted_out", "The contact asked not to be messaged.");
    }
    Guardrails guardrails =
        Guardrails.of(thread.channel().id(), thread.lastInboundAt(), clock.instant());
    if (guardrails.windowClosed()) {
      throw OmniFlowException.conflict(
          "window_closed",
          "The channel's reply window after the contact's last message is closed; a template is"
              + " needed.");
    }
    if (thread.accountRef() == null || connectors == null) {
      throw OmniFlowException.conflict(
          "no_channel_account", "The thread has no connector account to send through.");
    }
    return new SendPlan(thread, draft, thread.accountRef(), recipient(thread));
  }

  /** The handle at the end of the thread's key ({@code dm:<kind>:<handle>} and the like). */
  private static String recipient(InboxThread thread) {
    String key = thread.externalKey();
    // dm:<kind>:<handle>, comment:<post>:<kind>:<handle>, lead_form:<form>:<kind>:<handle>; the
    // handle (normalized) is what follows the kind.
    int colons = key.startsWith("dm:") ? 2 : 3;
    int at = -1;
    for (int i = 0; i < colons; i++) {
      at = key.indexOf(':', at + 1);
      if (at < 0) {
        return key;
      }
    }
    return key.substring(at + 1);
  }

  private Message recordSent(StoreTransaction tx, SendPlan plan, SendResult result) {
    Instant now = clock.instant();
    Message message =
        new Message(
            UUID.randomUUID(),
            tx.actor().orgId(),
            plan.thread().id(),
            MessageDirection.OUTBOUND,
            plan.draft().text(),
            List.of(),
            result.providerMessageId(),
            DeliveryStatus.SENT,
            null,
            tx.actor().userId(),
            now,
            now);
    tx.inbox().insertMessage(message);
    tx.inbox().markDraftSent(plan.draft().sentAs(message.id(), now));
    InboxThread after = plan.thread().withOutbound(now, now);
    tx.inbox().updateThread(after);
    Map<String, @Nullable Object> payload = threadPayload(after);
    payload.put("message_id", message.id().toString());
    payload.put("draft_id", plan.draft().id().toString());
    payload.put(
        "author_user_id", tx.actor().userId() == null ? null : tx.actor().userId().toString());
    Recorder.record(
        tx,
        now,
        new Recorder.Change(
            "message.sent",
            "message.send",
            "message",
            message.id().toString(),
            payload,
            null,
            snapshot(message)));
    return message;
  }

  private static InboxThread change(
      StoreTransaction tx, InboxThread before, InboxThread after, String what) {
    tx.inbox().updateThread(after);
    String action =
        switch (what) {
          case "assigned" -> "thread.assign";
          case "closed" -> "thread.close";
          default -> "thread.mark_read";
        };
    Recorder.record(
        tx,
        after.updatedAt(),
        new Recorder.Change(
            "thread." + what,
            action,
            "thread",
            after.id().toString(),
            threadPayload(after),
            snapshot(before),
            snapshot(after)));
    return after;
  }

  private static Map<String, @Nullable Object> threadPayload(InboxThread t) {
    Map<String, @Nullable Object> p = new LinkedHashMap<>();
    p.put("thread_id", t.id().toString());
    p.put("contact_id", t.contactId().toString());
    p.put("channel", t.channel().id());
    p.put("account_ref", t.accountRef());
    p.put("assignee_user_id", t.assigneeUserId() == null ? null : t.assigneeUserId().toString());
    p.put("status", t.status().wireName());
    return p;
  }

  private static Map<String, @Nullable Object> snapshot(InboxThread t) {
    Map<String, @Nullable Object> s = threadPayload(t);
    // Not the external key: it holds a handle, and the logs are append-only (decision 0010).
    s.put("unread_count", t.unreadCount());
    s.put("last_inbound_at", t.lastInboundAt() == null ? null : t.lastInboundAt().toString());
    s.put("last_outbound_at", t.lastOutboundAt() == null ? null : t.lastOutboundAt().toString());
    return s;
  }

  private static Map<String, @Nullable Object> snapshot(Message m) {
    Map<String, @Nullable Object> s = new LinkedHashMap<>();
    s.put("message_id", m.id().toString());
    s.put("thread_id", m.threadId().toString());
    s.put("direction", m.direction().wireName());
    s.put("provider_message_id", m.providerMessageId());
    s.put(
        "delivery_status",
        m.deliveryStatus() == null
            ? null
            : m.deliveryStatus().name().toLowerCase(java.util.Locale.ROOT));
    s.put("sent_at", m.sentAt().toString());
    return s;
  }

  private static Map<String, @Nullable Object> snapshot(Touchpoint t) {
    Map<String, @Nullable Object> s = new LinkedHashMap<>();
    s.put("touchpoint_id", t.id().toString());
    s.put("contact_id", t.contactId().toString());
    s.put("channel", t.channel().id());
    s.put("campaign_id", t.campaignId());
    s.put("ad_id", t.adId());
    s.put("post_id", t.postId());
    s.put("occurred_at", t.occurredAt().toString());
    s.put("message_id", t.sourceMessageId() == null ? null : t.sourceMessageId().toString());
    return s;
  }

  /**
   * @throws OmniFlowException {@code not_found} if the org has no such contact
   */
  private static void requireContact(StoreTransaction tx, UUID contactId) {
    tx.contacts().find(contactId).orElseThrow(() -> OmniFlowException.notFound("The contact"));
  }
}
