package ai.omniflow.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.OmniFlowException;
import ai.omniflow.Page;
import ai.omniflow.PageRequest;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.inbox.InboxThread;
import ai.omniflow.inbox.Message;
import ai.omniflow.inbox.MessageDirection;
import ai.omniflow.inbox.ThreadStatus;
import ai.omniflow.tenancy.Actor;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The lead repository: leads as written, one open lead per contact, open counts, scores and model
 * runs in order. Not API: {@link StoreCompatibilityKit} runs it as a nested suite.
 */
abstract class LeadSuite extends StoreSuite {
  private UUID newContact(Actor a) {
    return newContact(a, T0).id();
  }

  private ai.omniflow.leads.Lead lead(Actor a, UUID contact, Instant at) {
    return new ai.omniflow.leads.Lead(
        UUID.randomUUID(),
        a.orgId(),
        contact,
        null,
        Channel.SMS,
        "camp",
        null,
        "new",
        null,
        Map.of("budget", new BigDecimal("650000.50"), "zip", "94110", "pre_approved", true),
        null,
        null,
        null,
        at,
        at);
  }

  @Test
  void aLeadReadsBackAsWrittenAndOnlyInItsOrg() {
    Actor a = newOrg();
    Actor b = newOrg();
    ai.omniflow.leads.Lead l = lead(a, newContact(a), T0);
    in(
        a,
        tx -> {
          tx.leads().insert(l);
          return null;
        });

    assertThat(this.<Optional<ai.omniflow.leads.Lead>>in(a, tx -> tx.leads().find(l.id())))
        .contains(l);
    assertThat(this.<Optional<ai.omniflow.leads.Lead>>in(b, tx -> tx.leads().find(l.id())))
        .isEmpty();
    assertThat(
            this.<Page<ai.omniflow.leads.Lead>>in(
                    b, tx -> tx.leads().list(ai.omniflow.leads.LeadFilter.ALL, PageRequest.first()))
                .total())
        .isZero();
    assertThat(this.<List<UUID>>in(b, tx -> tx.leads().openIds(null, 10))).isEmpty();
  }

  @Test
  void anOfferReadsBackIsReplacedExpiresInOrderAndStaysInItsOrg() {
    Actor a = newOrg();
    Actor b = newOrg();
    ai.omniflow.leads.Lead first = lead(a, newContact(a), T0);
    ai.omniflow.leads.Lead second = lead(a, newContact(a), T0);
    store()
        .useTransaction(
            a,
            tx -> {
              tx.leads().insert(first);
              tx.leads().insert(second);
            });
    ai.omniflow.leads.LeadOffer offer =
        new ai.omniflow.leads.LeadOffer(a.orgId(), first.id(), "team", T0, T0.plusSeconds(600));
    store().useTransaction(a, tx -> tx.leads().saveOffer(offer));
    assertThat(
            this.<Optional<ai.omniflow.leads.LeadOffer>>in(a, tx -> tx.leads().offer(first.id())))
        .contains(offer);

    ai.omniflow.leads.LeadOffer again =
        new ai.omniflow.leads.LeadOffer(
            a.orgId(), first.id(), "seniors", T0.plusSeconds(60), T0.plusSeconds(120));
    ai.omniflow.leads.LeadOffer later =
        new ai.omniflow.leads.LeadOffer(a.orgId(), second.id(), "team", T0, T0.plusSeconds(300));
    store()
        .useTransaction(
            a,
            tx -> {
              tx.leads().saveOffer(again);
              tx.leads().saveOffer(later);
            });
    assertThat(
            this.<Optional<ai.omniflow.leads.LeadOffer>>in(a, tx -> tx.leads().offer(first.id())))
        .as("a second offer of a lead replaces the first")
        .contains(again);
    assertThat(this.<List<UUID>>in(a, tx -> tx.leads().expiredOffers(T0.plusSeconds(299), 10)))
        .containsExactly(first.id());
    assertThat(this.<List<UUID>>in(a, tx -> tx.leads().expiredOffers(T0.plusSeconds(300), 10)))
        .containsExactly(first.id(), second.id());
    assertThat(this.<List<UUID>>in(a, tx -> tx.leads().expiredOffers(T0.plusSeconds(300), 1)))
        .containsExactly(first.id());

    assertThat(
            this.<Optional<ai.omniflow.leads.LeadOffer>>in(b, tx -> tx.leads().offer(first.id())))
        .isEmpty();
    assertThat(this.<List<UUID>>in(b, tx -> tx.leads().expiredOffers(T0.plusSeconds(999), 10)))
        .isEmpty();
    assertThatThrownBy(
            () ->
                store()
                    .useTransaction(
                        b,
                        tx ->
                            tx.leads()
                                .saveOffer(
                                    new ai.omniflow.leads.LeadOffer(
                                        b.orgId(), first.id(), "team", T0, T0.plusSeconds(60)))))
        .as("another org cannot offer this org's lead")
        .isInstanceOf(OmniFlowException.class);

    store().useTransaction(a, tx -> tx.leads().deleteOffer(first.id()));
    assertThat(
            this.<Optional<ai.omniflow.leads.LeadOffer>>in(a, tx -> tx.leads().offer(first.id())))
        .isEmpty();
  }

  @Test
  void aContactHasAtMostOneOpenLeadButAnyNumberOfClosedOnes() {
    Actor a = newOrg();
    UUID c = newContact(a);
    ai.omniflow.leads.Lead first = lead(a, c, T0);
    in(
        a,
        tx -> {
          tx.leads().insert(first);
          return null;
        });

    assertThatThrownBy(
            () ->
                in(
                    a,
                    tx -> {
                      tx.leads().insert(lead(a, c, T0.plusSeconds(1)));
                      return null;
                    }))
        .isInstanceOfSatisfying(
            OmniFlowException.class,
            e -> {
              assertThat(e.code()).isEqualTo("open_lead_exists");
              assertThat(e.isRetryable()).as("a lost race is retryable").isTrue();
            });
    ai.omniflow.leads.LeadOutcome won =
        new ai.omniflow.leads.LeadOutcome(
            ai.omniflow.leads.LeadOutcome.Status.WON,
            new BigDecimal("12500.25"),
            "EUR",
            T0.plusSeconds(60),
            "signed");
    in(
        a,
        tx -> {
          tx.leads().update(first.withOutcome(won, "won", T0.plusSeconds(60)));
          tx.leads().insert(lead(a, c, T0.plusSeconds(120)));
          return null;
        });

    List<ai.omniflow.leads.Lead> closed = in(a, tx -> tx.leads().closed(10));
    assertThat(closed).hasSize(1);
    assertThat(closed.get(0).outcome()).isEqualTo(won);
    assertThat(closed.get(0).stage()).isEqualTo("won");
    assertThat(this.<Optional<ai.omniflow.leads.Lead>>in(a, tx -> tx.leads().findOpen(c)))
        .get()
        .extracting(ai.omniflow.leads.Lead::createdAt)
        .isEqualTo(T0.plusSeconds(120));
  }

  @Test
  void theOpenLeadOfAContactIsFoundOnlyWhileOpenAndOnlyInItsOrg() {
    Actor a = newOrg();
    Actor b = newOrg();
    UUID c = newContact(a);
    UUID other = newContact(a);
    UUID none = newContact(a);
    ai.omniflow.leads.Lead open = lead(a, c, T0);
    ai.omniflow.leads.Lead otherOpen = lead(a, other, T0);
    store()
        .useTransaction(
            a,
            tx -> {
              tx.leads().insert(open);
              tx.leads().insert(otherOpen);
            });

    assertThat(this.<Optional<ai.omniflow.leads.Lead>>in(a, tx -> tx.leads().findOpen(c)))
        .as("the contact's own open lead, not another contact's")
        .contains(open);
    assertThat(this.<Optional<ai.omniflow.leads.Lead>>in(b, tx -> tx.leads().findOpen(c)))
        .as("another org sees no lead of the contact")
        .isEmpty();
    assertThat(this.<Optional<ai.omniflow.leads.Lead>>in(a, tx -> tx.leads().findOpen(none)))
        .as("a contact without a lead has no open lead")
        .isEmpty();

    ai.omniflow.leads.LeadOutcome lost =
        new ai.omniflow.leads.LeadOutcome(
            ai.omniflow.leads.LeadOutcome.Status.LOST, null, null, T0.plusSeconds(60), "silent");
    store()
        .useTransaction(
            a, tx -> tx.leads().update(open.withOutcome(lost, "lost", T0.plusSeconds(60))));
    assertThat(this.<Optional<ai.omniflow.leads.Lead>>in(a, tx -> tx.leads().findOpen(c)))
        .as("a contact whose only lead is closed has no open lead")
        .isEmpty();
    assertThat(this.<Optional<ai.omniflow.leads.Lead>>in(a, tx -> tx.leads().findOpen(other)))
        .contains(otherOpen);
  }

  @Test
  void openCountsGoByOwnerAndScoresAndModelRunsAreKeptInOrder() {
    Actor a = newOrg();
    ai.omniflow.leads.Lead l = lead(a, newContact(a), T0).withOwner(a.userId(), T0);
    ai.omniflow.leads.LeadScore s1 =
        new ai.omniflow.leads.LeadScore(
            UUID.randomUUID(),
            a.orgId(),
            l.id(),
            40,
            40,
            null,
            null,
            List.of(new ai.omniflow.leads.ExplanationLine.RuleLine("r", "g", 40)),
            "requested",
            T0);
    ai.omniflow.leads.LeadScore s2 =
        new ai.omniflow.leads.LeadScore(
            UUID.randomUUID(),
            a.orgId(),
            l.id(),
            55,
            40,
            0.7,
            1,
            List.of(
                new ai.omniflow.leads.ExplanationLine.ModelInterceptLine(-1.25),
                new ai.omniflow.leads.ExplanationLine.FeatureLine("pre_approved = true", 1, 2.5),
                new ai.omniflow.leads.ExplanationLine.BlendLine(40, 0.5, 0.7, 0.5, 1, 55)),
            "model_changed",
            T0.plusSeconds(5));
    in(
        a,
        tx -> {
          tx.leads().insert(l);
          tx.leads().update(l.withScore(55, T0.plusSeconds(5)));
          tx.leads().insertScore(s1);
          tx.leads().insertScore(s2);
          tx.leads()
              .insertModelRun(
                  new ai.omniflow.leads.ModelRun(
                      a.orgId(), 1, T0, "refused_low_quality", Map.of("reason", "noise"), null));
          return null;
        });

    assertThat(this.<Map<UUID, Integer>>in(a, tx -> tx.leads().openCountsByOwner()))
        .containsExactly(Map.entry(a.userId(), 1));
    assertThat(
            this.<Page<ai.omniflow.leads.LeadScore>>in(
                    a, tx -> tx.leads().scores(l.id(), PageRequest.first()))
                .items())
        .containsExactly(s2, s1);
    assertThat(this.<Optional<ai.omniflow.leads.Lead>>in(a, tx -> tx.leads().find(l.id())))
        .get()
        .extracting(ai.omniflow.leads.Lead::score)
        .isEqualTo(55);
    assertThatThrownBy(
            () ->
                in(
                    a,
                    tx -> {
                      tx.leads()
                          .insertModelRun(
                              new ai.omniflow.leads.ModelRun(
                                  a.orgId(), 1, T0, "refused_low_quality", Map.of(), null));
                      return null;
                    }))
        .isInstanceOf(OmniFlowException.class)
        .extracting(e -> ((OmniFlowException) e).code())
        .isEqualTo("model_run_exists");
    assertThat(this.<Optional<ai.omniflow.leads.ModelRun>>in(a, tx -> tx.leads().latestModelRun()))
        .get()
        .extracting(ai.omniflow.leads.ModelRun::status)
        .isEqualTo("refused_low_quality");
  }

  @Test
  void aContactsLatestMessagesComeOldestFirstWithTheirThreadsChannel() {
    Actor a = newOrg();
    UUID c = newContact(a);
    InboxThread dm =
        new InboxThread(
            UUID.randomUUID(),
            a.orgId(),
            c,
            Channel.SMS,
            null,
            "dm:x",
            ThreadStatus.OPEN,
            null,
            null,
            null,
            T0,
            0,
            T0,
            T0);
    InboxThread form =
        new InboxThread(
            UUID.randomUUID(),
            a.orgId(),
            c,
            Channel.LEAD_FORM,
            null,
            "lead_form:f:x",
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
          tx.inbox().insertThread(dm);
          tx.inbox().insertThread(form);
          for (int i = 0; i < 4; i++) {
            InboxThread t = i % 2 == 0 ? dm : form;
            tx.inbox()
                .insertMessage(
                    new Message(
                        UUID.randomUUID(),
                        a.orgId(),
                        t.id(),
                        MessageDirection.INBOUND,
                        "m" + i,
                        List.of(),
                        null,
                        null,
                        null,
                        null,
                        T0.plusSeconds(i),
                        T0.plusSeconds(i)));
          }
          return null;
        });

    List<ai.omniflow.inbox.ContactMessage> latest = in(a, tx -> tx.inbox().contactMessages(c, 3));

    assertThat(latest).extracting(m -> m.message().text()).containsExactly("m1", "m2", "m3");
    assertThat(latest)
        .extracting(ai.omniflow.inbox.ContactMessage::channel)
        .containsExactly(Channel.LEAD_FORM, Channel.SMS, Channel.LEAD_FORM);
    assertThat(
            this.<List<ai.omniflow.inbox.ContactMessage>>in(
                newOrg(), tx -> tx.inbox().contactMessages(c, 3)))
        .isEmpty();
  }
}
