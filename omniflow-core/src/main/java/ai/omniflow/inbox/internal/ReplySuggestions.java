package ai.omniflow.inbox.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.PageRequest;
import ai.omniflow.assist.Facts;
import ai.omniflow.assist.Guardrails;
import ai.omniflow.assist.Suggestion;
import ai.omniflow.assist.SuggestionRequest;
import ai.omniflow.assist.spi.IntentClassifier;
import ai.omniflow.assist.spi.ReplySuggester;
import ai.omniflow.contacts.Contact;
import ai.omniflow.inbox.InboxErrors;
import ai.omniflow.inbox.InboxThread;
import ai.omniflow.inbox.Message;
import ai.omniflow.inbox.MessageDirection;
import ai.omniflow.inbox.ReplySuggestion;
import ai.omniflow.pack.PackCatalog;
import ai.omniflow.pack.VerticalPack;
import ai.omniflow.store.spi.Store;
import ai.omniflow.store.spi.StoreTransaction;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Org;
import ai.omniflow.tenancy.Permission;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The suggest-reply use case: reads the thread, its newest messages, the contact, the assignee and
 * the org's pack in one transaction, then (outside it, since a suggester may call a remote model)
 * classifies the inbound messages for an opt-out and asks the suggester. Writes nothing.
 *
 * <p>Immutable and thread-safe.
 */
public final class ReplySuggestions {
  /** How many of a thread's newest messages are read: the last inbound one and opt-outs. */
  public static final int NEWEST_MESSAGES = 100;

  private static final String OPT_OUT = "opt_out";

  private final Store store;
  private final PackCatalog packs;
  private final Clock clock;
  private final ReplySuggester suggester;
  private final IntentClassifier classifier;

  /**
   * @param suggester suggests the reply
   * @param classifier finds opt-outs among the thread's inbound messages
   */
  public ReplySuggestions(
      Store store,
      PackCatalog packs,
      Clock clock,
      ReplySuggester suggester,
      IntentClassifier classifier) {
    this.store = Objects.requireNonNull(store, "store");
    this.packs = Objects.requireNonNull(packs, "packs");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.suggester = Objects.requireNonNull(suggester, "suggester");
    this.classifier = Objects.requireNonNull(classifier, "classifier");
  }

  /** See {@link ai.omniflow.inbox.InboxService#suggestReply}. */
  public ReplySuggestion suggest(Actor actor, UUID threadId) {
    Permission.INBOX_READ.check(actor);
    Permission.CONTACTS_READ.check(actor);
    Objects.requireNonNull(threadId, "threadId");
    Read read = store.inTransaction(actor, tx -> read(tx, threadId));
    List<Message> inbound =
        read.newest().stream().filter(m -> m.direction() == MessageDirection.INBOUND).toList();
    Message last =
        inbound.stream()
            .max(Comparator.comparing(Message::sentAt))
            .orElseThrow(
                () ->
                    OmniFlowException.invalidInput(
                        InboxErrors.NO_INBOUND_MESSAGE,
                        "The contact has not written in this thread."));
    boolean optedOut =
        read.optedOut() || inbound.stream().anyMatch(m -> isOptOut(m.text(), read.pack()));
    Instant now = clock.instant();
    InboxThread thread = read.thread();
    Guardrails guardrails =
        Guardrails.of(thread.channel().id(), thread.lastInboundAt(), now).withOptedOut(optedOut);
    Suggestion s =
        suggester.suggest(
            new SuggestionRequest(read.pack(), suggestable(last.text()), read.facts(), guardrails));
    Duration window = guardrails.channelWindow();
    @Nullable Instant closesAt =
        window == null || thread.lastInboundAt() == null
            ? null
            : thread.lastInboundAt().plus(window);
    return new ReplySuggestion(
        thread.id(), last.id(), s, optedOut, guardrails.windowClosed(), closesAt, now);
  }

  private Read read(StoreTransaction tx, UUID threadId) {
    InboxThread thread =
        tx.inbox().findThread(threadId).orElseThrow(() -> OmniFlowException.notFound("The thread"));
    Org org = tx.orgs().current().orElseThrow(() -> OmniFlowException.notFound("The org"));
    VerticalPack pack =
        ai.omniflow.internal.OrgPacks.find(tx, packs, org)
            .orElseThrow(
                () ->
                    OmniFlowException.invalidInput(
                        InboxErrors.NO_PACK_SELECTED, "The org has no vertical pack selected."));
    // Messages come oldest first: read the last page of at most NEWEST_MESSAGES.
    long total = tx.inbox().messages(threadId, PageRequest.of(1, 0)).total();
    int offset = (int) Math.max(0, total - NEWEST_MESSAGES);
    List<Message> newest =
        tx.inbox().messages(threadId, PageRequest.of(NEWEST_MESSAGES, offset)).items();
    Facts.Builder facts = Facts.builder().put(Facts.ORG_NAME, org.name());
    Contact contact = tx.contacts().find(thread.contactId()).orElse(null);
    if (contact != null && contact.displayName() != null) {
      facts.put(Facts.CONTACT_NAME, contact.displayName());
      facts.put(Facts.CONTACT_FIRST_NAME, firstWord(contact.displayName()));
    }
    if (thread.assigneeUserId() != null) {
      String agent =
          tx.users().find(thread.assigneeUserId()).map(u -> u.displayName()).orElse(null);
      if (agent != null && !agent.isBlank()) {
        facts.put(Facts.AGENT_NAME, agent);
        facts.put(Facts.AGENT_FIRST_NAME, firstWord(agent));
      }
    }
    boolean optedOut =
        ai.omniflow.internal.ConsentLedger.states(tx, thread.contactId()).get(thread.channel())
            == ai.omniflow.guardrails.ConsentState.WITHDRAWN;
    return new Read(thread, pack, newest, facts.build(), optedOut);
  }

  private boolean isOptOut(String text, VerticalPack pack) {
    if (text.isBlank()) {
      return false;
    }
    return OPT_OUT.equals(classifier.classify(bounded(text), pack).intent());
  }

  /** The text a suggester may take: at most {@link SuggestionRequest#MAX_TEXT}, never blank. */
  private static String suggestable(String text) {
    String t = bounded(text);
    return t.isBlank() ? "?" : t;
  }

  private static String bounded(String text) {
    return text.length() > SuggestionRequest.MAX_TEXT
        ? text.substring(0, SuggestionRequest.MAX_TEXT)
        : text;
  }

  private static String firstWord(String name) {
    return name.strip().split("\\s+")[0];
  }

  private record Read(
      InboxThread thread, VerticalPack pack, List<Message> newest, Facts facts, boolean optedOut) {}
}
