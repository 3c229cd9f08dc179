package ai.omniflow.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.connector.spi.InboundEvent;
import ai.omniflow.connector.spi.Referral;
import ai.omniflow.connector.spi.Sender;
import ai.omniflow.inbox.InboxThread;
import ai.omniflow.internal.SlaClocksWithin;
import ai.omniflow.sla.internal.ClockKeeping;
import ai.omniflow.store.InMemoryStore;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import ai.omniflow.tenancy.User;
import ai.omniflow.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Speed to lead")
class SpeedToLeadTest {
  private static final Instant T0 = Instant.parse("2026-03-06T21:30:00Z");
  private final MutableClock clock = new MutableClock(T0);
  private final InMemoryStore store = new InMemoryStore();
  private final OmniFlow omniFlow = OmniFlow.builder().store(store).clock(clock).build();
  private final Actor owner;

  SpeedToLeadTest() {
    UUID org = UUID.randomUUID();
    User u = new User(UUID.randomUUID(), org + "@example.test", "Owner", Instant.EPOCH);
    omniFlow.tenancy().createOrg(org, "Org", u);
    owner = Actor.of(org, u.id(), Role.OWNER);
  }

  private UUID ingest(String key, Instant at) {
    return omniFlow
        .inbox()
        .ingest(
            Actor.system(owner.orgId()),
            null,
            new InboundEvent.Message(
                key,
                "page-1",
                Channel.INSTAGRAM_DM,
                "pm-" + key,
                Sender.ofHandle("ana-" + key.charAt(0)),
                "hi",
                at,
                Referral.NONE))
        .threadId();
  }

  private void reply(Actor who, UUID thread, Instant at) {
    store.inTransaction(
        who,
        tx -> {
          InboxThread t = tx.inbox().findThread(thread).orElseThrow();
          new ClockKeeping().message(tx, t, at, SlaClocksWithin.Kind.HUMAN_REPLY);
          return null;
        });
  }

  private void lead(UUID thread, ai.omniflow.leads.@Nullable LeadOutcome outcome) {
    store.inTransaction(
        owner,
        tx -> {
          InboxThread t = tx.inbox().findThread(thread).orElseThrow();
          tx.leads()
              .insert(
                  new ai.omniflow.leads.Lead(
                      UUID.randomUUID(),
                      owner.orgId(),
                      t.contactId(),
                      thread,
                      null,
                      null,
                      null,
                      outcome == null ? "new" : "won",
                      null,
                      java.util.Map.of(),
                      null,
                      null,
                      outcome,
                      T0,
                      T0,
                      null));
          return null;
        });
  }

  private FirstResponse firstResponse(UUID thread) {
    return store.inTransaction(owner, tx -> tx.slaMetrics().find(thread)).orElseThrow();
  }

  private SpeedToLeadReport report(String groupBy) {
    return omniFlow
        .sla()
        .speedToLead(
            owner,
            new SpeedToLeadQuery(
                T0.minusSeconds(1),
                T0.plus(Duration.ofDays(1)),
                SpeedToLeadQuery.GroupBy.parse(groupBy)));
  }

  @Test
  @DisplayName(
      "the first inbound message records an unanswered first response, the first human reply"
          + " records when and who, and a next-response clock leaves it as it was")
  void keepsTheFirstResponse() {
    UUID t = ingest("k1", T0);
    FirstResponse open = firstResponse(t);
    assertThat(open.respondedAt()).isNull();
    assertThat(open.startedAt()).isEqualTo(T0);
    assertThat(open.channel()).isEqualTo("instagram_dm");

    reply(owner, t, T0.plus(Duration.ofMinutes(20)));
    FirstResponse done = firstResponse(t);
    assertThat(done.respondedAt()).isEqualTo(T0.plus(Duration.ofMinutes(20)));
    assertThat(done.agentUserId()).isEqualTo(owner.userId());
    assertThat(done.counted()).isEqualTo(Duration.ofMinutes(20)); // open around the clock
    assertThat(done.breached()).isFalse();

    clock.set(T0.plus(Duration.ofMinutes(30)));
    ingest("k1b", T0.plus(Duration.ofMinutes(30)));
    reply(owner, t, T0.plus(Duration.ofHours(3)));
    assertThat(firstResponse(t)).isEqualTo(done);
  }

  @Test
  @DisplayName(
      "a report counts clocks, replies, met and breached ones, with percentiles per agent, and"
          + " null where there is no data")
  void reportsPerAgent() {
    UUID a = ingest("a", T0);
    UUID b = ingest("b", T0.plusSeconds(60));
    ingest("c", T0.plusSeconds(120));
    reply(owner, a, T0.plus(Duration.ofMinutes(10)));
    reply(owner, b, T0.plus(Duration.ofHours(3))); // the generic default: one hour
    clock.set(T0.plus(Duration.ofHours(5)));

    SpeedToLeadReport r = report("agent");
    assertThat(r.total().clocks()).isEqualTo(3);
    assertThat(r.total().responded()).isEqualTo(2);
    assertThat(r.total().met()).isEqualTo(1);
    assertThat(r.total().breached()).isEqualTo(2); // b late, c unanswered past due
    assertThat(r.total().shareMet()).isEqualTo(1.0 / 3);
    assertThat(r.groups())
        .extracting(SpeedToLeadReport.Group::key)
        .containsExactly(owner.userId().toString(), null);
    SpeedToLeadReport.Group unassigned = r.groups().get(1);
    assertThat(unassigned.p50Wall()).isNull();
    assertThat(unassigned.p90Business()).isNull();
    assertThat(r.groups().get(0).p50Wall())
        .isEqualTo(Duration.ofMinutes(10).plus(Duration.ofMinutes(179)).dividedBy(2));

    SpeedToLeadReport pack = report("pack");
    assertThat(pack.groups()).hasSize(1);
    assertThat(pack.groups().get(0).key()).isNull(); // the org has no pack
    assertThat(pack.groups().get(0).clocks()).isEqualTo(3);
  }

  @Test
  @DisplayName("a range without clocks has a total of zero clocks with null figures and no groups")
  void emptyRange() {
    SpeedToLeadReport r = report("channel");
    assertThat(r.groups()).isEmpty();
    assertThat(r.total()).isEqualTo(SpeedToLeadReport.Group.empty(null));
    assertThat(r.total().shareMet()).isNull();
    assertThat(r.truncated()).isFalse();
  }

  @Test
  @DisplayName(
      "a range that is reversed, too long or out of bounds, and an unknown grouping, are bad"
          + " requests naming the parameter; a viewer may read the report")
  void badInput() {
    assertThatThrownBy(() -> new SpeedToLeadQuery(T0, T0, SpeedToLeadQuery.GroupBy.AGENT))
        .hasFieldOrPropertyWithValue("code", "invalid_to");
    assertThatThrownBy(
            () ->
                new SpeedToLeadQuery(
                    Instant.parse("1999-12-31T00:00:00Z"), T0, SpeedToLeadQuery.GroupBy.AGENT))
        .hasFieldOrPropertyWithValue("code", "invalid_from");
    assertThatThrownBy(
            () ->
                new SpeedToLeadQuery(
                    T0, T0.plus(Duration.ofDays(367)), SpeedToLeadQuery.GroupBy.AGENT))
        .hasFieldOrPropertyWithValue("code", "range_too_long")
        .extracting(e -> ((OmniFlowException) e).kind())
        .isEqualTo(OmniFlowException.Kind.BAD_REQUEST);
    assertThatThrownBy(() -> SpeedToLeadQuery.GroupBy.parse("weekday"))
        .hasFieldOrPropertyWithValue("code", "invalid_group_by")
        .hasMessageNotContaining("weekday");
    assertThatThrownBy(() -> SpeedToLeadQuery.GroupBy.parse(null))
        .hasFieldOrPropertyWithValue("code", "invalid_group_by");
    Actor viewer = Actor.of(owner.orgId(), UUID.randomUUID(), Role.VIEWER);
    assertThat(
            omniFlow
                .sla()
                .speedToLead(
                    viewer,
                    new SpeedToLeadQuery(T0, T0.plusSeconds(1), SpeedToLeadQuery.GroupBy.CHANNEL))
                .groups())
        .isEmpty();
  }

  @Test
  @DisplayName(
      "wire values read as dates (a to date included) or instants, and bad ones are refused by"
          + " field without echoing them")
  void parse() {
    SpeedToLeadQuery q = SpeedToLeadQuery.parse("2026-11-01", "2026-11-30", "agent");
    assertThat(q.from()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
    assertThat(q.to()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
    assertThat(q.groupBy()).isEqualTo(SpeedToLeadQuery.GroupBy.AGENT);
    SpeedToLeadQuery instants =
        SpeedToLeadQuery.parse("2026-11-01T10:00:00Z", " 2026-11-01T11:00:00Z ", "pack");
    assertThat(instants.to()).isEqualTo(Instant.parse("2026-11-01T11:00:00Z"));

    assertThatThrownBy(() -> SpeedToLeadQuery.parse(null, "2026-11-30", "agent"))
        .hasFieldOrPropertyWithValue("code", "invalid_from");
    assertThatThrownBy(() -> SpeedToLeadQuery.parse("yesterday-ish", "2026-11-30", "agent"))
        .hasFieldOrPropertyWithValue("code", "invalid_from")
        .hasMessageNotContaining("yesterday");
    assertThatThrownBy(() -> SpeedToLeadQuery.parse("2026-11-01", "x".repeat(10_000), "agent"))
        .hasFieldOrPropertyWithValue("code", "invalid_to")
        .hasMessageNotContaining("xxxx");
    assertThatThrownBy(() -> SpeedToLeadQuery.parse("2026-11-01", "2026-02-30", "agent"))
        .hasFieldOrPropertyWithValue("code", "invalid_to");
    assertThatThrownBy(() -> SpeedToLeadQuery.parse("2026-11-01", "2026-10-01", "agent"))
        .hasFieldOrPropertyWithValue("code", "invalid_to");
    assertThatThrownBy(() -> SpeedToLeadQuery.parse("2024-01-01", "2026-01-01", "agent"))
        .hasFieldOrPropertyWithValue("code", "range_too_long");
    assertThatThrownBy(() -> SpeedToLeadQuery.parse("2026-11-01", "2026-11-30", "weekday"))
        .hasFieldOrPropertyWithValue("code", "invalid_group_by");
  }

  @Test
  @DisplayName(
      "win rate puts each thread's lead in the bucket of its wait for a person's reply, with no"
          + " rate where no lead is closed")
  void winRate() {
    UUID fast = ingest("a1", T0);
    reply(owner, fast, T0.plus(Duration.ofMinutes(3)));
    UUID slow = ingest("b1", T0.plusSeconds(10));
    reply(owner, slow, T0.plusSeconds(10).plus(Duration.ofHours(3)));
    ingest("c1", T0.plusSeconds(20));
    lead(
        fast,
        new ai.omniflow.leads.LeadOutcome(
            ai.omniflow.leads.LeadOutcome.Status.WON,
            new java.math.BigDecimal("10.00"),
            "USD",
            T0,
            null));
    lead(slow, null);

    Actor viewer = Actor.of(owner.orgId(), UUID.randomUUID(), Role.VIEWER);
    WinRateReport r =
        omniFlow
            .sla()
            .winRateByFirstResponse(
                viewer,
                new SpeedToLeadQuery(
                    T0.minusSeconds(1),
                    T0.plus(Duration.ofDays(1)),
                    SpeedToLeadQuery.GroupBy.PACK));
    assertThat(r.buckets())
        .extracting(WinRateReport.Bucket::label)
        .containsExactly("under_5m", "5m_to_30m", "30m_to_2h", "over_2h", "no_reply");
    assertThat(r.buckets())
        .extracting(WinRateReport.Bucket::won, WinRateReport.Bucket::open)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1L, 0L),
            org.assertj.core.groups.Tuple.tuple(0L, 0L),
            org.assertj.core.groups.Tuple.tuple(0L, 0L),
            org.assertj.core.groups.Tuple.tuple(0L, 1L),
            org.assertj.core.groups.Tuple.tuple(0L, 0L));
    assertThat(r.buckets())
        .extracting(WinRateReport.Bucket::winRate)
        .containsExactly(1.0, null, null, null, null);
  }
}
