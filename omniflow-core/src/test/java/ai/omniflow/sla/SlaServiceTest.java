package ai.omniflow.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.PageRequest;
import ai.omniflow.audit.AuditEntry;
import ai.omniflow.events.DomainEvent;
import ai.omniflow.routing.Agent;
import ai.omniflow.routing.RoutingGroup;
import ai.omniflow.routing.RoutingPolicy;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import ai.omniflow.tenancy.User;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The SLA service")
class SlaServiceTest {
  private final OmniFlow omniFlow = OmniFlow.builder().build();
  private final Actor owner = newOrg();
  private final Actor other = newOrg();

  private Actor newOrg() {
    UUID org = UUID.randomUUID();
    User u = new User(UUID.randomUUID(), org + "@example.test", "Owner", Instant.EPOCH);
    omniFlow.tenancy().createOrg(org, "Org", u);
    return Actor.of(org, u.id(), Role.OWNER);
  }

  private Actor member(Role role) {
    User u = new User(UUID.randomUUID(), UUID.randomUUID() + "@example.test", "M", Instant.EPOCH);
    omniFlow.tenancy().addMember(owner, u, role);
    return Actor.of(owner.orgId(), u.id(), role);
  }

  private static BusinessCalendar office() {
    return BusinessCalendar.builder()
        .zone("Europe/Madrid")
        .open(DayOfWeek.MONDAY, "09:00", "14:00")
        .open(DayOfWeek.MONDAY, "16:00", "19:00")
        .open(DayOfWeek.FRIDAY, "22:00", "02:00")
        .holiday("2026-12-25")
        .build();
  }

  private static SlaPolicy hotInstagram() {
    return new SlaPolicy(
        List.of(
            SlaTarget.everywhere(Duration.ofHours(2)),
            new SlaTarget(
                "instagram_dm", "hot", Duration.ofMinutes(5), Duration.ofMinutes(5), null)),
        0.75,
        true,
        true,
        List.of(
            EscalationStep.onBreach(
                Duration.ZERO, EscalationStep.Action.REROUTE_TO_GROUP, "managers")));
  }

  private long writes(Actor a) {
    return omniFlow.events().list(a, PageRequest.first()).total()
        + omniFlow.audit().list(a, PageRequest.first()).total();
  }

  private void refused(Actor a, Runnable call, String code) {
    long before = writes(owner);
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(OmniFlowException.class, e -> assertThat(e.code()).isEqualTo(code));
    assertThat(writes(owner)).as("events and audit entries").isEqualTo(before);
  }

  private List<DomainEvent> events(Actor a) {
    return omniFlow.events().list(a, PageRequest.of(100, 0)).items();
  }

  @Test
  @DisplayName("answers the pack's default until the org saves its own, then that")
  void effectiveConfig() {
    SlaConfig first = omniFlow.sla().config(member(Role.VIEWER));
    assertThat(first).isEqualTo(new SlaConfig(SlaPolicy.genericDefault(), SlaConfig.Source.PACK));

    omniFlow
        .routing()
        .createGroup(owner, RoutingGroup.of("managers", RoutingPolicy.ROUND_ROBIN, List.of()));
    SlaConfig own = omniFlow.sla().replaceConfig(owner, hotInstagram());
    assertThat(own.source()).isEqualTo(SlaConfig.Source.ORG);
    assertThat(omniFlow.sla().config(owner)).isEqualTo(own);
    assertThat(omniFlow.sla().config(other).source()).isEqualTo(SlaConfig.Source.PACK);

    assertThat(events(owner).stream().map(DomainEvent::type))
        .containsOnlyOnce(SlaEvents.SLA_CONFIG_REPLACED);
    AuditEntry audit =
        omniFlow.audit().list(owner, PageRequest.of(100, 0)).items().stream()
            .filter(a -> a.action().equals(SlaEvents.AUDIT_SLA_CONFIG_REPLACE))
            .findFirst()
            .orElseThrow();
    // The audit log keeps JSON, so compare the JSON's text.
    assertThat(String.valueOf(audit.before()))
        .isEqualTo(String.valueOf(SlaJson.toJson(SlaPolicy.genericDefault())));
    assertThat(String.valueOf(audit.after()))
        .isEqualTo(String.valueOf(SlaJson.toJson(hotInstagram())));

    long before = writes(owner);
    omniFlow.sla().replaceConfig(owner, hotInstagram());
    assertThat(writes(owner)).as("replacing it with itself records nothing").isEqualTo(before);
  }

  @Test
  @DisplayName(
      "refuses an escalation to a group the org lacks, and agents' changes, saving nothing")
  void refusesConfig() {
    refused(owner, () -> omniFlow.sla().replaceConfig(owner, hotInstagram()), "invalid_escalation");
    Actor agent = member(Role.AGENT);
    refused(
        owner, () -> omniFlow.sla().replaceConfig(agent, SlaPolicy.genericDefault()), "forbidden");
    assertThat(omniFlow.sla().config(owner).source()).isEqualTo(SlaConfig.Source.PACK);
  }

  @Test
  @DisplayName("keeps calendars per scope, recording each change")
  void calendars() {
    Actor manager = member(Role.MANAGER);
    Agent ana = omniFlow.routing().createAgent(owner, Agent.of(UUID.randomUUID(), "Ana", 5));
    omniFlow
        .routing()
        .createGroup(owner, RoutingGroup.of("night", RoutingPolicy.ROUND_ROBIN, List.of()));
    SlaCalendar org =
        omniFlow
            .sla()
            .createCalendar(
                manager,
                new SlaCalendar(UUID.randomUUID(), "Office", SlaCalendar.Scope.org(), office()));
    SlaCalendar night =
        omniFlow
            .sla()
            .createCalendar(
                owner,
                new SlaCalendar(
                    UUID.randomUUID(),
                    "Night",
                    SlaCalendar.Scope.group("night"),
                    BusinessCalendar.weekdays(
                        ZoneId.of("Asia/Tokyo"), LocalTime.of(20, 0), LocalTime.of(4, 0))));
    SlaCalendar mine =
        omniFlow
            .sla()
            .createCalendar(
                owner,
                new SlaCalendar(
                    UUID.randomUUID(), "Ana", SlaCalendar.Scope.agent(ana.id()), office()));
    assertThat(omniFlow.sla().calendars(member(Role.AGENT))).containsExactly(org, night, mine);
    assertThat(omniFlow.sla().calendar(owner, night.id())).isEqualTo(night);

    SlaCalendar renamed = new SlaCalendar(night.id(), "Nights", night.scope(), night.calendar());
    assertThat(omniFlow.sla().updateCalendar(owner, renamed)).isEqualTo(renamed);
    omniFlow.sla().deleteCalendar(owner, org.id());
    assertThat(omniFlow.sla().calendars(owner)).containsExactly(renamed, mine);
    assertThat(events(owner).stream().map(DomainEvent::type).filter(t -> t.startsWith("sla.")))
        .containsExactlyInAnyOrder(
            SlaEvents.SLA_CALENDAR_DELETED,
            SlaEvents.SLA_CALENDAR_UPDATED,
            SlaEvents.SLA_CALENDAR_CREATED,
            SlaEvents.SLA_CALENDAR_CREATED,
            SlaEvents.SLA_CALENDAR_CREATED);
  }

  @Test
  @DisplayName("refuses unknown scopes, a taken scope, another org's calendar and viewers")
  void refusesCalendars() {
    SlaCalendar office =
        omniFlow
            .sla()
            .createCalendar(
                owner,
                new SlaCalendar(UUID.randomUUID(), "Office", SlaCalendar.Scope.org(), office()));
    refused(
        owner,
        () ->
            omniFlow
                .sla()
                .createCalendar(
                    owner,
                    new SlaCalendar(
                        UUID.randomUUID(), "G", SlaCalendar.Scope.group("ghosts"), office())),
        SlaErrors.UNKNOWN_GROUP);
    refused(
        owner,
        () ->
            omniFlow
                .sla()
                .createCalendar(
                    owner,
                    new SlaCalendar(
                        UUID.randomUUID(),
                        "A",
                        SlaCalendar.Scope.agent(UUID.randomUUID()),
                        office())),
        SlaErrors.UNKNOWN_AGENT);
    refused(
        owner,
        () ->
            omniFlow
                .sla()
                .createCalendar(
                    owner,
                    new SlaCalendar(UUID.randomUUID(), "Again", SlaCalendar.Scope.org(), office())),
        SlaErrors.SLA_CALENDAR_SCOPE_TAKEN);
    refused(owner, () -> omniFlow.sla().calendar(other, office.id()), "not_found");
    refused(owner, () -> omniFlow.sla().updateCalendar(other, office), "not_found");
    refused(owner, () -> omniFlow.sla().deleteCalendar(other, office.id()), "not_found");
    Actor viewer = member(Role.VIEWER);
    refused(owner, () -> omniFlow.sla().deleteCalendar(viewer, office.id()), "forbidden");
    assertThat(omniFlow.sla().calendars(owner)).containsExactly(office);
  }

  @Test
  @DisplayName(
      "reads a thread's clock from its last inbound message, in business time if the org has a calendar")
  void threadReading() {
    Instant sent =
        Instant.now().minusSeconds(600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    ai.omniflow.inbox.IngestResult r =
        omniFlow
            .inbox()
            .ingest(
                Actor.system(owner.orgId()),
                null,
                new ai.omniflow.connector.spi.InboundEvent.Message(
                    "k1",
                    "page-1",
                    ai.omniflow.connector.spi.Channel.INSTAGRAM_DM,
                    "pm-1",
                    ai.omniflow.connector.spi.Sender.ofHandle("ana"),
                    "hi",
                    sent,
                    ai.omniflow.connector.spi.Referral.NONE));
    SlaReading wall = omniFlow.sla().threadReading(member(Role.VIEWER), r.threadId());
    assertThat(wall.state()).isEqualTo(SlaState.ON_TRACK);
    assertThat(wall.clock()).isEqualTo(SlaReading.Clock.FIRST_RESPONSE);
    assertThat(wall.dueAt()).isEqualTo(sent.plus(Duration.ofHours(1)));

    BusinessCalendar closed =
        BusinessCalendar.builder().zone("UTC").open(DayOfWeek.MONDAY, "00:00", "00:01").build();
    omniFlow
        .sla()
        .createCalendar(
            owner, new SlaCalendar(UUID.randomUUID(), "Rarely", SlaCalendar.Scope.org(), closed));
    // The stored clock keeps the due time it started with; a calendar counts for later clocks.
    SlaReading kept = omniFlow.sla().threadReading(owner, r.threadId());
    assertThat(kept.dueAt()).isEqualTo(sent.plus(Duration.ofHours(1)));
    assertThatThrownBy(() -> omniFlow.sla().threadReading(other, r.threadId()))
        .isInstanceOfSatisfying(
            OmniFlowException.class, e -> assertThat(e.code()).isEqualTo("not_found"));
  }

  @Test
  @DisplayName("holds at most 200 calendars per org")
  void capsCalendars() {
    for (int i = 0; i < SlaCalendar.MAX_PER_ORG; i++) {
      Agent a = omniFlow.routing().createAgent(owner, Agent.of(UUID.randomUUID(), "A" + i, 1));
      omniFlow
          .sla()
          .createCalendar(
              owner,
              new SlaCalendar(
                  UUID.randomUUID(), "C" + i, SlaCalendar.Scope.agent(a.id()), office()));
    }
    refused(
        owner,
        () ->
            omniFlow
                .sla()
                .createCalendar(
                    owner,
                    new SlaCalendar(
                        UUID.randomUUID(), "One more", SlaCalendar.Scope.org(), office())),
        SlaErrors.TOO_MANY_CALENDARS);
  }

  @Test
  @DisplayName(
      "reads policies and calendars back from their JSON form unchanged, refusing bad shapes")
  void json() {
    assertThat(SlaJson.policy(SlaJson.toJson(hotInstagram()))).isEqualTo(hotInstagram());
    assertThat(SlaJson.policy(SlaJson.toJson(SlaPolicy.realEstateDefault())))
        .isEqualTo(SlaPolicy.realEstateDefault());
    assertThat(SlaJson.calendar(SlaJson.toJson(office()))).isEqualTo(office());
    assertThatThrownBy(() -> SlaJson.policy(java.util.Map.of("warning_threshold", 0.5)))
        .isInstanceOfSatisfying(
            OmniFlowException.class, e -> assertThat(e.code()).isEqualTo("invalid_sla"));
    assertThatThrownBy(() -> SlaJson.calendar(java.util.Map.of("zone", "UTC", "weekly", "monday")))
        .isInstanceOfSatisfying(
            OmniFlowException.class, e -> assertThat(e.code()).isEqualTo("invalid_hours"));
  }
}
