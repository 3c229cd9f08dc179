package ai.omniflow.examples.server;

import static ai.omniflow.examples.server.PageClient.enc;
import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.sla.SlaCalendar;
import ai.omniflow.sla.SlaConfig;
import ai.omniflow.sla.SlaPolicy;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code /settings/sla} over real HTTP, signed in with an API key in a fresh org per test: owners
 * and managers change the policy and the calendars through the same rules as {@code /sla/config}
 * and {@code /sla/calendars}, a refused value comes back beside its field with nothing written, and
 * agents and viewers read without controls, a forged post refused.
 */
@DisplayName("The SLA settings page")
class SlaSettingsPageTest extends ServerTest {

  private static final String DEFAULT_ROW =
      "channel=&band=&first_response=10&next_response=&after_hours=30";
  private static final String BLANK_ROW =
      "&channel=&band=&first_response=&next_response=&after_hours=";

  @Test
  @DisplayName("wants a session, and its forms a CSRF token")
  void sessionAndCsrf() throws Exception {
    HttpResponse<String> r = new PageClient(port).get("/settings/sla");
    assertThat(r.statusCode()).isEqualTo(302);
    assertThat(r.headers().firstValue("Location").orElse("")).endsWith("/signin");

    Actor owner = newOrg("Sla Csrf Co");
    PageClient client = pagesAs(owner, owner.userId());
    long[] before = writes(owner);
    HttpResponse<String> forged =
        client.send("POST", "/ui/settings/sla/policy", DEFAULT_ROW + "&warning_threshold=0.5");
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(writes(owner)).containsExactly(before);
  }

  @Test
  @DisplayName(
      "an owner replaces the pack's default with targets per channel and band, keeping escalation")
  void ownerSavesThePolicy() throws Exception {
    Actor owner = newOrg("Sla Policy Co");
    PageClient client = pagesAs(owner, owner.userId());
    SlaPolicy before = omniFlow.sla().config(owner).policy();

    String shown = client.get("/settings/sla").body();
    assertThat(shown)
        .contains("id=\"policy-form\"")
        .contains("id=\"new-calendar-form\"")
        .contains("id=\"no-calendars\"")
        .contains("The pack’s default policy")
        .contains("aria-current=\"page\">SLA</a>")
        .doesNotContain("id=\"read-only\"");

    HttpResponse<String> saved =
        client.submit(
            "/settings/sla",
            "/ui/settings/sla/policy",
            DEFAULT_ROW
                + "&channel=instagram_dm&band=hot&first_response=5&next_response=15&after_hours="
                + BLANK_ROW
                + "&warning_threshold=0.8&business_hours_only=on&pause_while_waiting=on");
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);

    SlaConfig after = omniFlow.sla().config(owner);
    assertThat(after.source()).isEqualTo(SlaConfig.Source.ORG);
    SlaPolicy p = after.policy();
    assertThat(p.targets()).hasSize(2);
    assertThat(p.targetFor("sms", null).firstResponse()).isEqualTo(Duration.ofMinutes(10));
    assertThat(p.targetFor("sms", null).nextResponse()).isEqualTo(Duration.ofMinutes(10));
    assertThat(p.targetFor("sms", null).afterHours()).isEqualTo(Duration.ofMinutes(30));
    assertThat(p.targetFor("instagram_dm", "hot").firstResponse()).isEqualTo(Duration.ofMinutes(5));
    assertThat(p.targetFor("instagram_dm", "hot").nextResponse()).isEqualTo(Duration.ofMinutes(15));
    assertThat(p.warningThreshold()).isEqualTo(0.8);
    assertThat(p.businessHoursOnly()).isTrue();
    assertThat(p.pauseWhileWaiting()).isTrue();
    assertThat(p.escalation()).as("escalation is kept").isEqualTo(before.escalation());

    assertThat(client.get("/settings/sla").body())
        .contains("The org’s own policy.")
        .contains("instagram dm, hot leads")
        .contains("80 % of the window");

    // Unchecked boxes turn the flags off.
    client.submit(
        "/settings/sla", "/ui/settings/sla/policy", DEFAULT_ROW + "&warning_threshold=0.75");
    assertThat(omniFlow.sla().config(owner).policy().businessHoursOnly()).isFalse();
    assertThat(omniFlow.sla().config(owner).policy().targets()).hasSize(1);
  }

  @Test
  @DisplayName("a refused window or threshold is shown beside its field, and nothing is written")
  void refusedPolicy() throws Exception {
    Actor owner = newOrg("Sla Refusal Co");
    PageClient client = pagesAs(owner, owner.userId());
    long[] before = writes(owner);

    HttpResponse<String> threshold =
        client.submit(
            "/settings/sla", "/ui/settings/sla/policy", DEFAULT_ROW + "&warning_threshold=1.5");
    assertThat(threshold.statusCode()).isEqualTo(422);
    assertThat(threshold.body())
        .contains("id=\"policy-warning_threshold-error\"")
        .contains("aria-describedby=\"policy-warning_threshold-error\"")
        .contains("warning_threshold must be strictly between 0 and 1.")
        .doesNotContain("Exception");

    HttpResponse<String> window =
        client.submit(
            "/settings/sla",
            "/ui/settings/sla/policy",
            "channel=&band=&first_response=0&next_response=&after_hours=&warning_threshold=0.5");
    assertThat(window.statusCode()).isEqualTo(422);
    assertThat(window.body()).contains("id=\"policy-targets-error\"").contains("first_response");

    HttpResponse<String> twoDefaults =
        client.submit(
            "/settings/sla",
            "/ui/settings/sla/policy",
            DEFAULT_ROW + "&" + DEFAULT_ROW + "&warning_threshold=0.5");
    assertThat(twoDefaults.statusCode()).isEqualTo(422);
    assertThat(twoDefaults.body()).contains("id=\"policy-targets-error\"");

    HttpResponse<String> hostile =
        client.submit(
            "/settings/sla",
            "/ui/settings/sla/policy",
            "channel="
                + "x".repeat(5_000)
                + "&band=&first_response=5&next_response=&after_hours=&warning_threshold=0.5");
    assertThat(hostile.statusCode()).isEqualTo(422);
    assertThat(hostile.body()).contains("id=\"policy-targets-error\"").doesNotContain("xxxxxxxxxx");

    assertThat(writes(owner)).containsExactly(before);
    assertThat(omniFlow.sla().config(owner).source()).isEqualTo(SlaConfig.Source.PACK);
  }

  @Test
  @DisplayName("an owner adds, changes and deletes a calendar with its hours, holidays and zone")
  void calendars() throws Exception {
    Actor owner = newOrg("Sla Calendar Co");
    PageClient client = pagesAs(owner, owner.userId());

    HttpResponse<String> created =
        client.submit(
            "/settings/sla",
            "/ui/settings/sla/calendars",
            "name=Office&scope=org&zone="
                + enc("Europe/London")
                + "&day=monday&start=09:00&end=17:00"
                + "&day=friday&start=22:00&end=02:00"
                + "&day=&start=&end="
                + "&holidays="
                + enc("2026-12-25\r\n2026-12-26"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
    List<SlaCalendar> all = omniFlow.sla().calendars(owner);
    assertThat(all).hasSize(1);
    SlaCalendar office = all.get(0);
    assertThat(office.name()).isEqualTo("Office");
    assertThat(office.scope().kind()).isEqualTo(SlaCalendar.Kind.ORG);
    assertThat(office.calendar().zone()).hasToString("Europe/London");
    assertThat(office.calendar().weeklyHours().get(DayOfWeek.MONDAY)).hasSize(1);
    assertThat(office.calendar().weeklyHours().get(DayOfWeek.FRIDAY).get(0).crossesMidnight())
        .isTrue();
    assertThat(office.calendar().holidays())
        .containsExactly(LocalDate.of(2026, 12, 25), LocalDate.of(2026, 12, 26));

    String page = client.get("/settings/sla").body();
    String f = "calendar-" + office.id();
    assertThat(page)
        .contains("id=\"" + f + "-form\"")
        .contains("Monday 09:00–17:00")
        .contains("Friday 22:00–02:00 (next day)")
        .contains("2026-12-25")
        .doesNotContain("id=\"no-calendars\"");

    HttpResponse<String> changed =
        client.submit(
            "/settings/sla",
            "/ui/settings/sla/calendars/" + office.id(),
            "name=Office+hours&zone="
                + enc("America/New_York")
                + "&day=tuesday&start=08:00&end=24:00&holidays=2027-01-01");
    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(302);
    SlaCalendar after = omniFlow.sla().calendar(owner, office.id());
    assertThat(after.name()).isEqualTo("Office hours");
    assertThat(after.scope()).isEqualTo(office.scope());
    assertThat(after.calendar().zone()).hasToString("America/New_York");
    assertThat(after.calendar().weeklyHours())
        .allSatisfy((day, hours) -> assertThat(hours).hasSize(day == DayOfWeek.TUESDAY ? 1 : 0));
    assertThat(after.calendar().holidays()).containsExactly(LocalDate.of(2027, 1, 1));
    assertThat(client.get("/settings/sla").body()).contains("Tuesday 08:00–24:00");

    HttpResponse<String> deleted =
        client.submit("/settings/sla", "/ui/settings/sla/calendars/" + office.id() + "/delete", "");
    assertThat(deleted.statusCode()).isEqualTo(302);
    assertThat(omniFlow.sla().calendars(owner)).isEmpty();
  }

  @Test
  @DisplayName("a refused calendar value is shown beside its field, keeping the accepted ones")
  void refusedCalendar() throws Exception {
    Actor owner = newOrg("Sla Calendar Refusal Co");
    PageClient client = pagesAs(owner, owner.userId());
    String hours = "&day=monday&start=09:00&end=17:00";
    long[] before = writes(owner);

    HttpResponse<String> zone =
        client.submit(
            "/settings/sla",
            "/ui/settings/sla/calendars",
            "name=Office&scope=org&zone=" + enc("Mars/Olympus") + hours);
    assertThat(zone.statusCode()).isEqualTo(422);
    assertThat(zone.body())
        .contains("id=\"new-calendar-zone-error\"")
        .contains("aria-describedby=\"new-calendar-zone-error\"")
        .containsPattern("id=\"new-calendar-name\"[^>]*value=\"Office\"")
        .doesNotContain("Mars/Olympus");

    HttpResponse<String> time =
        client.submit(
            "/settings/sla",
            "/ui/settings/sla/calendars",
            "name=Office&scope=org&zone=UTC&day=monday&start=25:00&end=17:00");
    assertThat(time.statusCode()).isEqualTo(422);
    assertThat(time.body()).contains("id=\"new-calendar-hours-error\"");

    HttpResponse<String> holiday =
        client.submit(
            "/settings/sla",
            "/ui/settings/sla/calendars",
            "name=Office&scope=org&zone=UTC" + hours + "&holidays=2026-13-45");
    assertThat(holiday.statusCode()).isEqualTo(422);
    assertThat(holiday.body()).contains("id=\"new-calendar-holidays-error\"");

    HttpResponse<String> noName =
        client.submit(
            "/settings/sla", "/ui/settings/sla/calendars", "name=&scope=org&zone=UTC" + hours);
    assertThat(noName.statusCode()).isEqualTo(422);
    assertThat(noName.body()).contains("id=\"new-calendar-name-error\"");

    HttpResponse<String> group =
        client.submit(
            "/settings/sla",
            "/ui/settings/sla/calendars",
            "name=Night&scope=group:night&zone=UTC" + hours);
    assertThat(group.statusCode()).isEqualTo(422);
    assertThat(group.body()).contains("id=\"new-calendar-scope-error\"");
    assertThat(writes(owner)).containsExactly(before);
    assertThat(omniFlow.sla().calendars(owner)).isEmpty();

    client.submit(
        "/settings/sla", "/ui/settings/sla/calendars", "name=Office&scope=org&zone=UTC" + hours);
    long[] one = writes(owner);
    HttpResponse<String> taken =
        client.submit(
            "/settings/sla", "/ui/settings/sla/calendars", "name=Again&scope=org&zone=UTC" + hours);
    assertThat(taken.statusCode()).isEqualTo(409);
    assertThat(taken.body()).contains("id=\"new-calendar-scope-error\"");
    assertThat(writes(owner)).containsExactly(one);
    assertThat(omniFlow.sla().calendars(owner)).hasSize(1);
  }

  @Test
  @DisplayName("a manager edits; an agent and a viewer read without controls, a forged post 403")
  void roles() throws Exception {
    Actor owner = newOrg("Sla Roles Co");
    UUID manager = addMember(owner, Role.MANAGER);
    PageClient managing = pagesAs(owner, manager);
    HttpResponse<String> saved =
        managing.submit(
            "/settings/sla", "/ui/settings/sla/policy", DEFAULT_ROW + "&warning_threshold=0.6");
    assertThat(saved.statusCode()).isEqualTo(302);
    assertThat(omniFlow.sla().config(owner).policy().warningThreshold()).isEqualTo(0.6);

    for (Role role : List.of(Role.AGENT, Role.VIEWER)) {
      PageClient reader = pagesAs(owner, addMember(owner, role));
      HttpResponse<String> shown = reader.get("/settings/sla");
      assertThat(shown.statusCode()).isEqualTo(200);
      assertThat(shown.body())
          .contains("id=\"read-only\"")
          .contains("60 % of the window")
          .doesNotContain("id=\"policy-form\"")
          .doesNotContain("id=\"new-calendar-form\"");
      long[] before = writes(owner);
      HttpResponse<String> forged =
          reader.submit(
              "/settings/sla", "/ui/settings/sla/policy", DEFAULT_ROW + "&warning_threshold=0.9");
      assertThat(forged.statusCode()).as(role.name()).isEqualTo(403);
      assertThat(forged.body()).contains("Forbidden").doesNotContain("Exception");
      HttpResponse<String> calendar =
          reader.submit(
              "/settings/sla",
              "/ui/settings/sla/calendars",
              "name=Mine&scope=org&zone=UTC&day=monday&start=09:00&end=17:00");
      assertThat(calendar.statusCode()).isEqualTo(403);
      assertThat(writes(owner)).containsExactly(before);
    }
    assertThat(omniFlow.sla().config(owner).policy().warningThreshold()).isEqualTo(0.6);
  }
}
