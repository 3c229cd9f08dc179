package ai.omniflow.inbox.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.connector.spi.DeliveryStatus;
import ai.omniflow.connector.spi.SendResult;
import ai.omniflow.connectors.ConnectorService;
import ai.omniflow.guardrails.ContactFacts;
import ai.omniflow.guardrails.GuardrailDecision;
import ai.omniflow.guardrails.GuardrailErrors;
import ai.omniflow.guardrails.GuardrailExemption;
import ai.omniflow.guardrails.Guardrails;
import ai.omniflow.guardrails.MessageKind;
import ai.omniflow.guardrails.OutboundMessage;
import ai.omniflow.inbox.Draft;
import ai.omniflow.inbox.DraftStatus;
import ai.omniflow.inbox.InboxErrors;
import ai.omniflow.inbox.InboxEvents;
import ai.omniflow.inbox.InboxThread;
import ai.omniflow.inbox.Message;
import ai.omniflow.inbox.MessageDirection;
import ai.omniflow.inbox.ReplyWindow;
import ai.omniflow.inbox.ThreadStatus;
import ai.omniflow.internal.ConsentLedger;
import ai.omniflow.internal.Ids;
import ai.omniflow.internal.Observations;
import ai.omniflow.internal.Recorder;
import ai.omniflow.internal.SlaClocksWithin;
import ai.omniflow.store.spi.Store;
import ai.omniflow.store.spi.StoreTransaction;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import io.micrometer.common.KeyValues;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The send use case, claim, commit, then call (decision 0029): a first transaction checks the
 * guardrails and claims the draft, the connector is called outside any transaction with the draft's
 * id as the idempotency key, and a second transaction records the outbound message; a failed call
 * releases the claim, or leaves it for {@link SendReconciliation} when nobody knows whether the
 * provider took the message. Observed as {@link Observations#SEND}. {@link
 * ai.omniflow.inbox.InboxService#send} delegates to it; its Javadoc is the spec. Not API.
 * Thread-safe.
 */
public final class Sending {
  /** Consent and window only apply to a reply: its defaults never decide anything else. */
  private static final Guardrails GUARDRAILS = Guardrails.ofDefaults();

  private final Store store;
  private final Clock clock;
  private final @Nullable ConnectorService connectors;
  private final Observations observations;
  private final SlaClocksWithin slaClocks;

  /**
   * @param connectors sends replies through the threads' connector accounts; {@code null} refuses
   *     every send with {@code no_channel_account}
   * @param slaClocks stops the thread's SLA clock on a person's reply (pauses it on OmniFlow's own)
   */
  public Sending(
      Store store,
      Clock clock,
      @Nullable ConnectorService connectors,
      Observations observations,
      SlaClocksWithin slaClocks) {
    this.slaClocks = Objects.requireNonNull(slaClocks, "slaClocks");
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.connectors = connectors;
    this.observations = Objects.requireNonNull(observations, "observations");
  }

  /**
   * @param exemption the exemption the guardrails allowed the send by, or {@code null}
   */
  private record SendPlan(
      InboxThread thread,
      Draft draft,
      String accountRef,
      String recipient,
      @Nullable GuardrailExemption exemption) {
    SendPlan with(InboxThread t, Draft d) {
      return new SendPlan(t, d, accountRef, recipient, exemption);
    }
  }

  /** As {@link ai.omniflow.inbox.InboxService#send}. */
  public Message send(Actor actor, UUID threadId, UUID draftId) {
    return observations.observe(
        Observations.SEND, KeyValues.empty(), () -> sendObserved(actor, threadId, draftId, null));
  }

  /**
   * Sends the draft of the org's help text that the ingest of an inbound HELP made on its thread,
   * as {@link #send} does, but checked as a {@link MessageKind#HELP_ANSWER}: so it reaches a
   * contact who opted out of the channel (decision 0083), and only if the draft is still that text,
   * written by nobody, drafted within {@link Guardrails#HELP_ANSWER_WINDOW} (the draft is made in
   * the HELP's ingest transaction, so its creation is when the HELP came in). Any other draft, and
   * the same draft sent by {@link #send}, is checked as a reply.
   *
   * @param helpText the text the ingest drafted
   */
  Message sendHelpAnswer(Actor system, UUID threadId, UUID draftId, String helpText) {
    Objects.requireNonNull(helpText, "helpText");
    return observations.observe(
        Observations.SEND,
        KeyValues.empty(),
        () -> sendObserved(system, threadId, draftId, helpText));
  }

  private Message sendObserved(
      Actor actor, UUID threadId, UUID draftId, @Nullable String helpText) {
    Permission.MESSAGES_SEND.check(actor);
    Objects.requireNonNull(threadId, "threadId");
    Objects.requireNonNull(draftId, "draftId");
    SendPlan plan =
        store.inTransaction(
            actor,
            tx -> {
              SendPlan p = plan(tx, threadId, draftId, helpText);
              Draft claimed = p.draft().claimedAt(clock.instant());
              tx.inbox().updateDraftState(claimed);
              return p.with(p.thread(), claimed);
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
              plan.draft().id().toString(),
              plan.thread().lastInboundAt());
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
          InboxThread thread = InboxTx.require(tx.inbox().lockThread(threadId));
          Draft draft =
              tx.inbox()
                  .lockDraft(draftId)
                  .orElseThrow(() -> OmniFlowException.notFound("The draft"));
          // Recorded even if reconciliation marked the claim unknown meanwhile: the provider took
          // it, and this is the proof.
          return recordSent(tx, plan.with(thread, draft), result);
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

  private SendPlan plan(
      StoreTransaction tx, UUID threadId, UUID draftId, @Nullable String helpText) {
    InboxThread thread = InboxTx.require(tx.inbox().lockThread(threadId));
    Draft draft =
        tx.inbox()
            .lockDraft(draftId)
            .filter(d -> d.threadId().equals(thread.id()))
            .orElseThrow(() -> OmniFlowException.notFound("The draft"));
    if (draft.isSent()) {
      throw OmniFlowException.conflict(InboxErrors.DRAFT_SENT, "The draft has been sent already.");
    }
    if (draft.status() != DraftStatus.DRAFT) {
      throw OmniFlowException.conflict(
          InboxErrors.DRAFT_NOT_SENDABLE,
          draft.status() == DraftStatus.SENDING
              ? "Another send of this draft is under way."
              : "The draft's last send has an unknown outcome; check with the contact first.");
    }
    if (thread.status() == ThreadStatus.CLOSED) {
      throw OmniFlowException.conflict(
          InboxErrors.THREAD_CLOSED,
          "The thread is closed; it opens again when the contact writes.");
    }
    if (!ReplyWindow.replyable(thread.channel())) {
      // Nobody can be written to on a form: refused before the claim, never left `sending`.
      throw OmniFlowException.conflict(
          InboxErrors.CHANNEL_NOT_REPLYABLE,
          "A lead-ad form cannot be answered on its own channel; write to the contact on another"
              + " one.");
    }
    // The core guardrails (decision 0045) decide consent and the channel window in one check:
    // consent from the ledger, the window from the thread's last inbound message. A reply is
    // conversational, and is not sent with Meta's HUMAN_AGENT tag, so the window is 24 hours.
    ContactFacts.Builder facts =
        ContactFacts.builder()
            .consent(
                thread.channel(),
                ConsentLedger.states(tx, thread.contactId()).get(thread.channel()));
    if (thread.lastInboundAt() != null) {
      facts.lastInbound(thread.channel(), thread.lastInboundAt());
    }
    // The answer to a HELP (decision 0083) only while the draft is the help text the HELP's ingest
    // made, by nobody, on this thread: its creation is when the HELP came in.
    boolean helpAnswer =
        helpText != null && draft.authorUserId() == null && draft.text().equals(helpText);
    if (helpAnswer) {
      facts.helpAsked(thread.channel(), draft.createdAt());
    }
    GuardrailDecision decision =
        GUARDRAILS.check(
            OutboundMessage.reply(
                thread.channel(),
                helpAnswer ? MessageKind.HELP_ANSWER : MessageKind.CONVERSATIONAL),
            facts.build(),
            clock.instant());
    if (!decision.allowed()) {
      String code = Objects.requireNonNull(decision.code(), "a block has a code");
      throw OmniFlowException.conflict(
          code,
          GuardrailErrors.CONTACT_OPTED_OUT.equals(code)
              ? "The contact asked not to be messaged on this channel."
              : "The channel's reply window after the contact's last message is closed; a"
                  + " template is needed.");
    }
    if (thread.accountRef() == null || connectors == null) {
      throw OmniFlowException.conflict(
          InboxErrors.NO_CHANNEL_ACCOUNT, "The thread has no connector account to send through.");
    }
    return new SendPlan(
        thread, draft, thread.accountRef(), recipient(thread), decision.exemption());
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
            Ids.next(),
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
    // A person's reply stops the clock; OmniFlow's own (a system actor: auto-replies, playbooks)
    // does not, and pauses it when the policy pauses while waiting on the customer.
    slaClocks.message(
        tx,
        after,
        now,
        tx.actor().isSystem()
            ? SlaClocksWithin.Kind.AUTOMATIC_REPLY
            : SlaClocksWithin.Kind.HUMAN_REPLY);
    Map<String, @Nullable Object> payload = InboxSnapshots.payload(after);
    payload.put("message_id", message.id().toString());
    payload.put("draft_id", plan.draft().id().toString());
    payload.put(
        "author_user_id", tx.actor().userId() == null ? null : tx.actor().userId().toString());
    GuardrailExemption exemption = plan.exemption();
    if (exemption != null) {
      // Which exemption let it pass which rule: the answer to a HELP after an opt-out (0083).
      payload.put("allowed_by", exemption.wireName());
      payload.put("exempt_from", exemption.exemptFrom().wireName());
    }
    Recorder.record(
        tx,
        now,
        new Recorder.Change(
            InboxEvents.MESSAGE_SENT,
            InboxEvents.AUDIT_MESSAGE_SEND,
            "message",
            message.id().toString(),
            payload,
            null,
            InboxSnapshots.message(message)));
    return message;
  }
}
