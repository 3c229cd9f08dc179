package ai.omniflow.sla.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.OmniFlow;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.connector.spi.InboundEvent;
import ai.omniflow.connector.spi.Referral;
import ai.omniflow.connector.spi.Sender;
import ai.omniflow.inbox.InboxThread;
import ai.omniflow.internal.SlaClocksWithin;
import ai.omniflow.routing.Agent;
import ai.omniflow.routing.Availability;
import ai.omniflow.routing.RoutingGroup;
import ai.omniflow.routing.RoutingPolicy;
import ai.omniflow.sla.BusinessCalendar;
import ai.omniflow.sla.SlaCalendar;
import ai.omniflow.sla.SlaPolicy;
import ai.omniflow.sla.SlaReading;
import ai.omniflow.sla.SlaTarget;
import ai.omniflow.sla.ThreadClock;
import ai.omniflow.store.InMemoryStore;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import ai.omniflow.tenancy.User;
import ai.omniflow.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Which calendar a stored clock counts on: the assignee's agent's, else their group's, else the
 * org's (decision 0077). Every calendar is weekdays 09:00–17:00 in its own zone, so the due time of
 * a one-hour window started on a Saturday names the calendar used.
 */
@DisplayName("The calendar of a thread's clock")
class ClockCalendarTest {
  private static final Instant SATURDAY = Instant.parse("2026-03-07T12:00:00Z");
  // Monday 2026-03-09, one hour after 09:00 in each zone.
  private static final Instant NEW_YORK_DUE = Instant.parse("2026-03-09T14:00:00Z"); // EDT
  private static final Instant LONDON_DUE = Instant.parse("2026-03-09T10:00:00Z");
  private static final Instant TOKYO_DUE = Instant.parse("2026-03-09T01:00:00Z");

  private final MutableClock clock = new MutableClock(SATURDAY);
  private final InMemoryStore store = new InMemoryStore();
  private final OmniFlow omniFlow = OmniFlow.builder().store(store).clock(clock).build();
  private final Actor owner;
  private int keys;

  ClockCalendarTest() {
    UUID org = UUID.randomUUID();
    User u = new User(UUID.randomUUID(), org + "@example.test", "Owner", Instant.EPOCH);
    omniFlow.tenancy().createOrg(org, "Org", u);
    owner = Actor.of(org, u.id(), Role.OWNER);
    omniFlow
        .sla()
        .replaceConfig(
            owner,
            new SlaPolicy(
                List.of(SlaTarget.everywhere(Duration.ofHours(1))), 0.75, true, false, List.of()));
    calendar("Office", SlaCalendar.Scope.org(), "America/New_York");
  }

  private void calendar(String name, SlaCalendar.Scope scope, String zone) {
    omniFlow
        .sla()
        .createCalendar(
            owner,
            new SlaCalendar(
                UUID.randomUUID(),
                name,
                scope,
                BusinessCalendar.weekdays(
                    ZoneId.of(zone), LocalTime.of(9, 0), LocalTime.of(17, 0))));
  }

  /** A member with a routing agent who signs in as them; returns the agent. */
  private Agent agent(String name) {
    User user =
        new User(
            UUID.randomUUID(),
            name + "-" + UUID.randomUUID() + "@example.test",
            name,
            Instant.EPOCH);
    omniFlow.tenancy().addMember(owner, user, Role.AGENT);
    return omniFlow
        .routing()
        .createAgent(
            owner,
            new Agent(
                UUID.randomUUID(), user.id(), name, true, 1, 10, Set.of(), Availability.ALWAYS));
  }

  private UUID ingest() {
    String key = "k" + (++keys);
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
                Sender.ofHandle("ana"),
                "hi",
                clock.instant(),
                Referral.NONE))
        .threadId();
  }

  /**
   * The due time of the next-response clock of a thread assigned to {@code agent}'s user: the
   * thread's first message starts a clock unassigned, the assignee replies (stopping it, as the
   * send path does), and the next message starts a clock on the assignee's calendar.
   */
  private ThreadClock nextResponseClockOf(Agent agent) {
    UUID thread = ingest();
    omniFlow.inbox().assign(owner, thread, agent.userId());
    clock.advance(Duration.ofMinutes(1));
    store.inTransaction(
        Actor.of(owner.orgId(), agent.userId(), Role.AGENT),
        tx -> {
          InboxThread t = tx.inbox().findThread(thread).orElseThrow();
          new ClockKeeping().message(tx, t, clock.instant(), SlaClocksWithin.Kind.HUMAN_REPLY);
          return null;
        });
    clock.advance(Duration.ofMinutes(1));
    ingest();
    ThreadClock c = store.inTransaction(owner, tx -> tx.slaClocks().find(thread)).orElseThrow();
    assertThat(c.kind()).isEqualTo(SlaReading.Clock.NEXT_RESPONSE);
    return c;
  }

  @Test
  @DisplayName("an unassigned thread's clock counts on the org's calendar")
  void unassignedUsesTheOrgs() {
    UUID thread = ingest();
    assertThat(store.inTransaction(owner, tx -> tx.slaClocks().find(thread)).orElseThrow().dueAt())
        .isEqualTo(NEW_YORK_DUE);
  }

  @Test
  @DisplayName(
      "an assignee's agent calendar comes before their group's, a group's before the org's, and an"
          + " agent with neither counts on the org's")
  void agentThenGroupThenOrg() {
    Agent ana = agent("Ana");
    Agent bo = agent("Bo");
    Agent cy = agent("Cy");
    omniFlow
        .routing()
        .createGroup(
            owner, RoutingGroup.of("night", RoutingPolicy.ROUND_ROBIN, List.of(ana.id(), bo.id())));
    calendar("Night", SlaCalendar.Scope.group("night"), "Asia/Tokyo");
    calendar("Ana", SlaCalendar.Scope.agent(ana.id()), "Europe/London");

    assertThat(nextResponseClockOf(ana).dueAt()).isEqualTo(LONDON_DUE);
    assertThat(nextResponseClockOf(bo).dueAt()).isEqualTo(TOKYO_DUE);
    assertThat(nextResponseClockOf(cy).dueAt()).isEqualTo(NEW_YORK_DUE);
  }

  @Test
  @DisplayName("of an agent's several groups with calendars, the oldest calendar applies")
  void oldestGroupCalendar() {
    Agent bo = agent("Bo");
    omniFlow
        .routing()
        .createGroup(owner, RoutingGroup.of("late", RoutingPolicy.ROUND_ROBIN, List.of(bo.id())));
    omniFlow
        .routing()
        .createGroup(owner, RoutingGroup.of("early", RoutingPolicy.ROUND_ROBIN, List.of(bo.id())));
    calendar("Late", SlaCalendar.Scope.group("late"), "Europe/London");
    calendar("Early", SlaCalendar.Scope.group("early"), "Asia/Tokyo");

    assertThat(nextResponseClockOf(bo).dueAt()).isEqualTo(LONDON_DUE);
  }
}
