package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.sla.EscalationStep;
import ai.omniflow.sla.EscalationStep.Action;
import ai.omniflow.sla.SlaCalendar;
import ai.omniflow.sla.SpecialDay;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The escalation steps and a calendar's holidays and special days on {@code /settings/sla}, over
 * real HTTP in a fresh org per test: saved through the SLA API's rules, refusals beside their field
 * with nothing written, and no controls (and a 403 for a forged post) for agents and viewers.
 */
@DisplayName("The SLA settings page's escalation and special days")
class SlaEscalationAndDaysPageTest extends ServerTest {

  private static String row(String trigger, String delay, String action, String group) {
    return "&trigger=" + trigger + "&delay=" + delay + "&action=" + action + "&group=" + group;
  }

  private void group(Actor owner, String key) {
    Answer g =
        post(
            "/routing/groups",
            "{\"key\": \""
                + key
                + "\", \"name\": \"Team "
                + key
                + "\", \"policy\": \"round_robin\"}",
            as(owner.orgId(), owner.userId()));
    assertThat(g.status()).as(g.body()).isEqualTo(201);
  }

  private SlaCalendar office(Actor owner, PageClient client) throws Exception {
    HttpResponse<String> created =
        client.submit(
            "/settings/sla",
            "/ui/settings/sla/calendars",
            "name=Office&scope=org&zone=UTC&day=monday&start=09:00&end=17:00&holidays=2026-12-25");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
    return omniFlow.sla().calendars(owner).get(0);
  }

  @Test
  @DisplayName(
      "an owner sets the ladder notify assignee, manager, re-route and pond, keeping the targets")
  void ownerSavesTheLadder() throws Exception {
    Actor owner = newOrg("Sla Ladder Co");
    group(owner, "night");
    PageClient client = pagesAs(owner, owner.userId());
    var targets = omniFlow.sla().config(owner).policy().targets();

    String shown = client.get("/settings/sla").body();
    assertThat(shown)
        .contains("id=\"escalation-form\"")
        .contains("<option value=\"night\">Team night</option>")
        .contains("Move the lead to the pond");

    HttpResponse<String> saved =
        client.submit(
            "/settings/sla",
            "/ui/settings/sla/escalation",
            row("warning", "0", "notify_assignee", "").substring(1)
                + row("breach", "0", "notify_manager", "")
                + row("breach", "15", "reroute_to_group", "night")
                + row("breach", "60", "move_to_pond", "")
                + row("breach", "", "", ""));
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
    var policy = omniFlow.sla().config(owner).policy();
    assertThat(policy.escalation())
        .containsExactly(
            EscalationStep.onWarning(Duration.ZERO, Action.NOTIFY_ASSIGNEE),
            EscalationStep.onBreach(Duration.ZERO, Action.NOTIFY_MANAGER),
            EscalationStep.onBreach(Duration.ofMinutes(15), Action.REROUTE_TO_GROUP, "night"),
            EscalationStep.onBreach(Duration.ofMinutes(60), Action.MOVE_TO_POND));
    assertThat(policy.targets()).as("the targets are kept").isEqualTo(targets);

    HttpResponse<String> page = client.get("/settings/sla");
    assertThat(page.body())
        .contains("Escalation saved: 4 steps.")
        .contains("15 min later: reroute to group night")
        .containsPattern("id=\"step-delay-2\"[^>]*value=\"15\"");

    HttpResponse<String> cleared =
        client.submit(
            "/settings/sla",
            "/ui/settings/sla/escalation",
            row("breach", "5", "", "").substring(1));
    assertThat(cleared.statusCode()).isEqualTo(302);
    assertThat(omniFlow.sla().config(owner).policy().escalation()).isEmpty();
  }

  @Test
  @DisplayName("a refused step is shown beside the escalation table, and nothing is written")
  void refusedLadder() throws Exception {
    Actor owner = newOrg("Sla Ladder Refusal Co");
    PageClient client = pagesAs(owner, owner.userId());
    var before = omniFlow.sla().config(owner);
    long[] writes = writes(owner);

    for (String form :
        List.of(
            row("breach", "30", "move_to_pond", "") + row("breach", "40", "notify_manager", ""),
            row("breach", "30", "notify_manager", "") + row("breach", "10", "notify_assignee", ""),
            row("breach", "5", "reroute_to_group", ""),
            row("breach", "5", "reroute_to_group", "nowhere"),
            row("breach", "soon", "notify_manager", ""),
            row("breach", "5", "call_the_police", ""),
            row("breach", "x".repeat(5_000), "notify_manager", ""))) {
      HttpResponse<String> r =
          client.submit("/settings/sla", "/ui/settings/sla/escalation", form.substring(1));
      assertThat(r.statusCode()).as(form.substring(0, Math.min(form.length(), 80))).isIn(400, 422);
      assertThat(r.body())
          .contains("id=\"escalation-steps-error\"")
          .contains("aria-describedby=\"escalation-steps-error\"")
          .contains("<details class=\"add\" id=\"edit-escalation\" open")
          .doesNotContain("xxxxxxxxxx")
          .doesNotContain("call_the_police")
          .doesNotContain("Exception");
    }
    assertThat(writes(owner)).containsExactly(writes);
    assertThat(omniFlow.sla().config(owner)).isEqualTo(before);
  }

  @Test
  @DisplayName("an owner closes a date, gives another hours of its own, replaces and removes them")
  void ownerEditsSpecialDays() throws Exception {
    Actor owner = newOrg("Sla Days Co");
    PageClient client = pagesAs(owner, owner.userId());
    SlaCalendar office = office(owner, client);
    String days = "/ui/settings/sla/calendars/" + office.id() + "/days";

    assertThat(
            client
                .submit("/settings/sla", days, "date=2026-12-31&open=closed&start=&end=")
                .statusCode())
        .isEqualTo(302);
    HttpResponse<String> eve =
        client.submit(
            "/settings/sla",
            days,
            "date=2026-12-24&open=hours&start=09:00&end=13:00&start=22:00&end=02:00");
    assertThat(eve.statusCode()).as(eve.body()).isEqualTo(302);
    var cal = omniFlow.sla().calendar(owner, office.id()).calendar();
    assertThat(cal.holidays())
        .containsExactly(LocalDate.of(2026, 12, 25), LocalDate.of(2026, 12, 31));
    assertThat(cal.specialDays()).hasSize(1);
    SpecialDay special = cal.specialDays().get(0);
    assertThat(special.date()).isEqualTo(LocalDate.of(2026, 12, 24));
    assertThat(special.hours()).hasSize(2);
    assertThat(special.hours().get(1).crossesMidnight()).isTrue();
    assertThat(omniFlow.sla().calendar(owner, office.id()).name()).isEqualTo("Office");
    assertThat(cal.weeklyHours().get(java.time.DayOfWeek.MONDAY)).hasSize(1);

    String page = client.get("/settings/sla").body();
    assertThat(page)
        .contains("2026-12-24: open 09:00–13:00, 22:00–02:00")
        .contains("2026-12-31: closed all day")
        .contains("id=\"days-" + office.id() + "-remove-2026-12-25\"");

    // The holiday of Christmas becomes a short day, then follows the weekly hours again.
    client.submit("/settings/sla", days, "date=2026-12-25&open=hours&start=10:00&end=12:00");
    cal = omniFlow.sla().calendar(owner, office.id()).calendar();
    assertThat(cal.holidays()).containsExactly(LocalDate.of(2026, 12, 31));
    assertThat(cal.specialDays()).extracting(SpecialDay::date).contains(LocalDate.of(2026, 12, 25));
    assertThat(cal.specialDays().get(1).hours().get(0).start()).isEqualTo(LocalTime.of(10, 0));

    HttpResponse<String> removed =
        client.submit("/settings/sla", days + "/remove", "date=2026-12-25");
    assertThat(removed.statusCode()).isEqualTo(302);
    client.submit("/settings/sla", days + "/remove", "date=2026-12-31");
    cal = omniFlow.sla().calendar(owner, office.id()).calendar();
    assertThat(cal.holidays()).isEmpty();
    assertThat(cal.specialDays())
        .extracting(SpecialDay::date)
        .containsExactly(LocalDate.of(2026, 12, 24));

    HttpResponse<String> absent =
        client.submit("/settings/sla", days + "/remove", "date=2026-01-01");
    assertThat(absent.statusCode()).isEqualTo(404);
    assertThat(absent.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(absent.body()).contains("holiday or special day").doesNotContain("Exception");
  }

  @Test
  @DisplayName("a refused date or period is shown beside its field, and nothing is written")
  void refusedDays() throws Exception {
    Actor owner = newOrg("Sla Days Refusal Co");
    PageClient client = pagesAs(owner, owner.userId());
    SlaCalendar office = office(owner, client);
    String f = "days-" + office.id();
    String days = "/ui/settings/sla/calendars/" + office.id() + "/days";
    long[] before = writes(owner);

    for (String form :
        List.of(
            "date=&open=closed",
            "date=2026-13-45&open=closed",
            "date=1900-01-01&open=closed",
            "date=" + "9".repeat(5_000) + "&open=closed")) {
      HttpResponse<String> r = client.submit("/settings/sla", days, form);
      assertThat(r.statusCode()).as(form.substring(0, Math.min(40, form.length()))).isEqualTo(422);
      assertThat(r.body())
          .contains("id=\"" + f + "-date-error\"")
          .contains("aria-describedby=\"" + f + "-date-error\"")
          .doesNotContain("9999999999")
          .doesNotContain("Exception");
    }
    for (String form :
        List.of(
            "date=2026-12-24&open=hours&start=&end=",
            "date=2026-12-24&open=hours&start=09:00&end=13:00&start=12:00&end=14:00",
            "date=2026-12-24&open=hours&start=25:00&end=13:00")) {
      HttpResponse<String> r = client.submit("/settings/sla", days, form);
      assertThat(r.statusCode()).as(form).isEqualTo(422);
      assertThat(r.body()).as(form).contains("id=\"" + f + "-hours-error\"");
    }
    assertThat(writes(owner)).containsExactly(before);
    assertThat(omniFlow.sla().calendar(owner, office.id())).isEqualTo(office);
  }

  @Test
  @DisplayName("an agent and a viewer see no escalation or day controls, and a forged post is 403")
  void readersHaveNoControls() throws Exception {
    Actor owner = newOrg("Sla Days Roles Co");
    SlaCalendar office = office(owner, pagesAs(owner, owner.userId()));
    var config = omniFlow.sla().config(owner);
    for (Role role : List.of(Role.AGENT, Role.VIEWER)) {
      PageClient reader = pagesAs(owner, addMember(owner, role));
      String page = reader.get("/settings/sla").body();
      assertThat(page)
          .contains("2026-12-25")
          .doesNotContain("id=\"escalation-form\"")
          .doesNotContain("id=\"days-" + office.id() + "-form\"")
          .doesNotContain("-remove-2026-12-25");
      long[] before = writes(owner);
      String days = "/ui/settings/sla/calendars/" + office.id() + "/days";
      assertThat(
              reader
                  .submit(
                      "/settings/sla",
                      "/ui/settings/sla/escalation",
                      row("breach", "0", "move_to_pond", "").substring(1))
                  .statusCode())
          .as(role.name())
          .isEqualTo(403);
      assertThat(reader.submit("/settings/sla", days, "date=2026-12-24&open=closed").statusCode())
          .isEqualTo(403);
      assertThat(reader.submit("/settings/sla", days + "/remove", "date=2026-12-25").statusCode())
          .isEqualTo(403);
      assertThat(writes(owner)).containsExactly(before);
    }
    assertThat(omniFlow.sla().config(owner)).isEqualTo(config);
    assertThat(omniFlow.sla().calendar(owner, office.id())).isEqualTo(office);
  }
}
