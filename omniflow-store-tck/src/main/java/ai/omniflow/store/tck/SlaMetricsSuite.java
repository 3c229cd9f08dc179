package ai.omniflow.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.connector.spi.Channel;
import ai.omniflow.leads.Lead;
import ai.omniflow.leads.LeadOutcome;
import ai.omniflow.sla.FirstResponse;
import ai.omniflow.sla.SpeedToLeadQuery.GroupBy;
import ai.omniflow.sla.SpeedToLeadReport.Group;
import ai.omniflow.sla.WinRateReport;
import ai.omniflow.tenancy.Actor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The SLA metrics repository: one first response per thread, read back equal and only in its org,
 * and speed-to-lead figures (counts, continuous percentiles, groups in a fixed order, the thread's
 * first lead for source and campaign) that both stores compute alike. Not API: {@link
 * StoreCompatibilityKit} runs it as a nested suite.
 */
abstract class SlaMetricsSuite extends StoreSuite {
  private static final Instant FROM = T0.minusSeconds(60);
  private static final Instant TO = T0.plus(Duration.ofDays(1));
  private static final Instant NOW = T0.plus(Duration.ofHours(2));

  private UUID thread(Actor a, Channel channel) {
    UUID contactId = newContact(a, T0).id();
    UUID id = UUID.randomUUID();
    write(a, tx -> tx.inbox().insertThread(openThread(a, id, contactId, channel, "dm:" + id, T0)));
    return id;
  }

  private UUID agent(Actor a) {
    UUID id = UUID.randomUUID();
    write(a, tx -> tx.users().insert(user(id)));
    return id;
  }

  private static FirstResponse answered(
      UUID thread,
      Channel channel,
      @Nullable UUID agent,
      Duration counted,
      Duration wall,
      boolean late) {
    return new FirstResponse(
        thread,
        channel.id(),
        agent,
        T0,
        T0.plus(Duration.ofMinutes(30)),
        T0.plus(wall),
        counted,
        false,
        late);
  }

  private static FirstResponse unanswered(UUID thread, Instant started, Instant due) {
    return new FirstResponse(
        thread, Channel.INSTAGRAM_DM.id(), null, started, due, null, null, false, false);
  }

  private void lead(Actor a, UUID thread, Channel source, String campaign, Instant at) {
    lead(a, thread, UUID.randomUUID(), source, campaign, at);
  }

  private Lead lead(Actor a, UUID thread, UUID id, Channel source, String campaign, Instant at) {
    return newLead(
        a,
        at,
        c ->
            new Lead(
                id, a.orgId(), c.id(), thread, source, campaign, null, "new", null, Map.of(), null,
                null, null, at, at));
  }

  private List<WinRateReport.Bucket> winRate(Actor a) {
    return store().inTransaction(a, tx -> tx.slaMetrics().winRateByFirstResponse(FROM, TO));
  }

  private void closedLead(Actor a, UUID thread, LeadOutcome.@Nullable Status status, Instant at) {
    LeadOutcome outcome =
        status == null
            ? null
            : status == LeadOutcome.Status.WON
                ? new LeadOutcome(status, new java.math.BigDecimal("100.00"), "USD", at, null)
                : new LeadOutcome(status, null, null, at, null);
    newLead(
        a,
        at,
        c ->
            new Lead(
                UUID.randomUUID(),
                a.orgId(),
                c.id(),
                thread,
                Channel.INSTAGRAM_DM,
                null,
                null,
                status == null ? "new" : status.wireName(),
                null,
                Map.of(),
                null,
                null,
                outcome,
                at,
                at,
                null));
  }

  private Optional<FirstResponse> find(Actor a, UUID thread) {
    return store().inTransaction(a, tx -> tx.slaMetrics().find(thread));
  }

  private List<Group> figures(Actor a, @Nullable GroupBy by) {
    return store().inTransaction(a, tx -> tx.slaMetrics().speedToLead(FROM, TO, by, NOW, 501));
  }

  /** Five clocks in the range and one before it; see each line. */
  private Actor org() {
    Actor a = newOrg();
    UUID u1 = agent(a);
    UUID u2 = agent(a);
    UUID ta = thread(a, Channel.INSTAGRAM_DM);
    UUID tb = thread(a, Channel.INSTAGRAM_DM);
    UUID tc = thread(a, Channel.SMS);
    UUID td = thread(a, Channel.INSTAGRAM_DM);
    UUID te = thread(a, Channel.INSTAGRAM_DM);
    UUID tf = thread(a, Channel.INSTAGRAM_DM);
    write(
        a,
        tx -> {
          var m = tx.slaMetrics();
          // Met: 1 min counted, 10 min wall.
          m.save(
              answered(
                  ta,
                  Channel.INSTAGRAM_DM,
                  u1,
                  Duration.ofMinutes(1),
                  Duration.ofMinutes(10),
                  false));
          // Late: 4 min counted, 50 min wall.
          m.save(
              answered(
                  tb,
                  Channel.INSTAGRAM_DM,
                  u2,
                  Duration.ofMinutes(4),
                  Duration.ofMinutes(50),
                  true));
          // Met: 2 min counted, 20 min wall.
          m.save(
              answered(tc, Channel.SMS, u1, Duration.ofMinutes(2), Duration.ofMinutes(20), false));
          // Unanswered and past due at NOW: breached.
          m.save(unanswered(td, T0, T0.plus(Duration.ofHours(1))));
          // Unanswered, due after NOW: undecided.
          m.save(unanswered(te, T0, T0.plus(Duration.ofHours(5))));
          // Started before the range.
          m.save(unanswered(tf, FROM.minusSeconds(1), T0));
        });
    lead(a, ta, Channel.SMS, "spring", T0);
    lead(a, tb, Channel.FACEBOOK_DM, "autumn", T0);
    lead(a, tb, Channel.SMS, "spring", T0.plusSeconds(1));
    return a;
  }

  @Test
  void aFirstResponseReadsBackAsSavedIsReplacedAndStaysInItsOrg() {
    Actor a = newOrg();
    Actor b = newOrg();
    UUID t = thread(a, Channel.INSTAGRAM_DM);
    FirstResponse open = unanswered(t, T0, T0.plusSeconds(3600));
    write(a, tx -> tx.slaMetrics().save(open));
    assertThat(find(a, t)).contains(open);
    FirstResponse done =
        answered(
            t,
            Channel.INSTAGRAM_DM,
            a.userId(),
            Duration.ofNanos(61_000_000_123L),
            Duration.ofMinutes(3),
            false);
    write(a, tx -> tx.slaMetrics().save(done));
    Optional<FirstResponse> back = find(a, t);
    assertThat(back).contains(done);
    assertThat(find(b, t)).isEmpty();
    assertThat(figures(b, null)).isEmpty();
  }

  @Test
  void theTotalCountsMetBreachedAndUnansweredAndInterpolatesPercentiles() {
    Actor a = org();
    assertThat(figures(a, null))
        .containsExactly(
            new Group(
                null,
                5,
                3,
                2,
                2,
                Duration.ofMinutes(2),
                Duration.ofSeconds(216),
                Duration.ofMinutes(20),
                Duration.ofMinutes(44)));
  }

  @Test
  void groupsComeMostClocksFirstWithNoKeyLastAndNullFiguresWithoutAReply() {
    Actor a = org();
    assertThat(figures(a, GroupBy.CHANNEL))
        .containsExactly(
            new Group(
                "instagram_dm",
                4,
                2,
                1,
                2,
                Duration.ofSeconds(150),
                Duration.ofSeconds(222),
                Duration.ofMinutes(30),
                Duration.ofMinutes(46)),
            new Group(
                "sms",
                1,
                1,
                1,
                0,
                Duration.ofMinutes(2),
                Duration.ofMinutes(2),
                Duration.ofMinutes(20),
                Duration.ofMinutes(20)));
    List<Group> agents = figures(a, GroupBy.AGENT);
    assertThat(agents).extracting(Group::clocks).containsExactly(2L, 2L, 1L);
    assertThat(agents.get(1).key()).isNull();
    assertThat(agents.get(1).p50Business()).isNull();
    assertThat(agents.get(1).shareMet()).isEqualTo(0.0);
    assertThat(agents.get(0).key()).isNotNull();
  }

  @Test
  void sourceAndCampaignAreThoseOfTheThreadsFirstLead() {
    Actor a = org();
    assertThat(figures(a, GroupBy.CAMPAIGN))
        .extracting(Group::key, Group::clocks)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(null, 3L),
            org.assertj.core.groups.Tuple.tuple("autumn", 1L),
            org.assertj.core.groups.Tuple.tuple("spring", 1L));
    assertThat(figures(a, GroupBy.SOURCE))
        .extracting(Group::key, Group::clocks)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(null, 3L),
            org.assertj.core.groups.Tuple.tuple("facebook_dm", 1L),
            org.assertj.core.groups.Tuple.tuple("sms", 1L));
    List<Group> one =
        store()
            .inTransaction(
                a, tx -> tx.slaMetrics().speedToLead(FROM, TO, GroupBy.CAMPAIGN, NOW, 1));
    assertThat(one).extracting(Group::key).containsExactly((String) null);
  }

  @Test
  void aFirstResponseRollsBackWithTheTransaction() {
    Actor a = newOrg();
    UUID t = thread(a, Channel.SMS);
    assertThatThrownBy(
            () ->
                write(
                    a,
                    tx -> {
                      tx.slaMetrics().save(unanswered(t, T0, T0.plusSeconds(60)));
                      throw new Boom();
                    }))
        .isInstanceOf(Boom.class);
    assertThat(find(a, t)).isEmpty();
  }

  @Test
  void winRateCountsEachThreadsFirstLeadInTheBucketOfItsWaitForTheReply() {
    Actor a = newOrg();
    UUID justUnder = thread(a, Channel.INSTAGRAM_DM);
    UUID five = thread(a, Channel.INSTAGRAM_DM);
    UUID underTwoHours = thread(a, Channel.INSTAGRAM_DM);
    UUID twoHours = thread(a, Channel.INSTAGRAM_DM);
    UUID unanswered = thread(a, Channel.INSTAGRAM_DM);
    UUID noLead = thread(a, Channel.INSTAGRAM_DM);
    UUID before = thread(a, Channel.INSTAGRAM_DM);
    Duration one = Duration.ofMinutes(1);
    write(
        a,
        tx -> {
          var m = tx.slaMetrics();
          m.save(
              answered(justUnder, Channel.INSTAGRAM_DM, null, one, Duration.ofSeconds(299), false));
          m.save(answered(five, Channel.INSTAGRAM_DM, null, one, Duration.ofMinutes(5), false));
          m.save(
              answered(
                  underTwoHours, Channel.INSTAGRAM_DM, null, one, Duration.ofMinutes(119), true));
          m.save(answered(twoHours, Channel.INSTAGRAM_DM, null, one, Duration.ofHours(2), true));
          m.save(unanswered(unanswered, T0, T0.plus(Duration.ofHours(1))));
          m.save(answered(noLead, Channel.INSTAGRAM_DM, null, one, one, false));
          m.save(
              new FirstResponse(
                  before,
                  "instagram_dm",
                  null,
                  FROM.minusSeconds(1),
                  null,
                  FROM,
                  one,
                  false,
                  false));
        });
    closedLead(a, justUnder, LeadOutcome.Status.WON, T0);
    // A later lead of the same thread does not count: the first one does.
    closedLead(a, justUnder, LeadOutcome.Status.LOST, T0.plusSeconds(1));
    closedLead(a, five, LeadOutcome.Status.LOST, T0);
    closedLead(a, underTwoHours, LeadOutcome.Status.WON, T0);
    closedLead(a, twoHours, null, T0);
    closedLead(a, unanswered, LeadOutcome.Status.LOST, T0);
    closedLead(a, before, LeadOutcome.Status.WON, T0);

    List<WinRateReport.Bucket> buckets =
        store().inTransaction(a, tx -> tx.slaMetrics().winRateByFirstResponse(FROM, TO));
    assertThat(buckets)
        .extracting(
            WinRateReport.Bucket::label,
            WinRateReport.Bucket::won,
            WinRateReport.Bucket::lost,
            WinRateReport.Bucket::open)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("under_5m", 1L, 0L, 0L),
            org.assertj.core.groups.Tuple.tuple("5m_to_30m", 0L, 1L, 0L),
            org.assertj.core.groups.Tuple.tuple("30m_to_2h", 1L, 0L, 0L),
            org.assertj.core.groups.Tuple.tuple("over_2h", 0L, 0L, 1L),
            org.assertj.core.groups.Tuple.tuple("no_reply", 0L, 1L, 0L));
    assertThat(buckets)
        .extracting(WinRateReport.Bucket::winRate)
        .containsExactly(1.0, 0.0, 1.0, null, 0.0);

    Actor b = newOrg();
    List<WinRateReport.Bucket> none =
        store().inTransaction(b, tx -> tx.slaMetrics().winRateByFirstResponse(FROM, TO));
    assertThat(none).hasSize(5).allMatch(bucket -> bucket.leads() == 0);
  }

  @Test
  void aLeadMadeBeforeItsThreadsFirstResponseIsTheLeadTheFiguresRead() {
    Actor a = newOrg();
    UUID t = thread(a, Channel.INSTAGRAM_DM);
    lead(a, t, Channel.SMS, "spring", T0);
    write(a, tx -> tx.slaMetrics().save(unanswered(t, T0, T0.plus(Duration.ofHours(1)))));
    // The answer replaces the row; the lead stays with it.
    write(
        a,
        tx ->
            tx.slaMetrics()
                .save(
                    answered(
                        t,
                        Channel.INSTAGRAM_DM,
                        null,
                        Duration.ofMinutes(1),
                        Duration.ofMinutes(3),
                        false)));
    assertThat(figures(a, GroupBy.CAMPAIGN)).extracting(Group::key).containsExactly("spring");
    assertThat(figures(a, GroupBy.SOURCE)).extracting(Group::key).containsExactly("sms");
    assertThat(winRate(a))
        .extracting(WinRateReport.Bucket::label, WinRateReport.Bucket::open)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("under_5m", 1L),
            org.assertj.core.groups.Tuple.tuple("5m_to_30m", 0L),
            org.assertj.core.groups.Tuple.tuple("30m_to_2h", 0L),
            org.assertj.core.groups.Tuple.tuple("over_2h", 0L),
            org.assertj.core.groups.Tuple.tuple("no_reply", 0L));
  }

  @Test
  void anOutcomeRecordedLaterOnTheFirstLeadCountsAndOneOnALaterLeadDoesNot() {
    Actor a = newOrg();
    UUID t = thread(a, Channel.INSTAGRAM_DM);
    write(
        a,
        tx ->
            tx.slaMetrics()
                .save(
                    answered(
                        t,
                        Channel.INSTAGRAM_DM,
                        null,
                        Duration.ofMinutes(1),
                        Duration.ofMinutes(10),
                        false)));
    Lead first = lead(a, t, UUID.randomUUID(), Channel.SMS, "spring", T0);
    Lead later = lead(a, t, UUID.randomUUID(), Channel.SMS, "spring", T0.plusSeconds(1));
    Instant closed = T0.plusSeconds(60);
    write(
        a,
        tx ->
            tx.leads()
                .update(
                    later.withOutcome(
                        new LeadOutcome(
                            LeadOutcome.Status.WON,
                            new java.math.BigDecimal("100.00"),
                            "USD",
                            closed,
                            null),
                        "won",
                        closed)));
    assertThat(winRate(a).get(1))
        .extracting(
            WinRateReport.Bucket::won, WinRateReport.Bucket::lost, WinRateReport.Bucket::open)
        .containsExactly(0L, 0L, 1L);
    write(
        a,
        tx ->
            tx.leads()
                .update(
                    first.withOutcome(
                        new LeadOutcome(LeadOutcome.Status.LOST, null, null, closed, null),
                        "lost",
                        closed)));
    assertThat(winRate(a).get(1))
        .extracting(
            WinRateReport.Bucket::won, WinRateReport.Bucket::lost, WinRateReport.Bucket::open)
        .containsExactly(0L, 1L, 0L);
  }

  @Test
  void anOlderLeadMadeLaterBecomesTheFirstLeadAndLeadsOfOneInstantGoByTheirIds() {
    Actor a = newOrg();
    UUID t = thread(a, Channel.INSTAGRAM_DM);
    UUID u = thread(a, Channel.INSTAGRAM_DM);
    write(
        a,
        tx -> {
          tx.slaMetrics().save(unanswered(t, T0, T0.plus(Duration.ofHours(1))));
          tx.slaMetrics().save(unanswered(u, T0, T0.plus(Duration.ofHours(1))));
        });
    lead(a, t, Channel.SMS, "later", T0.plusSeconds(10));
    lead(a, t, Channel.FACEBOOK_DM, "earlier", T0);
    UUID random = UUID.randomUUID();
    UUID low =
        new UUID(
            random.getMostSignificantBits() & 0x0fffffffffffffffL,
            random.getLeastSignificantBits());
    UUID high =
        new UUID(
            random.getMostSignificantBits() | 0xf000000000000000L,
            random.getLeastSignificantBits());
    lead(a, u, high, Channel.SMS, "high", T0);
    lead(a, u, low, Channel.SMS, "low", T0);
    assertThat(figures(a, GroupBy.CAMPAIGN))
        .extracting(Group::key, Group::clocks)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("earlier", 1L),
            org.assertj.core.groups.Tuple.tuple("low", 1L));
    assertThat(figures(a, GroupBy.SOURCE))
        .extracting(Group::key, Group::clocks)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("facebook_dm", 1L),
            org.assertj.core.groups.Tuple.tuple("sms", 1L));
  }
}
