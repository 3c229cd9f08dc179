package ai.omniflow.examples.server;

import ai.omniflow.OmniFlow;
import ai.omniflow.routing.Agent;
import ai.omniflow.routing.RoutingGroup;
import ai.omniflow.sla.EscalationStep;
import ai.omniflow.sla.SlaCalendar;
import ai.omniflow.sla.SlaConfig;
import ai.omniflow.sla.SlaPolicy;
import ai.omniflow.sla.SlaTarget;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import jakarta.servlet.http.HttpServletRequest;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code /settings/sla}: the SLA policy in force (response targets per channel and score band, the
 * warning threshold, business hours, pausing, escalation) and the org's business calendars (hours
 * per weekday, holidays, time zone; docs/sla.md). Everyone who may read SLAs ({@link
 * Permission#SLA_READ}) sees them; owners, admins and managers ({@link Permission#SLA_MANAGE}) edit
 * them through the page's forms, each a controller of its own that renders this page with a refused
 * value next to its field ({@link FormErrors}, docs/decisions/0057, 0069): the targets, threshold
 * and flags ({@link SlaPolicyForm}), the escalation steps ({@link SlaEscalationForm}), the
 * calendars ({@link SlaCalendarsForm}, shown by {@link SlaCalendarRows}) and a calendar's holidays
 * and special days ({@link SlaDaysForm}). They go through {@link SlaApi}'s own methods, so the page
 * accepts and refuses exactly what {@code POST /sla/config} and {@code /sla/calendars} do.
 */
@Controller
final class SlaSettingsPage {
  /** How many blank rows the targets form offers for new targets. */
  static final int BLANK_TARGET_ROWS = 2;

  private final OmniFlow omniFlow;
  private final Pages pages;

  SlaSettingsPage(OmniFlow omniFlow, Pages pages) {
    this.omniFlow = omniFlow;
    this.pages = pages;
  }

  /**
   * A row of the targets table.
   *
   * @param channel a channel id, or empty for every channel
   * @param band a score band, or empty for every band
   * @param firstResponse the window as typed: whole minutes, or an ISO-8601 duration
   */
  record TargetRow(
      String channel,
      String band,
      String firstResponse,
      String nextResponse,
      String afterHours,
      String label) {}

  /** A value to choose, with the words to show. */
  record Choice(String value, String label) {}

  @GetMapping("/settings/sla")
  String sla(@AuthenticationPrincipal SignedIn who, HttpServletRequest request, Model model) {
    Actor actor = pages.actor(who, request);
    return show(actor, who, model, Map.of(), Map.of());
  }

  /** The page with {@code errors} beside their fields and {@code typed} values kept. */
  String show(
      Actor actor,
      SignedIn who,
      Model model,
      Map<String, String> errors,
      Map<String, String> typed) {
    pages.frame(actor, who, "settings-sla", model);
    boolean manage = Permission.SLA_MANAGE.allows(actor.role());
    SlaConfig config = omniFlow.sla().config(actor);
    SlaPolicy policy = config.policy();
    List<TargetRow> targets = new ArrayList<>();
    for (SlaTarget t : policy.targets()) {
      targets.add(
          new TargetRow(
              t.channel() == null ? "" : t.channel(),
              t.band() == null ? "" : t.band(),
              window(t.firstResponse()),
              window(t.nextResponse()),
              t.afterHours() == null ? "" : window(t.afterHours()),
              targetLabel(t)));
    }
    List<TargetRow> targetRows = new ArrayList<>(targets);
    for (int i = 0; i < BLANK_TARGET_ROWS && targetRows.size() < SlaPolicy.MAX_TARGETS; i++) {
      targetRows.add(new TargetRow("", "", "", "", "", ""));
    }
    List<String> escalation = new ArrayList<>();
    for (EscalationStep s : policy.escalation()) {
      escalation.add(step(s));
    }
    Map<String, String> groupNames = new LinkedHashMap<>();
    Map<String, String> agentNames = new LinkedHashMap<>();
    if (Permission.ROUTING_READ.allows(actor.role())) {
      for (RoutingGroup g : omniFlow.routing().groups(actor)) {
        groupNames.put(g.key(), g.name());
      }
      for (Agent a : omniFlow.routing().agents(actor)) {
        agentNames.put(a.id().toString(), a.name());
      }
    }
    List<Choice> scopes = new ArrayList<>();
    scopes.add(new Choice("org", "The whole org"));
    groupNames.forEach((k, n) -> scopes.add(new Choice("group:" + k, "Group " + n)));
    agentNames.forEach((k, n) -> scopes.add(new Choice("agent:" + k, "Agent " + n)));
    List<SlaCalendarRows.CalendarRow> calendars = new ArrayList<>();
    boolean hasOrgCalendar = false;
    for (SlaCalendar c : omniFlow.sla().calendars(actor)) {
      calendars.add(SlaCalendarRows.row(c, groupNames, agentNames));
      hasOrgCalendar |= c.scope().kind() == SlaCalendar.Kind.ORG;
    }
    model.addAttribute("manage", manage);
    model.addAttribute("source", config.source().wireName());
    model.addAttribute("targets", targets);
    model.addAttribute("targetRows", targetRows);
    model.addAttribute("threshold", policy.warningThreshold());
    model.addAttribute("thresholdPercent", Math.round(policy.warningThreshold() * 100));
    model.addAttribute("businessHoursOnly", policy.businessHoursOnly());
    model.addAttribute("pauseWhileWaiting", policy.pauseWhileWaiting());
    model.addAttribute("escalation", escalation);
    model.addAttribute("stepRows", SlaEscalationForm.rows(policy));
    model.addAttribute("triggers", SlaEscalationForm.TRIGGERS);
    model.addAttribute("actions", SlaEscalationForm.ACTIONS);
    List<Choice> groups = new ArrayList<>();
    groups.add(new Choice("", "No group"));
    groupNames.forEach((k, n) -> groups.add(new Choice(k, n)));
    for (EscalationStep s : policy.escalation()) {
      if (s.group() != null && !groupNames.containsKey(s.group())) {
        groups.add(new Choice(s.group(), s.group()));
      }
    }
    model.addAttribute("groups", groups);
    model.addAttribute("dayHourRows", SlaDaysForm.HOUR_ROWS);
    model.addAttribute("calendars", calendars);
    model.addAttribute("hasOrgCalendar", hasOrgCalendar);
    model.addAttribute("scopes", scopes);
    model.addAttribute("newHours", SlaCalendarRows.newHours());
    model.addAttribute("channels", choices(SlaTarget.CHANNELS, "Every channel"));
    model.addAttribute("bands", choices(SlaTarget.BANDS, "Every band"));
    model.addAttribute("days", DAYS);
    model.addAttribute("zones", PackSettingsPage.ZONES);
    model.addAttribute("orgZone", omniFlow.tenancy().org(actor).zone().getId());
    model.addAttribute("errors", errors);
    model.addAttribute("typed", typed);
    return "settings-sla";
  }

  /** A window as the form shows it: whole minutes, else its ISO-8601 form. */
  private static String window(Duration d) {
    return d.toSecondsPart() == 0 && d.toNanosPart() == 0
        ? Long.toString(d.toMinutes())
        : d.toString();
  }

  private static String targetLabel(SlaTarget t) {
    String channel = t.channel() == null ? "every channel" : t.channel().replace('_', ' ');
    String band = t.band() == null ? "" : ", " + t.band() + " leads";
    return channel + band;
  }

  private static String step(EscalationStep s) {
    String when = s.trigger() == EscalationStep.Trigger.WARNING ? "at risk" : "breached";
    String after =
        s.delay().isZero()
            ? "at once"
            : Duration.ofSeconds(s.delay().toSeconds()).toMinutes() + " min later";
    String action = s.action().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    return "When "
        + when
        + ", "
        + after
        + ": "
        + action
        + (s.group() == null ? "" : " " + s.group());
  }

  private static List<Choice> choices(List<String> values, String any) {
    List<Choice> out = new ArrayList<>();
    out.add(new Choice("", any));
    for (String v : values) {
      out.add(new Choice(v, v.replace('_', ' ')));
    }
    return out;
  }

  private static final List<Choice> DAYS =
      java.util.Arrays.stream(DayOfWeek.values())
          .map(
              d ->
                  new Choice(
                      d.name().toLowerCase(Locale.ROOT),
                      d.getDisplayName(TextStyle.FULL, Locale.ENGLISH)))
          .toList();
}
