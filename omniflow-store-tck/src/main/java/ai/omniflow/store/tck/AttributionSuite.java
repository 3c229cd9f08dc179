package ai.omniflow.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.OmniFlowException;
import ai.omniflow.attribution.ExternalTouchpoint;
import ai.omniflow.attribution.Spend;
import ai.omniflow.attribution.Touch;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.contacts.Contact;
import ai.omniflow.contacts.IdentityKind;
import ai.omniflow.inbox.InboxThread;
import ai.omniflow.inbox.ThreadStatus;
import ai.omniflow.inbox.Touchpoint;
import ai.omniflow.leads.Lead;
import ai.omniflow.leads.LeadOutcome;
import ai.omniflow.store.spi.ContactActivity;
import ai.omniflow.store.spi.JourneyRepository;
import ai.omniflow.store.spi.SpendRepository;
import ai.omniflow.tenancy.Actor;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The attribution repositories: external touchpoints (anonymous until linked), spend replaced per
 * day, channel and campaign, and journeys' activity streamed per contact. Not API: {@link
 * StoreCompatibilityKit} runs it as a nested suite.
 */
abstract class AttributionSuite extends StoreSuite {
  private static ExternalTouchpoint click(
      Actor a, @Nullable UUID contact, String channel, Instant at, @Nullable String key) {
    return new ExternalTouchpoint(
        UUID.randomUUID(),
        a.orgId(),
        contact,
        channel,
        "spring",
        "ad-1",
        null,
        new ExternalTouchpoint.Utm("facebook", "cpc", "spring", null, null),
        new ExternalTouchpoint.ClickId(ExternalTouchpoint.ClickIdKind.FBCLID, "IwAR-" + at),
        key,
        null,
        null,
        at,
        at);
  }

  private static Lead lead(Actor a, UUID contact, Instant at) {
    return openLead(a, contact, null, Channel.SMS, at);
  }

  private java.util.Optional<ExternalTouchpoint> findTouchpoint(Actor a, UUID id) {
    return store().inTransaction(a, tx -> tx.externalTouchpoints().find(id));
  }

  private int linkKey(Actor a, String key, UUID contact) {
    return store().inTransaction(a, tx -> tx.externalTouchpoints().linkAnonymousKey(key, contact));
  }

  private int linkIdentities(Actor a) {
    return store().inTransaction(a, tx -> tx.externalTouchpoints().linkMatchingIdentities());
  }

  private java.util.Optional<Spend> putSpend(Actor a, Spend s) {
    return store().inTransaction(a, tx -> tx.spend().put(s));
  }

  private java.util.Optional<Spend> findSpend(
      Actor a, LocalDate day, String channel, @Nullable String campaign) {
    return store().inTransaction(a, tx -> tx.spend().find(day, channel, campaign));
  }

  private List<SpendRepository.Total> totals(Actor a, LocalDate from, LocalDate to) {
    return store().inTransaction(a, tx -> tx.spend().totals(from, to));
  }

  private List<String> currencies(Actor a, Instant from, Instant until, int limit) {
    return store().inTransaction(a, tx -> tx.journeys().wonCurrencies(from, until, limit));
  }

  private List<ContactActivity> activity(Actor a, Instant since, Instant until) {
    return activity(a, since, until, JourneyRepository.TouchDetail.NONE);
  }

  private List<ContactActivity> activity(
      Actor a, Instant since, Instant until, JourneyRepository.TouchDetail detail) {
    return store()
        .inTransaction(
            a,
            tx -> {
              List<ContactActivity> out = new ArrayList<>();
              tx.journeys().activity(since, until, detail, out::add);
              return out;
            });
  }

  @Test
  void externalTouchpointsReadBackAsWrittenOnlyInTheirOrg() {
    Actor a = newOrg();
    Actor b = newOrg();
    Contact c = contact(a, T0);
    ExternalTouchpoint linked = click(a, c.id(), "facebook_ad", T0.plusSeconds(1), null);
    ExternalTouchpoint anonymous =
        new ExternalTouchpoint(
            UUID.randomUUID(),
            a.orgId(),
            null,
            "website",
            null,
            null,
            "post-9",
            ExternalTouchpoint.Utm.NONE,
            null,
            "cookie-1",
            "ana@example.com",
            "+14155550100",
            T0.plusSeconds(2),
            T0.plusSeconds(3));
    write(
        a,
        tx -> {
          tx.contacts().insert(c);
          tx.externalTouchpoints().insert(linked);
          tx.externalTouchpoints().insert(anonymous);
        });
    assertThat(findTouchpoint(a, linked.id())).contains(linked);
    assertThat(findTouchpoint(a, anonymous.id())).contains(anonymous);
    assertThat(findTouchpoint(b, linked.id())).isEmpty();
  }

  @Test
  void anExternalTouchpointOfAnUnknownContactOrATakenIdIsRefusedAndTheTransactionGoesOn() {
    Actor a = newOrg();
    ExternalTouchpoint t = click(a, null, "google_ad", T0, null);
    write(a, tx -> tx.externalTouchpoints().insert(t));
    assertKind(
        () -> write(a, tx -> tx.externalTouchpoints().insert(t)),
        OmniFlowException.Kind.CONFLICT,
        "touchpoint_exists");
    ExternalTouchpoint stranger = click(a, UUID.randomUUID(), "google_ad", T0, null);
    ExternalTouchpoint after = click(a, null, "google_ad", T0, null);
    write(
        a,
        tx -> {
          try {
            tx.externalTouchpoints().insert(stranger);
          } catch (OmniFlowException e) {
            assertThat(e.kind()).isEqualTo(OmniFlowException.Kind.NOT_FOUND);
          }
          tx.externalTouchpoints().insert(after);
        });
    assertThat(findTouchpoint(a, after.id())).isPresent();
    assertThat(findTouchpoint(a, stranger.id())).isEmpty();
  }

  @Test
  void anonymousTouchpointsAreLinkedByTheirKeyOrByAMatchingIdentityOnce() {
    Actor a = newOrg();
    Contact ana = contact(a, T0);
    Contact bo = contact(a, T0);
    ExternalTouchpoint byKey = click(a, null, "facebook_ad", T0, "cookie-7");
    ExternalTouchpoint byEmail =
        new ExternalTouchpoint(
            UUID.randomUUID(),
            a.orgId(),
            null,
            "website",
            null,
            null,
            null,
            ExternalTouchpoint.Utm.NONE,
            null,
            null,
            "bo@example.com",
            null,
            T0,
            T0);
    ExternalTouchpoint byPhone =
        new ExternalTouchpoint(
            UUID.randomUUID(),
            a.orgId(),
            null,
            "website",
            null,
            null,
            null,
            ExternalTouchpoint.Utm.NONE,
            null,
            null,
            null,
            "+14155550100",
            T0,
            T0);
    write(
        a,
        tx -> {
          tx.contacts().insert(ana);
          tx.contacts().insert(bo);
          tx.externalTouchpoints().insert(byKey);
          tx.externalTouchpoints().insert(byEmail);
          tx.externalTouchpoints().insert(byPhone);
        });
    assertThat(linkKey(a, "cookie-7", ana.id())).isEqualTo(1);
    assertThat(linkKey(a, "cookie-7", ana.id())).isZero();
    assertThat(linkIdentities(a)).isZero();
    write(
        a,
        tx -> {
          tx.contacts()
              .insertIdentity(identity(a, bo.id(), IdentityKind.EMAIL, "bo@example.com", T0));
          tx.contacts()
              .insertIdentity(identity(a, ana.id(), IdentityKind.PHONE, "+14155550100", T0));
        });
    assertThat(linkIdentities(a)).isEqualTo(2);
    assertThat(linkIdentities(a)).isZero();
    assertThat(findTouchpoint(a, byKey.id())).contains(byKey.linkedTo(ana.id()));
    assertThat(findTouchpoint(a, byEmail.id())).contains(byEmail.linkedTo(bo.id()));
    assertThat(findTouchpoint(a, byPhone.id())).contains(byPhone.linkedTo(ana.id()));
  }

  @Test
  void spendIsReplacedPerDayChannelAndCampaignAndSummedInOrder() {
    Actor a = newOrg();
    Actor b = newOrg();
    LocalDate d = LocalDate.parse("2026-05-01");
    Spend first = Spend.of(a.orgId(), d, "facebook_ad", null, new BigDecimal("10.5"), "USD", T0);
    Spend again = Spend.of(a.orgId(), d, "facebook_ad", null, new BigDecimal("12"), "USD", T0);
    Spend campaign =
        Spend.of(a.orgId(), d, "facebook_ad", "spring", new BigDecimal("3.25"), "USD", T0);
    Spend nextDay =
        Spend.of(a.orgId(), d.plusDays(1), "facebook_ad", null, new BigDecimal("1"), "USD", T0);
    Spend outside =
        Spend.of(a.orgId(), d.plusDays(5), "facebook_ad", null, new BigDecimal("99"), "USD", T0);
    Spend google = Spend.of(a.orgId(), d, "google_ad", null, new BigDecimal("7"), "EUR", T0);
    assertThat(putSpend(a, first)).isEmpty();
    assertThat(putSpend(a, again)).contains(first);
    write(
        a,
        tx -> {
          tx.spend().put(campaign);
          tx.spend().put(nextDay);
          tx.spend().put(outside);
          tx.spend().put(google);
        });
    assertThat(findSpend(a, d, "facebook_ad", null)).contains(again);
    assertThat(findSpend(a, d, "facebook_ad", "spring")).contains(campaign);
    assertThat(totals(a, d, d.plusDays(1)))
        .containsExactly(
            new SpendRepository.Total("facebook_ad", null, "USD", new BigDecimal("13.00")),
            new SpendRepository.Total("facebook_ad", "spring", "USD", new BigDecimal("3.25")),
            new SpendRepository.Total("google_ad", null, "EUR", new BigDecimal("7.00")));
    assertThat(totals(b, d, d.plusDays(1))).isEmpty();
  }

  @Test
  void activityStreamsEachContactOnceWithTouchesInTimeOrderAndItsLeads() {
    Actor a = newOrg();
    Contact ana = contact(a, T0);
    Contact bo = contact(a, T0);
    Contact quiet = contact(a, T0);
    Instant since = T0.plusSeconds(100);
    Instant until = T0.plusSeconds(1_000);
    Touchpoint dm =
        new Touchpoint(
            UUID.randomUUID(),
            a.orgId(),
            ana.id(),
            Channel.INSTAGRAM_DM,
            "spring",
            null,
            null,
            T0.plusSeconds(300),
            null,
            null);
    Touchpoint tooEarly =
        new Touchpoint(
            UUID.randomUUID(),
            a.orgId(),
            ana.id(),
            Channel.SMS,
            null,
            null,
            null,
            T0.plusSeconds(50),
            null,
            null);
    ExternalTouchpoint ad = click(a, ana.id(), "facebook_ad", T0.plusSeconds(200), null);
    ExternalTouchpoint sameTime = click(a, ana.id(), "google_ad", T0.plusSeconds(300), null);
    ExternalTouchpoint anonymous = click(a, null, "google_ad", T0.plusSeconds(300), "k");
    LeadOutcome won =
        new LeadOutcome(
            LeadOutcome.Status.WON, new BigDecimal("1200.50"), "USD", T0.plusSeconds(400), null);
    Lead anaLead = lead(a, ana.id(), T0.plusSeconds(250));
    Lead boLead = lead(a, bo.id(), T0.plusSeconds(10));
    Lead quietLead = lead(a, quiet.id(), T0.plusSeconds(10));
    write(
        a,
        tx -> {
          tx.contacts().insert(ana);
          tx.contacts().insert(bo);
          tx.contacts().insert(quiet);
          tx.inbox().insertTouchpoint(dm);
          tx.inbox().insertTouchpoint(tooEarly);
          tx.externalTouchpoints().insert(sameTime);
          tx.externalTouchpoints().insert(ad);
          tx.externalTouchpoints().insert(anonymous);
          tx.leads().insert(anaLead);
          tx.leads().insert(boLead);
          tx.leads().insert(quietLead);
        });
    write(
        a,
        tx -> {
          tx.leads().update(anaLead.withOutcome(won, "won", T0.plusSeconds(400)));
          tx.leads()
              .update(
                  boLead.withOutcome(
                      new LeadOutcome(
                          LeadOutcome.Status.LOST, null, null, T0.plusSeconds(500), "price"),
                      "lost",
                      T0.plusSeconds(500)));
        });
    List<ContactActivity> seen = activity(a, since, until);
    List<UUID> expectedOrder = new ArrayList<>(List.of(ana.id(), bo.id()));
    expectedOrder.sort(JourneyRepository.CONTACT_ORDER);
    assertThat(seen)
        .extracting(ContactActivity::contactId)
        .containsExactlyElementsOf(expectedOrder);
    ContactActivity anas = seen.get(expectedOrder.indexOf(ana.id()));
    assertThat(anas.touches())
        .containsExactly(
            Touch.of("facebook_ad", "spring", T0.plusSeconds(200)),
            Touch.of("instagram_dm", "spring", T0.plusSeconds(300)),
            Touch.of("google_ad", "spring", T0.plusSeconds(300)));
    assertThat(anas.leads())
        .containsExactly(new ContactActivity.LeadMark(T0.plusSeconds(250), won));
    ContactActivity bos = seen.get(expectedOrder.indexOf(bo.id()));
    assertThat(bos.touches()).isEmpty();
    assertThat(bos.leads()).hasSize(1);
    assertThat(bos.leads().get(0).outcome().status()).isEqualTo(LeadOutcome.Status.LOST);
    assertThat(activity(newOrg(), since, until)).isEmpty();
  }

  @Test
  void activityTouchesCarryTheirContentOrTheirThreadsAgentOnlyWhenAsked() {
    Actor a = newOrg();
    UUID agent = java.util.Objects.requireNonNull(a.userId());
    Contact ana = contact(a, T0);
    InboxThread assigned = threadAt(a, ana.id(), Channel.INSTAGRAM_DM, T0).withAssignee(agent, T0);
    InboxThread unassigned = threadAt(a, ana.id(), Channel.SMS, T0);
    Touchpoint fromPost =
        new Touchpoint(
            UUID.randomUUID(),
            a.orgId(),
            ana.id(),
            Channel.INSTAGRAM_DM,
            "spring",
            "ad-7",
            "post-1",
            T0.plusSeconds(10),
            null,
            assigned.id());
    Touchpoint fromAd =
        new Touchpoint(
            UUID.randomUUID(),
            a.orgId(),
            ana.id(),
            Channel.SMS,
            null,
            "ad-2",
            null,
            T0.plusSeconds(20),
            null,
            unassigned.id());
    ExternalTouchpoint adClick = click(a, ana.id(), "facebook_ad", T0.plusSeconds(30), null);
    ExternalTouchpoint visit =
        new ExternalTouchpoint(
            UUID.randomUUID(),
            a.orgId(),
            ana.id(),
            "website",
            null,
            null,
            null,
            new ExternalTouchpoint.Utm("news", "email", null, "banner-3", null),
            null,
            null,
            null,
            null,
            T0.plusSeconds(40),
            T0.plusSeconds(40));
    write(
        a,
        tx -> {
          tx.contacts().insert(ana);
          tx.inbox().insertThread(assigned);
          tx.inbox().insertThread(unassigned);
          tx.inbox().insertTouchpoint(fromPost);
          tx.inbox().insertTouchpoint(fromAd);
          tx.externalTouchpoints().insert(adClick);
          tx.externalTouchpoints().insert(visit);
        });
    Instant since = T0;
    Instant until = T0.plusSeconds(100);
    Touch post = Touch.of("instagram_dm", "spring", T0.plusSeconds(10));
    Touch sms = Touch.of("sms", null, T0.plusSeconds(20));
    Touch ad = Touch.of("facebook_ad", "spring", T0.plusSeconds(30));
    Touch web = Touch.of("website", null, T0.plusSeconds(40));

    assertThat(activity(a, since, until).get(0).touches()).containsExactly(post, sms, ad, web);
    assertThat(activity(a, since, until, JourneyRepository.TouchDetail.CONTENT).get(0).touches())
        .containsExactly(
            post.withContent("post-1"),
            sms.withContent("ad-2"),
            ad.withContent("ad-1"),
            web.withContent("banner-3"));
    assertThat(activity(a, since, until, JourneyRepository.TouchDetail.AGENT).get(0).touches())
        .containsExactly(post.withAgent(agent.toString()), sms, ad, web);
  }

  @Test
  void wonCurrenciesAreTheDistinctCurrenciesOfLeadsWonInTheWindow() {
    Actor a = newOrg();
    List<String> currencies = List.of("USD", "EUR", "USD", "GBP");
    write(
        a,
        tx -> {
          for (int i = 0; i < currencies.size(); i++) {
            Contact c = contact(a, T0);
            tx.contacts().insert(c);
            Lead l = lead(a, c.id(), T0);
            tx.leads().insert(l);
            Instant closed = T0.plusSeconds(i == 3 ? 5_000 : 100 + i);
            tx.leads()
                .update(
                    l.withOutcome(
                        new LeadOutcome(
                            LeadOutcome.Status.WON,
                            BigDecimal.TEN,
                            currencies.get(i),
                            closed,
                            null),
                        "won",
                        closed));
          }
        });
    assertThat(currencies(a, T0, T0.plusSeconds(1_000), 10)).containsExactly("EUR", "USD");
    assertThat(currencies(a, T0, T0.plusSeconds(1_000), 1)).containsExactly("EUR");
  }

  private List<JourneyRepository.FunnelCounts> funnel(
      Actor a, Instant from, Instant until, Set<String> stages, int limit) {
    return store().inTransaction(a, tx -> tx.journeys().funnel(from, until, stages, limit));
  }

  private List<JourneyRepository.ConvertCount> times(
      Actor a, Instant from, Instant until, List<java.time.Duration> bounds, int limit) {
    return store().inTransaction(a, tx -> tx.journeys().timesToConvert(from, until, bounds, limit));
  }

  private static Lead leadAt(
      Actor a,
      UUID contact,
      @Nullable UUID thread,
      @Nullable Channel source,
      String stage,
      Instant at) {
    Lead open = openLead(a, contact, thread, source, at);
    return open.withWork(open.fields(), stage, null, at);
  }

  private static Touchpoint inboxTouch(Actor a, UUID contact, Channel channel, Instant at) {
    return new Touchpoint(
        UUID.randomUUID(), a.orgId(), contact, channel, null, null, null, at, null, null);
  }

  private static InboxThread threadAt(Actor a, UUID contact, Channel channel, Instant at) {
    return new InboxThread(
        UUID.randomUUID(),
        a.orgId(),
        contact,
        channel,
        null,
        "thread-" + UUID.randomUUID(),
        ThreadStatus.OPEN,
        null,
        at,
        null,
        at,
        0,
        at,
        at);
  }

  private static Lead won(Lead l, Instant at) {
    return l.withOutcome(
        new LeadOutcome(LeadOutcome.Status.WON, BigDecimal.TEN, "USD", at, null), "won", at);
  }

  @Test
  void theFunnelCountsEachStepPerChannelInTheRangeAndOnlyInItsOrg() {
    Actor a = newOrg();
    Contact ana = contact(a, T0);
    Contact bo = contact(a, T0);
    Contact cy = contact(a, T0);
    Instant from = T0.plusSeconds(100);
    Instant until = T0.plusSeconds(1_000);
    InboxThread dmThread = threadAt(a, ana.id(), Channel.INSTAGRAM_DM, T0.plusSeconds(150));
    InboxThread oldThread = threadAt(a, bo.id(), Channel.SMS, T0);
    Lead fromThread = leadAt(a, ana.id(), dmThread.id(), null, "qualified", T0.plusSeconds(160));
    Lead fresh = leadAt(a, bo.id(), null, Channel.SMS, "new", T0.plusSeconds(170));
    Lead winner = leadAt(a, cy.id(), null, Channel.INSTAGRAM_DM, "new", T0.plusSeconds(180));
    Lead before = leadAt(a, cy.id(), null, Channel.SMS, "new", T0);
    write(
        a,
        tx -> {
          tx.contacts().insert(ana);
          tx.contacts().insert(bo);
          tx.contacts().insert(cy);
          tx.inbox().insertThread(dmThread);
          tx.inbox().insertThread(oldThread);
          tx.inbox().insertTouchpoint(inboxTouch(a, ana.id(), Channel.INSTAGRAM_DM, from));
          tx.inbox().insertTouchpoint(inboxTouch(a, ana.id(), Channel.SMS, T0.plusSeconds(50)));
          tx.externalTouchpoints()
              .insert(click(a, ana.id(), "facebook_ad", T0.plusSeconds(300), null));
          tx.externalTouchpoints().insert(click(a, null, "google_ad", T0.plusSeconds(400), "k"));
          tx.externalTouchpoints().insert(click(a, null, "google_ad", until, "k"));
          tx.leads().insert(before);
          tx.leads().update(won(before, T0.plusSeconds(10)));
          tx.leads().insert(fromThread);
          tx.leads().insert(fresh);
          tx.leads().insert(winner);
          tx.leads().update(won(winner, T0.plusSeconds(900)));
        });

    List<JourneyRepository.FunnelCounts> funnel =
        funnel(a, from, until, Set.of("qualified", "appointment"), 10);

    assertThat(funnel)
        .containsExactly(
            new JourneyRepository.FunnelCounts("facebook_ad", 1, 0, 0, 0, 0),
            new JourneyRepository.FunnelCounts("google_ad", 1, 0, 0, 0, 0),
            new JourneyRepository.FunnelCounts("instagram_dm", 1, 1, 2, 2, 1),
            new JourneyRepository.FunnelCounts("sms", 0, 0, 1, 0, 0));
    assertThat(funnel(a, from, until, Set.of(), 2))
        .extracting(JourneyRepository.FunnelCounts::channel)
        .containsExactly("facebook_ad", "google_ad");
    assertThat(funnel(newOrg(), from, until, Set.of("qualified"), 10)).isEmpty();
  }

  @Test
  void timesToConvertCountWonLeadsByTheirFirstTouchsChannelAndBucket() {
    Actor a = newOrg();
    Contact ana = contact(a, T0);
    Contact bo = contact(a, T0);
    Contact cy = contact(a, T0);
    Contact dee = contact(a, T0);
    Instant from = T0.plusSeconds(1_000);
    Instant until = T0.plus(java.time.Duration.ofDays(100));
    Lead anas = leadAt(a, ana.id(), null, Channel.SMS, "new", T0.plusSeconds(20));
    Lead bos = leadAt(a, bo.id(), null, Channel.SMS, "new", T0.plusSeconds(20));
    Lead cys = leadAt(a, cy.id(), null, Channel.SMS, "new", T0);
    Lead early = leadAt(a, dee.id(), null, Channel.SMS, "new", T0);
    Lead lost = leadAt(a, dee.id(), null, Channel.SMS, "new", T0.plusSeconds(600));
    write(
        a,
        tx -> {
          for (Contact c : List.of(ana, bo, cy, dee)) {
            tx.contacts().insert(c);
          }
          tx.inbox().insertTouchpoint(inboxTouch(a, ana.id(), Channel.INSTAGRAM_DM, T0));
          tx.externalTouchpoints().insert(click(a, ana.id(), "facebook_ad", T0, null));
          tx.externalTouchpoints()
              .insert(click(a, bo.id(), "facebook_ad", T0.plusSeconds(5), null));
          tx.inbox()
              .insertTouchpoint(
                  inboxTouch(a, cy.id(), Channel.WHATSAPP, T0.plus(java.time.Duration.ofDays(41))));
          tx.leads().insert(anas);
          tx.leads().update(won(anas, T0.plus(java.time.Duration.ofDays(2))));
          tx.leads().insert(bos);
          tx.leads().update(won(bos, T0.plusSeconds(5_000)));
          tx.leads().insert(cys);
          tx.leads().update(won(cys, T0.plus(java.time.Duration.ofDays(40))));
          tx.leads().insert(early);
          tx.leads().update(won(early, T0.plusSeconds(500)));
          tx.leads().insert(lost);
          tx.leads()
              .update(
                  lost.withOutcome(
                      new LeadOutcome(
                          LeadOutcome.Status.LOST, null, null, T0.plusSeconds(5_000), "price"),
                      "lost",
                      T0.plusSeconds(5_000)));
        });
    List<java.time.Duration> bounds =
        List.of(
            java.time.Duration.ofHours(1),
            java.time.Duration.ofDays(1),
            java.time.Duration.ofDays(7),
            java.time.Duration.ofDays(30),
            java.time.Duration.ofDays(90));

    List<JourneyRepository.ConvertCount> counts = times(a, from, until, bounds, 10);

    assertThat(counts)
        .containsExactly(
            new JourneyRepository.ConvertCount("facebook_ad", 1, 1),
            new JourneyRepository.ConvertCount("instagram_dm", 2, 1),
            new JourneyRepository.ConvertCount("sms", 4, 1));
    assertThat(times(a, from, until, bounds, 1)).hasSize(1);
    assertThat(times(newOrg(), from, until, bounds, 10)).isEmpty();
  }
}
