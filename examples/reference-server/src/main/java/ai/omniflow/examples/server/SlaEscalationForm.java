package ai.omniflow.examples.server;

import ai.omniflow.Limits;
import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.sla.EscalationStep;
import ai.omniflow.sla.SlaPolicy;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The escalation steps of {@code /settings/sla}: a table of rows (when, after how many minutes,
 * what to do, and the group a re-route goes to), the steps in force first and blank rows to add
 * more; a row whose action is left at "no step" is dropped. Saving replaces the escalation through
 * {@link SlaApi#replaceConfig}, keeping the targets, threshold and flags in force, so the page
 * accepts and refuses what {@code POST /sla/config} does (order, the pond last, a known group), the
 * refusal shown beside the table (docs/decisions/0056, 0069). Owners, admins and managers ({@link
 * Permission#SLA_MANAGE}) only.
 */
@Controller
final class SlaEscalationForm {

  /** The key of the escalation table's error, and the id its fieldset is described by. */
  static final String STEPS = "escalation-steps";

  private static final int MAX_CELL = 32;

  private final OmniFlow omniFlow;
  private final Pages pages;
  private final SlaApi slaApi;
  private final SlaSettingsPage page;

  SlaEscalationForm(OmniFlow omniFlow, Pages pages, SlaApi slaApi, SlaSettingsPage page) {
    this.omniFlow = omniFlow;
    this.pages = pages;
    this.slaApi = slaApi;
    this.page = page;
  }

  /**
   * A row of the escalation table.
   *
   * @param trigger {@code warning} or {@code breach}
   * @param delay whole minutes, or an ISO-8601 duration; empty on a blank row
   * @param action an action's wire name, or empty for no step
   * @param group the routing group a re-route goes to, or empty
   */
  record StepRow(String trigger, String delay, String action, String group) {}

  /** The steps of {@code policy} as rows, then blank rows up to the most a policy holds. */
  static List<StepRow> rows(SlaPolicy policy) {
    List<StepRow> rows = new ArrayList<>();
    for (EscalationStep s : policy.escalation()) {
      Duration d = s.delay();
      rows.add(
          new StepRow(
              s.trigger().name().toLowerCase(Locale.ROOT),
              d.toSecondsPart() == 0 && d.toNanosPart() == 0
                  ? Long.toString(d.toMinutes())
                  : d.toString(),
              s.action().name().toLowerCase(Locale.ROOT),
              s.group() == null ? "" : s.group()));
    }
    for (int i = 0; i < 2 && rows.size() < SlaPolicy.MAX_ESCALATION_STEPS; i++) {
      rows.add(new StepRow("breach", "", "", ""));
    }
    return rows;
  }

  /** The actions a step may take, with the words to show; the first is "no step". */
  static final List<SlaSettingsPage.Choice> ACTIONS =
      List.of(
          new SlaSettingsPage.Choice("", "No step"),
          new SlaSettingsPage.Choice("notify_assignee", "Notify the assignee"),
          new SlaSettingsPage.Choice("notify_manager", "Notify the managers"),
          new SlaSettingsPage.Choice("reroute_to_group", "Re-route to the group"),
          new SlaSettingsPage.Choice("move_to_pond", "Move the lead to the pond"));

  /** What starts a step's delay. */
  static final List<SlaSettingsPage.Choice> TRIGGERS =
      List.of(
          new SlaSettingsPage.Choice("warning", "At risk"),
          new SlaSettingsPage.Choice("breach", "Breached"));

  /** Replaces the escalation steps, keeping the rest of the policy in force. */
  @PostMapping("/ui/settings/sla/escalation")
  String save(
      @AuthenticationPrincipal SignedIn who,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      RedirectAttributes flash) {
    Actor actor = pages.actor(who, request);
    Permission.SLA_MANAGE.check(actor);
    try {
      List<SlaApi.StepBody> steps = steps(request);
      slaApi.replaceConfig(actor, SlaBodies.config(omniFlow.sla().config(actor).policy(), steps));
      flash.addFlashAttribute(
          "notice",
          steps.isEmpty()
              ? "Escalation removed: nothing happens when a reply is late but the badge."
              : "Escalation saved: " + steps.size() + (steps.size() == 1 ? " step." : " steps."));
      return "redirect:/settings/sla#escalation-title";
    } catch (OmniFlowException e) {
      if (!FormErrors.inForm(e)) {
        throw e;
      }
      response.setStatus(e.kind().httpStatus());
      String message = e.getMessage() == null ? "" : e.getMessage();
      return page.show(actor, who, model, Map.of(STEPS, message), Map.of());
    }
  }

  /** The table's rows, read side by side; a row without an action is skipped. */
  private static List<SlaApi.StepBody> steps(HttpServletRequest request) {
    int max = SlaPolicy.MAX_ESCALATION_STEPS * 2;
    List<String> triggers = Limits.list("escalation", FormValues.of(request, "trigger"), max);
    List<String> delays = Limits.list("escalation", FormValues.of(request, "delay"), max);
    List<String> actions = Limits.list("escalation", FormValues.of(request, "action"), max);
    List<String> groups = Limits.list("escalation", FormValues.of(request, "group"), max);
    int n = actions.size();
    if (triggers.size() != n || delays.size() != n || groups.size() != n) {
      throw OmniFlowException.invalidInput(
          "invalid_escalation",
          "escalation steps must each have a trigger, a delay and an action.");
    }
    List<SlaApi.StepBody> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String action = cell(actions.get(i));
      if (action != null) {
        String delay = SlaPolicyForm.window(Limits.text("escalation", delays.get(i), MAX_CELL));
        out.add(
            new SlaApi.StepBody(
                cell(triggers.get(i)),
                delay == null ? "PT0S" : delay,
                action,
                InboxApi.blank(Limits.text("escalation", groups.get(i), Limits.MAX_ID))));
      }
    }
    return out;
  }

  private static @Nullable String cell(String value) {
    return InboxApi.blank(Limits.text("escalation", value, MAX_CELL));
  }
}
