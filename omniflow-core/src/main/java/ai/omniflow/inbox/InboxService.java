package ai.omniflow.inbox;

import ai.omniflow.OmniFlowException;
import ai.omniflow.Page;
import ai.omniflow.PageRequest;
import ai.omniflow.assist.spi.IntentClassifier;
import ai.omniflow.assist.spi.ReplySuggester;
import ai.omniflow.connector.spi.InboundEvent;
import ai.omniflow.connectors.ConnectorService;
import ai.omniflow.contacts.ContactConsent;
import ai.omniflow.inbox.internal.Drafting;
import ai.omniflow.inbox.internal.Engagements;
import ai.omniflow.inbox.internal.InboxQueries;
import ai.omniflow.inbox.internal.Ingest;
import ai.omniflow.inbox.internal.OptOuts;
import ai.omniflow.inbox.internal.ReplySuggestions;
import ai.omniflow.inbox.internal.SendReconciliation;
import ai.omniflow.inbox.internal.Sending;
import ai.omniflow.inbox.internal.ThreadChanges;
import ai.omniflow.internal.ContactsWithin;
import ai.omniflow.internal.LeadsWithin;
import ai.omniflow.internal.Observations;
import ai.omniflow.internal.SlaClocksWithin;
import ai.omniflow.internal.Wiring;
import ai.omniflow.pack.PackCatalog;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
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
    // Only OmniFlow.builder() builds services (decision 0032). The facade only delegates: each
    // use case is a class of its own in inbox.internal, built here once (decision 0033).
    Wiring.register(
        InboxService.class,
        w -> {
          Store store = w.store();
          Clock clock = w.clock();
          ContactsWithin contacts = w.part(ContactsWithin.class);
          ConnectorService connectors = w.part(ConnectorService.class);
          SentAtWindow sentAtWindow = w.part(SentAtWindow.class);
          PackCatalog packs = w.packs();
          ReplySuggester suggester = w.part(ReplySuggester.class);
          IntentClassifier classifier = w.part(IntentClassifier.class);
          Observations observations = new Observations(w.part(ObservationRegistry.class));
          SlaClocksWithin slaClocks = w.part(SlaClocksWithin.class);
          LeadsWithin leads = w.part(LeadsWithin.class);
          Sending sending = new Sending(store, clock, connectors, observations, slaClocks);
          return new InboxService(
              new Ingest(
                  store,
                  clock,
                  sentAtWindow,
                  new Engagements(contacts, slaClocks, leads, packs),
                  observations,
                  sending),
              new InboxQueries(store),
              new ReplySuggestions(store, packs, clock, suggester, classifier),
              new ThreadChanges(store, clock),
              new Drafting(store, clock),
              new OptOuts(store, clock),
              sending,
              new SendReconciliation(store, clock));
        });
  }

  private final Ingest ingest;
  private final InboxQueries queries;
  private final ReplySuggestions suggestions;
  private final ThreadChanges threadChanges;
  private final Drafting drafting;
  private final OptOuts optOuts;
  private final Sending sending;
  private final SendReconciliation reconciliation;

  InboxService(
      Ingest ingest,
      InboxQueries queries,
      ReplySuggestions suggestions,
      ThreadChanges threadChanges,
      Drafting drafting,
      OptOuts optOuts,
      Sending sending,
      SendReconciliation reconciliation) {
    this.ingest = Objects.requireNonNull(ingest, "ingest");
    this.queries = Objects.requireNonNull(queries, "queries");
    this.suggestions = Objects.requireNonNull(suggestions, "suggestions");
    this.threadChanges = Objects.requireNonNull(threadChanges, "threadChanges");
    this.drafting = Objects.requireNonNull(drafting, "drafting");
    this.optOuts = Objects.requireNonNull(optOuts, "optOuts");
    this.sending = Objects.requireNonNull(sending, "sending");
    this.reconciliation = Objects.requireNonNull(reconciliation, "reconciliation");
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
   * <p>A message that is a compliance keyword changes the consent ledger in the same transaction
   * (STOP, STOPALL, START); a HELP drafts the org's help text on its thread, which is sent once the
   * ingest commits as the answer to that HELP: it reaches a contact who opted out of the channel
   * (decision 0083), which no other send does. docs/inbox.md says more.
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
  /** How many events at most {@link #ingestAll} takes in one transaction. */
  public static final int MAX_INGEST_BATCH = 50;

  public IngestResult ingest(Actor actor, @Nullable String accountRef, InboundEvent event) {
    return ingest.ingest(actor, accountRef, event);
  }

  /**
   * Takes in several events of the org in one transaction, each as {@link #ingest} takes one (the
   * same rows, events, audit entries, receipts and help replies, a redelivery within the list
   * included), with what does not change inside the transaction read once: each connector account,
   * the SLA policy and calendars, the compliance keywords of the org's pack. Threads are locked in
   * the order of their channel, account and key, each thread's events in the order given, so two
   * callers whose events share threads wait for each other rather than deadlock. Help replies are
   * sent after the commit. A lost race runs the whole transaction again (decision 0081).
   *
   * @param events at most {@value #MAX_INGEST_BATCH} events; none writes nothing
   * @return each event's result, in the order of {@code events}
   * @throws OmniFlowException as {@link #ingest} throws for any one event, and then nothing of any
   *     event is written (a caller that wants the others taken in ingests them one by one); {@code
   *     invalid_events} (invalid input) for more than {@value #MAX_INGEST_BATCH} events
   */
  public List<IngestResult> ingestAll(Actor actor, List<AccountEvent> events) {
    return ingest.ingestAll(actor, events);
  }

  /**
   * The thread.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#INBOX_READ}; {@code
   *     not_found} if the org has no such thread (another org's included)
   */
  public InboxThread thread(Actor actor, UUID threadId) {
    return queries.thread(actor, threadId);
  }

  /** The org's threads passing {@code filter}, latest activity first. */
  public Page<InboxThread> threads(Actor actor, ThreadFilter filter, PageRequest page) {
    return queries.threads(actor, filter, page);
  }

  /**
   * The thread's messages, oldest first.
   *
   * @throws OmniFlowException {@code not_found} if the org has no such thread
   */
  public Page<Message> messages(Actor actor, UUID threadId, PageRequest page) {
    return queries.messages(actor, threadId, page);
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
    return queries.touchpoints(actor, contactId);
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
    return threadChanges.assign(actor, threadId, userId);
  }

  /**
   * Closes the thread; closing a closed thread changes nothing. A new inbound message opens it
   * again. Event {@code thread.closed}, audited.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#INBOX_MANAGE}; {@code
   *     not_found} if the org has no such thread
   */
  public InboxThread close(Actor actor, UUID threadId) {
    return threadChanges.close(actor, threadId);
  }

  /**
   * Sets the thread's unread count to zero; a thread with nothing unread is left as it is. Event
   * {@code thread.read}, audited.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#INBOX_MANAGE}; {@code
   *     not_found} if the org has no such thread
   */
  public InboxThread markRead(Actor actor, UUID threadId) {
    return threadChanges.markRead(actor, threadId);
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
    return drafting.draft(actor, threadId, text);
  }

  /**
   * Records in the contact's consent ledger that they asked not to be messaged on any channel
   * (source {@code agent} for a person, {@code api} for a key without one): {@link #send} refuses
   * every reply to them from then on, until the contact sends START on a channel. Asking again
   * while every channel is withdrawn changes nothing. Event {@code contact.opted_out}, audited.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#CONTACTS_WRITE}; {@code
   *     not_found} if the org has no such contact
   */
  public void optOut(Actor actor, UUID contactId) {
    optOuts.optOut(actor, contactId);
  }

  /**
   * Whether the org's contact withdrew consent on at least one channel ({@link #consent} says
   * which).
   *
   * @throws OmniFlowException {@code not_found} if the org has no such contact
   */
  public boolean isOptedOut(Actor actor, UUID contactId) {
    return optOuts.isOptedOut(actor, contactId);
  }

  /**
   * The contact's consent: the state of every channel as the consent ledger has it (the newest
   * entry for the channel or for all channels decides; {@code unknown} if none), and the ledger's
   * newest {@value ContactConsent#MAX_HISTORY} entries, newest first. Writes nothing.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#INBOX_READ}; {@code
   *     not_found} if the org has no such contact
   */
  public ContactConsent consent(Actor actor, UUID contactId) {
    return optOuts.consent(actor, contactId);
  }

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
   *   <li>{@code contact_opted_out} (409): the contact's consent for the thread's channel is
   *       withdrawn in the consent ledger ({@link #optOut}, an inbound STOP; {@link #consent}),
   *       whatever the draft says: only the ingest's own answer to an inbound HELP passes an
   *       opt-out (decision 0083), never a draft sent here;
   *   <li>{@code window_closed} (409): the channel's window ({@link ReplyWindow}: 24 h after the
   *       last inbound message on Meta's messaging channels) is closed or the contact never wrote;
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
    return sending.send(actor, threadId, draftId);
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
    return reconciliation.reconcileSends(actor, olderThan);
  }
}
