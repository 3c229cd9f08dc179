package ai.omniflow.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.OmniFlowException;
import ai.omniflow.Page;
import ai.omniflow.PageRequest;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.connector.spi.DeliveryStatus;
import ai.omniflow.inbox.Attachment;
import ai.omniflow.inbox.InboxThread;
import ai.omniflow.inbox.IngestResult;
import ai.omniflow.inbox.Message;
import ai.omniflow.inbox.MessageDirection;
import ai.omniflow.inbox.ThreadFilter;
import ai.omniflow.inbox.ThreadStatus;
import ai.omniflow.inbox.Touchpoint;
import ai.omniflow.store.spi.InboxRepository;
import ai.omniflow.tenancy.Actor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The inbox repository: threads, messages, touchpoints, drafts, opt-outs and ingest receipts, each
 * in its org only. Not API: {@link StoreCompatibilityKit} runs it as a nested suite.
 */
abstract class InboxSuite extends StoreSuite {
  private UUID contact(Actor a) {
    return newContact(a, T0).id();
  }

  private static InboxThread thread(
      Actor a, UUID contactId, Channel channel, String key, Instant at) {
    return openThread(a, UUID.randomUUID(), contactId, channel, key, at);
  }

  private List<ai.omniflow.inbox.Draft> staleClaims(Actor a, Instant before, int limit) {
    return store().inTransaction(a, tx -> tx.inbox().staleDraftClaims(before, limit));
  }

  private java.util.Optional<ai.omniflow.inbox.Draft> lockedDraft(Actor a, UUID id) {
    return store().inTransaction(a, tx -> tx.inbox().lockDraft(id));
  }

  private boolean optedOut(Actor a, UUID contactId) {
    return store().inTransaction(a, tx -> tx.inbox().isOptedOut(contactId));
  }

  @Test
  void draftsAreWrittenLockedAndMarkedSentOnlyInTheirOrg() {
    Actor a = newOrg();
    Actor b = newOrg();
    UUID c = contact(a);
    InboxThread t = thread(a, c, Channel.SMS, "dm:phone:+14155550101", T0);
    in(
        a,
        tx -> {
          tx.inbox().insertThread(t);
          return null;
        });
    ai.omniflow.inbox.Draft d =
        new ai.omniflow.inbox.Draft(
            UUID.randomUUID(), a.orgId(), t.id(), "See you at 3", a.userId(), T0, null, null);
    in(
        a,
        tx -> {
          tx.inbox().insertDraft(d);
          return null;
        });

    assertThat(lockedDraft(a, d.id())).contains(d);
    assertThat(lockedDraft(b, d.id())).isEmpty();
    ai.omniflow.inbox.Draft other =
        new ai.omniflow.inbox.Draft(
            UUID.randomUUID(), b.orgId(), t.id(), "x", null, T0, null, null);
    assertThatThrownBy(
            () ->
                in(
                    b,
                    tx -> {
                      tx.inbox().insertDraft(other);
                      return null;
                    }))
        .isInstanceOfSatisfying(
            OmniFlowException.class, e -> assertThat(e.code()).isEqualTo("not_found"));

    Message m =
        new Message(
            UUID.randomUUID(),
            a.orgId(),
            t.id(),
            ai.omniflow.inbox.MessageDirection.OUTBOUND,
            d.text(),
            java.util.List.of(),
            "p-1",
            ai.omniflow.connector.spi.DeliveryStatus.SENT,
            null,
            a.userId(),
            T0,
            T0);
    ai.omniflow.inbox.Draft sent = d.sentAs(m.id(), T0);
    in(
        a,
        tx -> {
          tx.inbox().insertMessage(m);
          tx.inbox().markDraftSent(sent);
          return null;
        });
    assertThat(lockedDraft(a, d.id())).contains(sent);
    assertThat(sent.isSent()).isTrue();
    assertThatThrownBy(
            () ->
                in(
                    b,
                    tx -> {
                      tx.inbox()
                          .markDraftSent(
                              new ai.omniflow.inbox.Draft(
                                  d.id(), b.orgId(), t.id(), "x", null, T0, m.id(), T0));
                      return null;
                    }))
        .isInstanceOfSatisfying(
            OmniFlowException.class, e -> assertThat(e.code()).isEqualTo("not_found"));
  }

  @Test
  void optOutsAreRememberedOnceAndOnlyInTheirOrg() {
    Actor a = newOrg();
    Actor b = newOrg();
    UUID c = contact(a);
    assertThat(optedOut(a, c)).isFalse();
    in(
        a,
        tx -> {
          tx.inbox().markOptedOut(c, T0);
          tx.inbox().markOptedOut(c, T0);
          return null;
        });
    assertThat(optedOut(a, c)).isTrue();
    assertThat(optedOut(b, c)).isFalse();
    UUID rolledBack = contact(a);
    assertThatThrownBy(
            () ->
                in(
                    a,
                    tx -> {
                      tx.inbox().markOptedOut(rolledBack, T0);
                      throw new IllegalStateException("boom");
                    }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(optedOut(a, rolledBack)).isFalse();
  }

  @Test
  void threadsAreWrittenReadAndUpdatedButKeepTheirKey() {
    Actor a = newOrg();
    UUID c = contact(a);
    InboxThread t = thread(a, c, Channel.INSTAGRAM_DM, "dm:instagram_id:ana", T0);
    in(
        a,
        tx -> {
          tx.inbox().insertThread(t);
          return null;
        });
    assertThat(this.<Optional<InboxThread>>in(a, tx -> tx.inbox().findThread(t.id()))).contains(t);

    InboxThread changed =
        t.withAssignee(a.userId(), T0.plusSeconds(5))
            .withStatus(ThreadStatus.CLOSED, T0.plusSeconds(5))
            .read(T0.plusSeconds(5));
    in(
        a,
        tx -> {
          tx.inbox().updateThread(changed);
          return null;
        });
    assertThat(this.<Optional<InboxThread>>in(a, tx -> tx.inbox().lockThread(t.id())))
        .contains(changed);
    assertThat(
            this.<Optional<InboxThread>>in(
                a,
                tx ->
                    tx.inbox().lockThreadByKey(Channel.INSTAGRAM_DM, null, "dm:instagram_id:ana")))
        .contains(changed);
    assertThat(
            this.<Optional<InboxThread>>in(
                a,
                tx ->
                    tx.inbox()
                        .lockThreadByKey(Channel.INSTAGRAM_DM, "acct", "dm:instagram_id:ana")))
        .isEmpty();
  }

  @Test
  void aThreadKeyIsTakenOncePerChannelAndAccount() {
    Actor a = newOrg();
    UUID c = contact(a);
    in(
        a,
        tx -> {
          tx.inbox().insertThread(thread(a, c, Channel.WHATSAPP, "dm:x", T0));
          return null;
        });
    assertThatThrownBy(
            () ->
                in(
                    a,
                    tx -> {
                      tx.inbox().insertThread(thread(a, c, Channel.WHATSAPP, "dm:x", T0));
                      return null;
                    }))
        .isInstanceOfSatisfying(
            OmniFlowException.class, e -> assertThat(e.code()).isEqualTo("thread_exists"));
    // Another channel, or an account ref, make another thread.
    in(
        a,
        tx -> {
          tx.inbox().insertThread(thread(a, c, Channel.SMS, "dm:x", T0));
          return null;
        });
    InboxThread withRef =
        new InboxThread(
            UUID.randomUUID(),
            a.orgId(),
            c,
            Channel.WHATSAPP,
            "acct_1",
            "dm:x",
            ThreadStatus.OPEN,
            null,
            null,
            null,
            T0,
            0,
            T0,
            T0);
    in(
        a,
        tx -> {
          tx.inbox().insertThread(withRef);
          return null;
        });
    assertThat(
            this.<Page<InboxThread>>in(
                    a, tx -> tx.inbox().threads(ThreadFilter.ALL, PageRequest.first()))
                .total())
        .isEqualTo(3);
  }

  @Test
  void aThreadInsertedIfAbsentLeavesATakenKeyToTheThreadThatHasIt() {
    Actor a = newOrg();
    Actor b = newOrg();
    UUID c = contact(a);
    InboxThread first = thread(a, c, Channel.WHATSAPP, "dm:y", T0);
    InboxThread second = thread(a, c, Channel.WHATSAPP, "dm:y", T0.plusSeconds(5));
    assertThat(this.<Boolean>in(a, tx -> tx.inbox().insertThreadIfAbsent(first))).isTrue();
    assertThat(this.<Boolean>in(a, tx -> tx.inbox().insertThreadIfAbsent(second))).isFalse();
    assertThat(this.<Optional<InboxThread>>in(a, tx -> tx.inbox().findThread(second.id())))
        .isEmpty();
    assertThat(
            this.<Optional<InboxThread>>in(
                a, tx -> tx.inbox().lockThreadByKey(Channel.WHATSAPP, null, "dm:y")))
        .contains(first);
    // The same key on another channel is another thread; a contact of another org is none.
    InboxThread sms = thread(a, c, Channel.SMS, "dm:y", T0);
    assertThat(this.<Boolean>in(a, tx -> tx.inbox().insertThreadIfAbsent(sms))).isTrue();
    assertThatThrownBy(
            () ->
                in(
                    b,
                    tx ->
                        tx.inbox()
                            .insertThreadIfAbsent(thread(b, c, Channel.WHATSAPP, "dm:z", T0))))
        .isInstanceOfSatisfying(
            OmniFlowException.class, e -> assertThat(e.code()).isEqualTo("not_found"));
  }

  @Test
  void aThreadNeedsAContactOfTheOrg() {
    Actor a = newOrg();
    Actor b = newOrg();
    UUID theirs = contact(b);
    assertKind(
        () -> write(a, tx -> tx.inbox().insertThread(thread(a, theirs, Channel.SMS, "dm:y", T0))),
        OmniFlowException.Kind.NOT_FOUND);
  }

  @Test
  void threadsAreListedLatestActivityFirstAndFiltered() {
    Actor a = newOrg();
    UUID c1 = contact(a);
    UUID c2 = contact(a);
    InboxThread old = thread(a, c1, Channel.SMS, "dm:1", T0);
    InboxThread mid =
        thread(a, c2, Channel.WHATSAPP, "dm:2", T0.plusSeconds(60)).withAssignee(a.userId(), T0);
    InboxThread recent =
        thread(a, c1, Channel.EMAIL, "dm:3", T0.plusSeconds(120))
            .withStatus(ThreadStatus.CLOSED, T0);
    in(
        a,
        tx -> {
          for (InboxThread t : List.of(mid, old, recent)) tx.inbox().insertThread(t);
          return null;
        });

    Page<InboxThread> all = in(a, tx -> tx.inbox().threads(ThreadFilter.ALL, PageRequest.of(2, 0)));
    assertThat(all.total()).isEqualTo(3);
    assertThat(all.items()).extracting(InboxThread::id).containsExactly(recent.id(), mid.id());
    assertThat(
            this.<Page<InboxThread>>in(
                    a, tx -> tx.inbox().threads(ThreadFilter.ALL, PageRequest.of(2, 2)))
                .items())
        .extracting(InboxThread::id)
        .containsExactly(old.id());
    assertThat(
            in(
                    a,
                    tx ->
                        tx.inbox()
                            .threads(
                                ThreadFilter.ALL.withStatus(ThreadStatus.OPEN),
                                PageRequest.first()))
                .items())
        .extracting(InboxThread::id)
        .containsExactly(mid.id(), old.id());
    assertThat(
            in(
                    a,
                    tx ->
                        tx.inbox()
                            .threads(
                                ThreadFilter.ALL.withChannel(Channel.SMS), PageRequest.first()))
                .items())
        .extracting(InboxThread::id)
        .containsExactly(old.id());
    assertThat(
            in(
                    a,
                    tx ->
                        tx.inbox()
                            .threads(
                                ThreadFilter.ALL.withAssignee(a.userId()), PageRequest.first()))
                .items())
        .extracting(InboxThread::id)
        .containsExactly(mid.id());
    assertThat(
            in(a, tx -> tx.inbox().threads(ThreadFilter.ALL.onlyUnassigned(), PageRequest.first()))
                .items())
        .extracting(InboxThread::id)
        .containsExactly(recent.id(), old.id());
    assertThat(
            this.<Page<InboxThread>>in(
                    a,
                    tx -> tx.inbox().threads(ThreadFilter.ALL.withContact(c1), PageRequest.first()))
                .items())
        .extracting(InboxThread::id)
        .containsExactly(recent.id(), old.id());
    // Another org sees none of them.
    Actor b = newOrg();
    assertThat(
            this.<Page<InboxThread>>in(
                    b, tx -> tx.inbox().threads(ThreadFilter.ALL, PageRequest.first()))
                .total())
        .isZero();
    assertThat(this.<Optional<InboxThread>>in(b, tx -> tx.inbox().findThread(old.id()))).isEmpty();
  }

  @Test
  void messagesAreListedOldestFirstAndTakeDeliveryNews() {
    Actor a = newOrg();
    UUID c = contact(a);
    InboxThread t = thread(a, c, Channel.WHATSAPP, "dm:m", T0);
    Message second =
        new Message(
            UUID.randomUUID(),
            a.orgId(),
            t.id(),
            MessageDirection.OUTBOUND,
            "Hi!",
            List.of(new Attachment("image", "https://cdn.example/x.jpg", "x.jpg")),
            "wamid.1",
            DeliveryStatus.SENT,
            null,
            a.userId(),
            T0.plusSeconds(10),
            T0);
    Message first =
        new Message(
            UUID.randomUUID(),
            a.orgId(),
            t.id(),
            MessageDirection.INBOUND,
            "Hello",
            List.of(),
            "wamid.0",
            null,
            null,
            null,
            T0,
            T0);
    in(
        a,
        tx -> {
          tx.inbox().insertThread(t);
          tx.inbox().insertMessage(second);
          tx.inbox().insertMessage(first);
          return null;
        });

    assertThat(
            this.<Page<Message>>in(a, tx -> tx.inbox().messages(t.id(), PageRequest.first()))
                .items())
        .containsExactly(first, second);
    assertThat(this.<Optional<Message>>in(a, tx -> tx.inbox().findOutbound("wamid.1")))
        .contains(second);
    assertThat(this.<Optional<Message>>in(a, tx -> tx.inbox().findOutbound("wamid.0"))).isEmpty();

    Message failed = second.withDelivery(DeliveryStatus.FAILED, "number unreachable");
    in(
        a,
        tx -> {
          tx.inbox().updateDelivery(failed);
          return null;
        });
    assertThat(this.<Optional<Message>>in(a, tx -> tx.inbox().findOutbound("wamid.1")))
        .contains(failed);

    Actor b = newOrg();
    assertThat(
            this.<Page<Message>>in(b, tx -> tx.inbox().messages(t.id(), PageRequest.first()))
                .total())
        .isZero();
    assertThat(this.<Optional<Message>>in(b, tx -> tx.inbox().findOutbound("wamid.1"))).isEmpty();
    assertKind(
        () ->
            write(
                b,
                tx -> {
                  tx.inbox()
                      .insertMessage(
                          new Message(
                              UUID.randomUUID(),
                              b.orgId(),
                              t.id(),
                              MessageDirection.INBOUND,
                              "x",
                              List.of(),
                              null,
                              null,
                              null,
                              null,
                              T0,
                              T0));
                }),
        OmniFlowException.Kind.NOT_FOUND);
  }

  @Test
  void touchpointsAreListedOldestFirstPerContact() {
    Actor a = newOrg();
    UUID c = contact(a);
    Touchpoint later =
        new Touchpoint(
            UUID.randomUUID(),
            a.orgId(),
            c,
            Channel.LEAD_FORM,
            "cmp",
            "ad",
            null,
            T0.plusSeconds(9),
            null,
            null);
    Touchpoint earlier =
        new Touchpoint(
            UUID.randomUUID(),
            a.orgId(),
            c,
            Channel.INSTAGRAM_COMMENT,
            null,
            null,
            "post",
            T0,
            null,
            null);
    in(
        a,
        tx -> {
          tx.inbox().insertTouchpoint(later);
          tx.inbox().insertTouchpoint(earlier);
          return null;
        });
    assertThat(this.<List<Touchpoint>>in(a, tx -> tx.inbox().touchpoints(c)))
        .containsExactly(earlier, later);
    Actor b = newOrg();
    assertThat(this.<List<Touchpoint>>in(b, tx -> tx.inbox().touchpoints(c))).isEmpty();
  }

  @Test
  void anIngestReceiptIsKeptOncePerOrgAndKey() {
    Actor a = newOrg();
    Actor b = newOrg();
    IngestResult r =
        new IngestResult(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), null, false);
    in(
        a,
        tx -> {
          tx.inbox().insertReceipt("mid.1", r, T0);
          return null;
        });
    assertThat(this.<Optional<IngestResult>>in(a, tx -> tx.inbox().findReceipt("mid.1")))
        .contains(r);
    assertThatThrownBy(
            () ->
                in(
                    a,
                    tx -> {
                      tx.inbox().insertReceipt("mid.1", r, T0);
                      return null;
                    }))
        .isInstanceOfSatisfying(
            OmniFlowException.class,
            e -> {
              assertThat(e.code()).isEqualTo("ingest_exists");
              assertThat(e.isRetryable()).as("a lost race is retryable").isTrue();
            });
    assertThat(this.<Optional<IngestResult>>in(b, tx -> tx.inbox().findReceipt("mid.1"))).isEmpty();
    in(
        b,
        tx -> {
          tx.inbox().insertReceipt("mid.1", r, T0);
          return null;
        });
  }

  @Test
  void ingestReceiptsOfManyKeysAreReadAtOnceAndSeenInTheStrictTransactionThatKeepsThem() {
    Actor a = newOrg();
    Actor b = newOrg();
    IngestResult r =
        new IngestResult(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), null, false);
    IngestResult s = new IngestResult(null, null, null, null, false);
    in(
        a,
        tx -> {
          tx.inbox().insertReceipt("k.1", r, T0);
          return null;
        });
    Map<String, IngestResult> seen =
        store()
            .inStrictTransaction(
                a,
                tx -> {
                  tx.inbox().insertReceipt("k.2", s, T0);
                  return tx.inbox().findReceipts(List.of("k.1", "k.2", "k.3"));
                });
    assertThat(seen).containsOnly(Map.entry("k.1", r), Map.entry("k.2", s));
    assertThat(
            this.<Map<String, IngestResult>>in(
                a, tx -> tx.inbox().findReceipts(List.of("k.1", "k.2", "k.3"))))
        .containsOnlyKeys("k.1", "k.2");
    assertThat(this.<Map<String, IngestResult>>in(b, tx -> tx.inbox().findReceipts(List.of("k.1"))))
        .as("another org's")
        .isEmpty();
    assertThat(this.<Map<String, IngestResult>>in(a, tx -> tx.inbox().findReceipts(List.of())))
        .isEmpty();
    List<String> tooMany = new ArrayList<>();
    for (int i = 0; i <= InboxRepository.MAX_RECEIPT_KEYS; i++) {
      tooMany.add("k." + i);
    }
    assertThatThrownBy(() -> in(a, tx -> tx.inbox().findReceipts(tooMany)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aReceiptKeptBackByAStrictTransactionThatMeetsAnotherFailsItsCommitAsARace() {
    Actor a = newOrg();
    IngestResult r = new IngestResult(null, null, null, null, false);
    in(
        a,
        tx -> {
          tx.inbox().insertReceipt("k.1", r, T0);
          return null;
        });
    assertThatThrownBy(
            () ->
                store()
                    .inStrictTransaction(
                        a,
                        tx -> {
                          tx.inbox().insertReceipt("k.2", r, T0);
                          tx.inbox().insertReceipt("k.1", r, T0);
                          return null;
                        }))
        .isInstanceOfSatisfying(
            OmniFlowException.class,
            e -> {
              assertThat(e.code()).isEqualTo("ingest_exists");
              assertThat(e.isRetryable()).as("a lost race is retryable").isTrue();
            });
    assertThat(this.<Optional<IngestResult>>in(a, tx -> tx.inbox().findReceipt("k.2")))
        .as("nothing of the failed transaction")
        .isEmpty();
  }

  @Test
  void leaveNothingBehindWhenTheWorkThrows() {
    Actor a = newOrg();
    UUID c = contact(a);
    InboxThread t = thread(a, c, Channel.SMS, "dm:r", T0);
    Boom boom = new Boom();
    assertThatThrownBy(
            () ->
                in(
                    a,
                    tx -> {
                      tx.inbox().insertThread(t);
                      tx.inbox()
                          .insertMessage(
                              new Message(
                                  UUID.randomUUID(),
                                  a.orgId(),
                                  t.id(),
                                  MessageDirection.INBOUND,
                                  "x",
                                  List.of(),
                                  "p1",
                                  null,
                                  null,
                                  null,
                                  T0,
                                  T0));
                      tx.inbox()
                          .insertTouchpoint(
                              new Touchpoint(
                                  UUID.randomUUID(),
                                  a.orgId(),
                                  c,
                                  Channel.SMS,
                                  null,
                                  null,
                                  null,
                                  T0,
                                  null,
                                  t.id()));
                      tx.inbox()
                          .insertReceipt("k", new IngestResult(c, t.id(), null, null, false), T0);
                      throw boom;
                    }))
        .isSameAs(boom);
    assertThat(this.<Optional<InboxThread>>in(a, tx -> tx.inbox().findThread(t.id()))).isEmpty();
    assertThat(this.<List<Touchpoint>>in(a, tx -> tx.inbox().touchpoints(c))).isEmpty();
    assertThat(this.<Optional<IngestResult>>in(a, tx -> tx.inbox().findReceipt("k"))).isEmpty();
    assertThat(
            this.<Page<Message>>in(a, tx -> tx.inbox().messages(t.id(), PageRequest.first()))
                .total())
        .isZero();
  }

  // ---------------------------------------------------------- send claims (issue 9)

  @Test
  void aDraftsClaimIsWrittenAndStaleClaimsAreFoundOldestFirstOnlyInTheirOrg() {
    Actor a = newOrg();
    Actor b = newOrg();
    UUID c = contact(a);
    InboxThread t = thread(a, c, Channel.SMS, "dm:phone:+14155550102", T0);
    ai.omniflow.inbox.Draft d1 =
        ai.omniflow.inbox.Draft.of(UUID.randomUUID(), a.orgId(), t.id(), "One", null, T0);
    ai.omniflow.inbox.Draft d2 =
        ai.omniflow.inbox.Draft.of(UUID.randomUUID(), a.orgId(), t.id(), "Two", null, T0);
    ai.omniflow.inbox.Draft d3 =
        ai.omniflow.inbox.Draft.of(UUID.randomUUID(), a.orgId(), t.id(), "Three", null, T0);
    ai.omniflow.inbox.Draft c1 = d1.claimedAt(T0.plusSeconds(20));
    ai.omniflow.inbox.Draft c2 = d2.claimedAt(T0.plusSeconds(10));
    ai.omniflow.inbox.Draft c3 = d3.claimedAt(T0.plusSeconds(500));
    in(
        a,
        tx -> {
          tx.inbox().insertThread(t);
          for (var d : List.of(d1, d2, d3)) {
            tx.inbox().insertDraft(d);
          }
          tx.inbox().updateDraftState(c1);
          tx.inbox().updateDraftState(c2);
          tx.inbox().updateDraftState(c3);
          return null;
        });
    assertThat(lockedDraft(a, d1.id())).contains(c1);
    assertThat(staleClaims(a, T0.plusSeconds(100), 10)).containsExactly(c2, c1);
    assertThat(staleClaims(a, T0.plusSeconds(100), 1)).containsExactly(c2);
    assertThat(staleClaims(b, T0.plusSeconds(1000), 10)).isEmpty();

    ai.omniflow.inbox.Draft unknown =
        c2.withState(ai.omniflow.inbox.DraftStatus.UNKNOWN, c2.claimedAt(), "send_outcome_unknown");
    ai.omniflow.inbox.Draft released =
        c1.withState(ai.omniflow.inbox.DraftStatus.DRAFT, null, "send_permanent");
    in(
        a,
        tx -> {
          tx.inbox().updateDraftState(unknown);
          tx.inbox().updateDraftState(released);
          return null;
        });
    assertThat(lockedDraft(a, d2.id())).contains(unknown);
    assertThat(lockedDraft(a, d1.id())).contains(released);
    assertThat(staleClaims(a, T0.plusSeconds(100), 10)).isEmpty();
    assertThatThrownBy(
            () ->
                in(
                    b,
                    tx -> {
                      tx.inbox()
                          .updateDraftState(
                              ai.omniflow.inbox.Draft.of(d3.id(), b.orgId(), t.id(), "x", null, T0)
                                  .claimedAt(T0));
                      return null;
                    }))
        .isInstanceOfSatisfying(
            OmniFlowException.class, e -> assertThat(e.code()).isEqualTo("not_found"));
    assertThatThrownBy(() -> in(a, tx -> tx.inbox().staleDraftClaims(T0, 0)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
