package ai.omniflow.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.contacts.Contact;
import ai.omniflow.inbox.Touchpoint;
import ai.omniflow.leads.Lead;
import ai.omniflow.leads.LeadOutcome;
import ai.omniflow.store.InMemoryStore;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import ai.omniflow.tenancy.User;
import ai.omniflow.testing.MutableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The attribution service over the in-memory store; {@code omniflow-jdbc} runs the same tests over
 * PostgreSQL by overriding {@link #newStore()}.
 */
@DisplayName("The attribution service over stored journeys")
public class AttributionServiceTest {
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
  Store store;
  OmniFlow omniFlow;
  AttributionService attribution;
  Actor owner;

  /** The store the tests run over: in memory here. */
  protected Store newStore() {
    return new InMemoryStore();
  }

  @BeforeEach
  void setUp() {
    store = newStore();
    omniFlow = OmniFlow.builder().store(store).clock(clock).build();
    attribution = omniFlow.attribution();
    UUID org = UUID.randomUUID();
    User u = new User(UUID.randomUUID(), org + "@example.test", "Owner", clock.instant());
    omniFlow.tenancy().createOrg(org, "Org", u);
    owner = Actor.of(org, u.id(), Role.OWNER);
  }

  Actor member(Role role) {
    User u = new User(UUID.randomUUID(), UUID.randomUUID() + "@example.test", "M", clock.instant());
    omniFlow.tenancy().addMember(owner, u, role);
    return Actor.of(owner.orgId(), u.id(), role);
  }

  Instant daysAgo(int days) {
    return clock.instant().minus(Duration.ofDays(days));
  }

  UUID contact() {
    UUID id = UUID.randomUUID();
    store.useTransaction(
        owner,
        tx ->
            tx.contacts()
                .insert(new Contact(id, owner.orgId(), "Ana", daysAgo(200), daysAgo(200), null)));
    return id;
  }

  void touch(UUID contact, Channel channel, int daysAgo) {
    store.useTransaction(
        owner,
        tx ->
            tx.inbox()
                .insertTouchpoint(
                    new Touchpoint(
                        UUID.randomUUID(),
                        owner.orgId(),
                        contact,
                        channel,
                        null,
                        null,
                        null,
                        daysAgo(daysAgo),
                        null,
                        null)));
  }

  void lead(UUID contact, int createdDaysAgo, LeadOutcome outcome) {
    Lead l =
        new Lead(
            UUID.randomUUID(),
            owner.orgId(),
            contact,
            null,
            Channel.SMS,
            null,
            null,
            "new",
            null,
            Map.of(),
            null,
            null,
            null,
            daysAgo(createdDaysAgo),
            daysAgo(createdDaysAgo));
    store.useTransaction(
        owner,
        tx -> {
          tx.leads().insert(l);
          tx.leads()
              .update(l.withOutcome(outcome, outcome.status().wireName(), outcome.closedAt()));
        });
  }

  LeadOutcome won(String amount, String currency, int daysAgo) {
    return new LeadOutcome(
        LeadOutcome.Status.WON, new BigDecimal(amount), currency, daysAgo(daysAgo), null);
  }

  ReportQuery last(int days, String... models) {
    return new ReportQuery(
        daysAgo(days),
        clock.instant(),
        AttributionLevel.CHANNEL,
        java.util.Arrays.stream(models).map(AttributionModel::parse).toList(),
        null,
        Duration.ofDays(30));
  }

  static AttributionReport.Row row(AttributionReport.ModelCredits m, String channel) {
    return m.rows().stream().filter(r -> r.channel().equals(channel)).findFirst().orElseThrow();
  }

  @Test
  @DisplayName(
      "a closed lead's journey takes the touches after the previous close within its lookback")
  void journeysAreCutAtClosesAndLookback() {
    UUID c = contact();
    touch(c, Channel.SMS, 100);
    touch(c, Channel.WHATSAPP, 50);
    touch(c, Channel.INSTAGRAM_DM, 20);
    touch(c, Channel.FACEBOOK_DM, 15);
    lead(c, 60, new LeadOutcome(LeadOutcome.Status.LOST, null, null, daysAgo(40), "price"));
    lead(c, 18, won("200.00", "USD", 10));
    AttributionReport r = attribution.report(owner, last(60, "first_touch", "linear"));
    assertThat(r.journeys()).isEqualTo(2);
    assertThat(r.currency()).isEqualTo("USD");
    AttributionReport.ModelCredits first = r.models().get(0);
    assertThat(first.revenue()).isEqualByComparingTo("200.00");
    assertThat(row(first, "instagram_dm").revenue()).isEqualByComparingTo("200.00");
    assertThat(first.rows()).noneMatch(x -> x.channel().equals("sms"));
    AttributionReport.ModelCredits linear = r.models().get(1);
    assertThat(row(linear, "facebook_dm").revenue()).isEqualByComparingTo("100.00");
    assertThat(row(linear, "whatsapp").revenue()).isEqualByComparingTo("0.00");
    assertThat(row(linear, "facebook_dm").revenueShare()).isEqualByComparingTo("50.00");
  }

  @Test
  @DisplayName("won leads without touches or in another currency are counted, never credited")
  void untouchedAndOtherCurrencies() {
    UUID a = contact();
    touch(a, Channel.SMS, 5);
    lead(a, 6, won("100", "USD", 2));
    lead(contact(), 6, won("70", "USD", 2));
    UUID e = contact();
    touch(e, Channel.SMS, 5);
    lead(e, 6, won("90", "EUR", 2));
    assertThatThrownBy(() -> attribution.report(owner, last(30, "linear")))
        .isInstanceOfSatisfying(
            OmniFlowException.class,
            x -> assertThat(x.code()).isEqualTo(AttributionErrors.MIXED_CURRENCIES));
    AttributionReport r = attribution.report(owner, last(30, "linear").withCurrency("usd"));
    assertThat(r.untouched()).isEqualTo(1);
    assertThat(r.otherCurrency()).isEqualTo(1);
    assertThat(r.models().get(0).revenue()).isEqualByComparingTo("100.00");
  }

  @Test
  @DisplayName("an anonymous click is linked when a later click carries its key and a known e-mail")
  void anonymousClicksAreLinked() {
    UUID c = contact();
    store.useTransaction(
        owner,
        tx ->
            tx.contacts()
                .insertIdentity(
                    new ai.omniflow.contacts.Identity(
                        UUID.randomUUID(),
                        owner.orgId(),
                        c,
                        ai.omniflow.contacts.IdentityKind.EMAIL,
                        "ana@example.com",
                        "ana@example.com",
                        daysAgo(1),
                        daysAgo(1))));
    ExternalTouchpoint anonymous =
        attribution.recordTouchpoint(
            owner,
            TouchpointInput.click(
                    new ExternalTouchpoint.ClickId(ExternalTouchpoint.ClickIdKind.FBCLID, "IwAR"))
                .withAnonymousKey("cookie")
                .at(daysAgo(3)));
    assertThat(anonymous.contactId()).isNull();
    assertThat(anonymous.channel()).isEqualTo("facebook_ad");
    ExternalTouchpoint known =
        attribution.recordTouchpoint(
            owner,
            TouchpointInput.visit("Website")
                .withAnonymousKey("cookie")
                .withEmail("ANA@example.com"));
    assertThat(known.contactId()).isEqualTo(c);
    assertThat(known.channel()).isEqualTo("website");
    java.util.Optional<ExternalTouchpoint> linked =
        store.inTransaction(owner, tx -> tx.externalTouchpoints().find(anonymous.id()));
    assertThat(linked.orElseThrow().contactId()).isEqualTo(c);
  }

  @Test
  @DisplayName("spend re-posted replaces; the same amount again changes nothing; ROAS follows it")
  void spendReplacesAndFeedsRoas() {
    UUID c = contact();
    touch(c, Channel.LEAD_FORM, 3);
    lead(c, 4, won("300", "USD", 1));
    LocalDate day = LocalDate.ofInstant(daysAgo(3), ZoneOffset.UTC);
    attribution.recordSpend(owner, day, "lead_form", null, new BigDecimal("100"), "USD");
    Spend again =
        attribution.recordSpend(owner, day, "lead_form", null, new BigDecimal("150.0"), "USD");
    assertThat(again.amount()).isEqualByComparingTo("150.00");
    Instant recorded = again.recordedAt();
    clock.advance(Duration.ofMinutes(1));
    Spend same =
        attribution.recordSpend(owner, day, "lead_form", " ", new BigDecimal("150"), "USD");
    assertThat(same.recordedAt()).isEqualTo(recorded);
    attribution.recordSpend(owner, day, "google_ad", null, new BigDecimal("50"), "USD");
    AttributionReport.ModelCredits m =
        attribution.report(owner, last(10, "last_touch")).models().get(0);
    assertThat(m.spend()).isEqualByComparingTo("200.00");
    AttributionReport.Row form = row(m, "lead_form");
    assertThat(form.spend()).isEqualByComparingTo("150.00");
    assertThat(form.roas()).isEqualByComparingTo("2.0000");
    assertThat(form.roi()).isEqualByComparingTo("1.0000");
    AttributionReport.Row google = row(m, "google_ad");
    assertThat(google.revenue()).isEqualByComparingTo("0");
    assertThat(google.roi()).isEqualByComparingTo("-1.0000");
  }

  @Test
  @DisplayName(
      "grouped by content or agent, credit goes to each post or ad and to each thread's agent,"
          + " and spend only to the model's total")
  void contentAndAgentLevels() {
    UUID c = contact();
    UUID agent = java.util.Objects.requireNonNull(owner.userId());
    ai.omniflow.inbox.InboxThread thread =
        new ai.omniflow.inbox.InboxThread(
                UUID.randomUUID(),
                owner.orgId(),
                c,
                Channel.INSTAGRAM_DM,
                null,
                "t-1",
                ai.omniflow.inbox.ThreadStatus.OPEN,
                null,
                daysAgo(5),
                null,
                daysAgo(5),
                0,
                daysAgo(5),
                daysAgo(5))
            .withAssignee(agent, daysAgo(5));
    store.useTransaction(
        owner,
        tx -> {
          tx.inbox().insertThread(thread);
          tx.inbox()
              .insertTouchpoint(
                  new Touchpoint(
                      UUID.randomUUID(),
                      owner.orgId(),
                      c,
                      Channel.INSTAGRAM_DM,
                      "spring",
                      "ad-1",
                      "post-1",
                      daysAgo(4),
                      null,
                      thread.id()));
        });
    attribution.recordTouchpoint(
        owner,
        TouchpointInput.visit("website")
            .withContact(c)
            .withUtm(new ExternalTouchpoint.Utm("news", "email", null, "banner-3", null))
            .at(daysAgo(3)));
    lead(c, 6, won("300", "USD", 2));
    LocalDate day = LocalDate.ofInstant(daysAgo(4), ZoneOffset.UTC);
    attribution.recordSpend(owner, day, "instagram_dm", null, new BigDecimal("100"), "USD");

    AttributionReport content =
        attribution.report(owner, last(10, "linear").withLevel(AttributionLevel.CONTENT));
    assertThat(content.level()).isEqualTo(AttributionLevel.CONTENT);
    AttributionReport.ModelCredits m = content.models().get(0);
    assertThat(m.spend()).isEqualByComparingTo("100.00");
    assertThat(m.rows())
        .extracting(
            AttributionReport.Row::channel,
            AttributionReport.Row::content,
            AttributionReport.Row::agent,
            AttributionReport.Row::spend)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("instagram_dm", "post-1", null, null),
            org.assertj.core.groups.Tuple.tuple("website", "banner-3", null, null));
    assertThat(row(m, "website").revenue()).isEqualByComparingTo("150.00");

    AttributionReport.ModelCredits byAgent =
        attribution
            .report(owner, last(10, "first_touch").withLevel(AttributionLevel.AGENT))
            .models()
            .get(0);
    assertThat(byAgent.rows())
        .extracting(AttributionReport.Row::channel, AttributionReport.Row::agent)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("instagram_dm", agent.toString()),
            org.assertj.core.groups.Tuple.tuple("website", null));
    assertThat(byAgent.rows().get(0).revenue()).isEqualByComparingTo("300.00");
    assertThat(byAgent.rows().get(0).content()).isNull();
  }

  @Test
  @DisplayName("a viewer reads reports but records neither touchpoints nor spend")
  void permissions() {
    Actor viewer = member(Role.VIEWER);
    assertThat(attribution.report(viewer, last(10, "linear")).journeys()).isZero();
    assertThatThrownBy(() -> attribution.recordTouchpoint(viewer, TouchpointInput.visit("website")))
        .isInstanceOfSatisfying(
            OmniFlowException.class,
            e -> assertThat(e.kind()).isEqualTo(OmniFlowException.Kind.FORBIDDEN));
    assertThatThrownBy(
            () ->
                attribution.recordSpend(
                    viewer,
                    LocalDate.ofInstant(daysAgo(1), ZoneOffset.UTC),
                    "x",
                    null,
                    BigDecimal.ONE,
                    "USD"))
        .isInstanceOf(OmniFlowException.class);
  }

  @Test
  @DisplayName("bad queries name their parameter: range, its length, lookback and models")
  void badQueries() {
    Instant now = clock.instant();
    List<AttributionModel> linear = List.of(AttributionModel.parse("linear"));
    assertCode(
        () -> new ReportQuery(now, now, AttributionLevel.CHANNEL, linear, null, Duration.ofDays(1)),
        "invalid_range");
    assertCode(
        () ->
            new ReportQuery(
                now.minus(Duration.ofDays(400)),
                now,
                AttributionLevel.CHANNEL,
                linear,
                null,
                Duration.ofDays(1)),
        "range_too_long");
    assertCode(
        () ->
            new ReportQuery(daysAgo(1), now, AttributionLevel.CHANNEL, linear, null, Duration.ZERO),
        "invalid_lookback");
    assertCode(
        () ->
            new ReportQuery(
                daysAgo(1), now, AttributionLevel.CHANNEL, List.of(), null, Duration.ofDays(1)),
        "invalid_model");
    assertCode(
        () ->
            new ReportQuery(
                daysAgo(1), now, AttributionLevel.CHANNEL, linear, "DOLLARS", Duration.ofDays(1)),
        "invalid_currency");
  }

  @Test
  @DisplayName(
      "the funnel counts each step per channel with the rate from the step before, and a total;"
          + " without a pack only won leads are qualified")
  void funnelPerChannel() {
    UUID ana = contact();
    UUID bo = contact();
    touch(ana, Channel.INSTAGRAM_DM, 5);
    touch(ana, Channel.INSTAGRAM_DM, 4);
    touch(bo, Channel.SMS, 3);
    touch(bo, Channel.SMS, 40);
    lead(ana, 4, won("100.00", "USD", 1));
    lead(bo, 3, new LeadOutcome(LeadOutcome.Status.LOST, null, null, daysAgo(2), "price"));

    FunnelReport f = attribution.funnel(owner, daysAgo(10), clock.instant());

    assertThat(f.qualifiedStages()).isEmpty();
    assertThat(f.channels())
        .extracting(
            FunnelReport.Row::channel,
            FunnelReport.Row::engagements,
            FunnelReport.Row::leads,
            FunnelReport.Row::qualified,
            FunnelReport.Row::won)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("instagram_dm", 2L, 0L, 0L, 0L),
            org.assertj.core.groups.Tuple.tuple("sms", 1L, 2L, 1L, 1L));
    FunnelReport.Row sms = f.channels().get(1);
    assertThat(sms.threadRate()).isEqualByComparingTo("0");
    assertThat(sms.leadRate()).isNull();
    assertThat(sms.qualifiedRate()).isEqualByComparingTo("50.00");
    assertThat(sms.wonRate()).isEqualByComparingTo("100.00");
    assertThat(sms.leadToWonRate()).isEqualByComparingTo("50.00");
    assertThat(f.total().engagements()).isEqualTo(3);
    assertThat(f.total().leads()).isEqualTo(2);
    assertThat(f.truncated()).isFalse();
    assertCode(() -> attribution.funnel(owner, clock.instant(), daysAgo(1)), "invalid_range");
    assertCode(() -> attribution.funnel(owner, daysAgo(400), clock.instant()), "range_too_long");
  }

  @Test
  @DisplayName(
      "time to convert counts the leads won in the range by their first touch's channel and"
          + " bucket, and in all")
  void timeToConvertPerChannel() {
    UUID ana = contact();
    UUID bo = contact();
    UUID cy = contact();
    touch(ana, Channel.INSTAGRAM_DM, 20);
    touch(ana, Channel.SMS, 10);
    touch(bo, Channel.WHATSAPP, 3);
    lead(ana, 10, won("100.00", "USD", 2));
    lead(bo, 3, won("50.00", "USD", 1));
    lead(cy, 100, won("10.00", "USD", 60));

    TimeToConvertReport t = attribution.timeToConvert(owner, daysAgo(30), clock.instant());

    assertThat(t.buckets())
        .extracting(TimeToConvertReport.Bucket::label)
        .containsExactly("under_1h", "1h_1d", "1d_7d", "7d_30d", "30d_90d", "over_90d");
    assertThat(t.channels())
        .containsExactly(
            new TimeToConvertReport.Group("instagram_dm", 1, List.of(0L, 0L, 0L, 1L, 0L, 0L)),
            new TimeToConvertReport.Group("whatsapp", 1, List.of(0L, 0L, 1L, 0L, 0L, 0L)));
    assertThat(t.total())
        .isEqualTo(new TimeToConvertReport.Group("all", 2, List.of(0L, 0L, 1L, 1L, 0L, 0L)));
    assertThat(attribution.timeToConvert(owner, daysAgo(100), clock.instant()).total().counts())
        .containsExactly(0L, 0L, 1L, 1L, 1L, 0L);
    assertCode(
        () -> attribution.timeToConvert(owner, clock.instant(), clock.instant()), "invalid_range");
  }

  static void assertCode(Runnable r, String code) {
    assertThatThrownBy(r::run)
        .isInstanceOfSatisfying(
            OmniFlowException.class,
            e -> {
              assertThat(e.code()).isEqualTo(code);
              assertThat(e.kind()).isEqualTo(OmniFlowException.Kind.BAD_REQUEST);
            });
  }
}
