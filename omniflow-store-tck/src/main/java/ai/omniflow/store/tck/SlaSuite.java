package ai.omniflow.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.OmniFlowException;
import ai.omniflow.routing.Agent;
import ai.omniflow.routing.Availability;
import ai.omniflow.routing.RoutingGroup;
import ai.omniflow.routing.RoutingPolicy;
import ai.omniflow.sla.BusinessCalendar;
import ai.omniflow.sla.EscalationStep;
import ai.omniflow.sla.OpeningHours;
import ai.omniflow.sla.SlaCalendar;
import ai.omniflow.sla.SlaPolicy;
import ai.omniflow.sla.SlaTarget;
import ai.omniflow.tenancy.Actor;
import java.time.DayOfWeek;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The SLA repository: the org's own policy and its business calendars, kept whole and read back
 * equal. Not API: {@link StoreCompatibilityKit} runs it as a nested suite.
 */
abstract class SlaSuite extends StoreSuite {
  /** A policy using every part: channel and band targets, after-hours, flags, escalation. */
  static SlaPolicy policy() {
    return new SlaPolicy(
        List.of(
            new SlaTarget(null, null, Duration.ofHours(1), Duration.ofMinutes(90), null),
            new SlaTarget(
                "instagram_dm",
                "hot",
                Duration.ofMinutes(5),
                Duration.ofMinutes(10),
                Duration.ofMinutes(15)),
            new SlaTarget(null, "warm", Duration.ofMinutes(30), Duration.ofMinutes(30), null)),
        0.8,
        true,
        true,
        List.of(
            EscalationStep.onWarning(Duration.ZERO, EscalationStep.Action.NOTIFY_ASSIGNEE),
            EscalationStep.onBreach(
                Duration.ofMinutes(5), EscalationStep.Action.REROUTE_TO_GROUP, "managers"),
            EscalationStep.onBreach(Duration.ofMinutes(30), EscalationStep.Action.MOVE_TO_POND)));
  }

  /** A calendar using every part: several periods a day, midnight, holidays, special days. */
  static BusinessCalendar calendar(String zone) {
    return BusinessCalendar.builder()
        .zone(zone)
        .open(DayOfWeek.MONDAY, "09:00", "12:30")
        .open(DayOfWeek.MONDAY, "13:30", "18:00")
        .open(DayOfWeek.FRIDAY, "22:00", "02:00")
        .open(DayOfWeek.SUNDAY, "00:00", "24:00")
        .holiday("2026-12-25")
        .holiday("2027-01-01")
        .specialDay("2026-12-24", List.of(OpeningHours.of("09:00", "13:00")))
        .build();
  }

  private Optional<SlaPolicy> policyOf(Actor a) {
    return store().inTransaction(a, tx -> tx.sla().policy());
  }

  private Optional<SlaCalendar> find(Actor a, UUID id) {
    return store().inTransaction(a, tx -> tx.sla().findCalendar(id));
  }

  private List<SlaCalendar> calendarsOf(Actor a) {
    return store().inTransaction(a, tx -> tx.sla().calendars());
  }

  private List<SlaCalendar> forAssignee(Actor a, @Nullable UUID user) {
    return store().inTransaction(a, tx -> tx.sla().calendarsForAssignee(user));
  }

  private boolean delete(Actor a, UUID id) {
    Boolean deleted = store().inTransaction(a, tx -> tx.sla().deleteCalendar(id));
    return deleted;
  }

  @Test
  void anOrgsOwnPolicyIsSavedReplacedAndCleared() {
    Actor a = newOrg();
    assertThat(policyOf(a)).isEmpty();
    SlaPolicy p = policy();
    write(a, tx -> tx.sla().savePolicy(p));
    assertThat(policyOf(a)).contains(p);
    write(a, tx -> tx.sla().savePolicy(SlaPolicy.realEstateDefault()));
    assertThat(policyOf(a)).contains(SlaPolicy.realEstateDefault());
    write(a, tx -> tx.sla().savePolicy(null));
    assertThat(policyOf(a)).isEmpty();
  }

  @Test
  void calendarsAreStoredWholeUpdatedListedOldestFirstAndDeleted() {
    Actor a = newOrg();
    var office =
        new SlaCalendar(
            UUID.randomUUID(), "Office", SlaCalendar.Scope.org(), calendar("America/New_York"));
    var night =
        new SlaCalendar(
            UUID.randomUUID(),
            "Night desk",
            SlaCalendar.Scope.group("night"),
            calendar("Asia/Kathmandu"));
    var ana =
        new SlaCalendar(
            UUID.randomUUID(),
            "Ana",
            SlaCalendar.Scope.agent(UUID.randomUUID()),
            BusinessCalendar.weekdays(
                java.time.ZoneId.of("Europe/Madrid"),
                java.time.LocalTime.of(9, 0),
                java.time.LocalTime.of(17, 0)));
    write(
        a,
        tx -> {
          tx.sla().insertCalendar(office);
          tx.sla().insertCalendar(night);
          tx.sla().insertCalendar(ana);
        });
    assertThat(find(a, night.id())).contains(night);
    assertThat(calendarsOf(a)).containsExactly(office, night, ana);

    var renamed =
        new SlaCalendar(night.id(), "Nights", SlaCalendar.Scope.group("late"), calendar("UTC"));
    write(a, tx -> tx.sla().updateCalendar(renamed));
    assertThat(find(a, night.id())).contains(renamed);
    assertThat(calendarsOf(a)).containsExactly(office, renamed, ana);

    assertThat(delete(a, office.id())).isTrue();
    assertThat(delete(a, office.id())).isFalse();
    assertThat(calendarsOf(a)).containsExactly(renamed, ana);
  }

  @Test
  void aTakenIdOrScopeIsAConflictAndAMissingCalendarIsNotFound() {
    Actor a = newOrg();
    var office =
        new SlaCalendar(UUID.randomUUID(), "Office", SlaCalendar.Scope.org(), calendar("UTC"));
    var team =
        new SlaCalendar(
            UUID.randomUUID(), "Team", SlaCalendar.Scope.group("team"), calendar("UTC"));
    write(
        a,
        tx -> {
          tx.sla().insertCalendar(office);
          tx.sla().insertCalendar(team);
        });
    assertKind(
        () -> write(a, tx -> tx.sla().insertCalendar(office)),
        OmniFlowException.Kind.CONFLICT,
        "sla_calendar_exists");
    assertKind(
        () ->
            write(
                a,
                tx ->
                    tx.sla()
                        .insertCalendar(
                            new SlaCalendar(
                                UUID.randomUUID(),
                                "Second",
                                SlaCalendar.Scope.org(),
                                calendar("UTC")))),
        OmniFlowException.Kind.CONFLICT,
        "sla_calendar_scope_taken");
    assertKind(
        () ->
            write(
                a,
                tx ->
                    tx.sla()
                        .updateCalendar(
                            new SlaCalendar(
                                team.id(), "Team", SlaCalendar.Scope.org(), calendar("UTC")))),
        OmniFlowException.Kind.CONFLICT,
        "sla_calendar_scope_taken");
    assertKind(
        () ->
            write(
                a,
                tx ->
                    tx.sla()
                        .updateCalendar(
                            new SlaCalendar(
                                UUID.randomUUID(),
                                "Ghost",
                                SlaCalendar.Scope.group("x"),
                                calendar("UTC")))),
        OmniFlowException.Kind.NOT_FOUND,
        "not_found");
    assertThat(calendarsOf(a)).containsExactly(office, team);
  }

  @Test
  void anotherOrgsPolicyAndCalendarsAreInvisibleAndUntouchable() {
    Actor a = newOrg();
    Actor b = newOrg();
    var office =
        new SlaCalendar(UUID.randomUUID(), "Office", SlaCalendar.Scope.org(), calendar("UTC"));
    write(
        a,
        tx -> {
          tx.sla().savePolicy(policy());
          tx.sla().insertCalendar(office);
        });
    assertThat(policyOf(b)).isEmpty();
    assertThat(find(b, office.id())).isEmpty();
    assertThat(calendarsOf(b)).isEmpty();
    assertThat(delete(b, office.id())).isFalse();
    assertKind(
        () -> write(b, tx -> tx.sla().updateCalendar(office)),
        OmniFlowException.Kind.NOT_FOUND,
        "not_found");
    // b may hold its own org-wide calendar: scopes are per org.
    write(
        b,
        tx ->
            tx.sla()
                .insertCalendar(
                    new SlaCalendar(
                        UUID.randomUUID(), "B", SlaCalendar.Scope.org(), calendar("UTC"))));
    assertThat(find(a, office.id())).contains(office);
  }

  @Test
  void theCalendarsForAnAssigneeAreTheOrgsTheirAgentsAndTheirAgentsGroupsOldestFirst() {
    Actor a = newOrg();
    Actor b = newOrg();
    UUID ana = UUID.randomUUID();
    UUID bo = UUID.randomUUID();
    Agent anaAgent =
        new Agent(UUID.randomUUID(), ana, "Ana", true, 1, 10, Set.of(), Availability.ALWAYS);
    Agent boAgent =
        new Agent(UUID.randomUUID(), bo, "Bo", true, 1, 10, Set.of(), Availability.ALWAYS);
    var night =
        new SlaCalendar(
            UUID.randomUUID(), "Night", SlaCalendar.Scope.group("night"), calendar("UTC"));
    var office =
        new SlaCalendar(UUID.randomUUID(), "Office", SlaCalendar.Scope.org(), calendar("UTC"));
    var anas =
        new SlaCalendar(
            UUID.randomUUID(),
            "Ana",
            SlaCalendar.Scope.agent(anaAgent.id()),
            calendar("Europe/Madrid"));
    var bos =
        new SlaCalendar(
            UUID.randomUUID(), "Bo", SlaCalendar.Scope.agent(boAgent.id()), calendar("UTC"));
    var day =
        new SlaCalendar(UUID.randomUUID(), "Day", SlaCalendar.Scope.group("day"), calendar("UTC"));
    var other =
        new SlaCalendar(
            UUID.randomUUID(), "Other", SlaCalendar.Scope.group("other"), calendar("UTC"));
    write(
        a,
        tx -> {
          tx.routing().insertAgent(anaAgent);
          tx.routing().insertAgent(boAgent);
          tx.routing()
              .insertGroup(
                  RoutingGroup.of(
                      "day", RoutingPolicy.ROUND_ROBIN, List.of(boAgent.id(), anaAgent.id())));
          tx.routing()
              .insertGroup(
                  RoutingGroup.of("night", RoutingPolicy.ROUND_ROBIN, List.of(anaAgent.id())));
          tx.routing()
              .insertGroup(
                  RoutingGroup.of("other", RoutingPolicy.ROUND_ROBIN, List.of(boAgent.id())));
          for (SlaCalendar c : List.of(night, office, anas, bos, day, other)) {
            tx.sla().insertCalendar(c);
          }
        });
    // b's org-wide calendar is b's alone, and a's are not b's.
    write(
        b,
        tx -> {
          tx.sla()
              .insertCalendar(
                  new SlaCalendar(
                      UUID.randomUUID(), "B", SlaCalendar.Scope.org(), calendar("UTC")));
        });

    assertThat(forAssignee(a, ana)).containsExactly(night, office, anas, day);
    assertThat(forAssignee(a, bo)).containsExactly(office, bos, day, other);
    assertThat(forAssignee(a, null)).containsExactly(office);
    assertThat(forAssignee(a, UUID.randomUUID())).containsExactly(office);
    assertThat(forAssignee(b, ana)).extracting(SlaCalendar::name).containsExactly("B");
  }
}
