package ai.omniflow.examples.server;

import ai.omniflow.Limits;
import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.sla.SlaErrors;
import ai.omniflow.sla.SlaPolicy;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The policy form of {@code /settings/sla} ({@link SlaSettingsPage}): the response targets per
 * channel and score band, the warning threshold and the two flags, sent through {@link
 * SlaApi#replaceConfig} with the escalation steps in force, so the page accepts and refuses what
 * {@code PUT /sla/config} does; a refused value is shown beside its field ({@link FormErrors},
 * docs/decisions/0057). Owners, admins and managers ({@link Permission#SLA_MANAGE}) only.
 */
@Controller
final class SlaPolicyForm {
  /** The longest cell of the targets table that is read: a channel, a band, a window. */
  private static final int MAX_CELL = 32;

  private static final Set<String> POLICY_FIELDS = Set.of("targets", "warning_threshold");

  /** The codes of a single target's values: shown beside the targets table. */
  private static final Set<String> TARGET_CODES =
      Set.of(
          "invalid_first_response",
          "invalid_next_response",
          "invalid_after_hours",
          "invalid_channel",
          "invalid_band");

  private final OmniFlow omniFlow;
  private final Pages pages;
  private final SlaApi slaApi;
  private final SlaSettingsPage page;

  SlaPolicyForm(OmniFlow omniFlow, Pages pages, SlaApi slaApi, SlaSettingsPage page) {
    this.omniFlow = omniFlow;
    this.pages = pages;
    this.slaApi = slaApi;
    this.page = page;
  }

  /**
   * Replaces the policy in force with the org's own: the rows of the targets table (blank rows
   * ignored), the warning threshold and the two flags; the escalation steps in force are kept.
   */
  @PostMapping("/ui/settings/sla/policy")
  String policy(
      @AuthenticationPrincipal SignedIn who,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @RequestParam(name = "warning_threshold", required = false) @Nullable String threshold,
      @RequestParam(name = "business_hours_only", required = false) @Nullable String businessHours,
      @RequestParam(name = "pause_while_waiting", required = false) @Nullable String pause,
      RedirectAttributes flash) {
    Actor actor = pages.actor(who, request);
    Permission.SLA_MANAGE.check(actor);
    try {
      slaApi.replaceConfig(
          actor,
          new SlaApi.ConfigBody(
              targetRows(request),
              share(threshold),
              businessHours != null,
              pause != null,
              SlaBodies.steps(omniFlow.sla().config(actor).policy())));
      flash.addFlashAttribute("notice", "SLA policy saved: the org's own policy is in force.");
      return "redirect:/settings/sla";
    } catch (OmniFlowException e) {
      if (!FormErrors.inForm(e)) {
        throw e;
      }
      response.setStatus(e.kind().httpStatus());
      return page.show(actor, who, model, policyErrors(e), Map.of());
    }
  }

  /** The rows of the targets table, in order; a row with nothing typed is skipped. */
  private static List<SlaApi.TargetBody> targetRows(HttpServletRequest request) {
    List<String> channels = cells(request, "channel");
    List<String> bands = cells(request, "band");
    List<String> firsts = cells(request, "first_response");
    List<String> nexts = cells(request, "next_response");
    List<String> afters = cells(request, "after_hours");
    int n = channels.size();
    if (bands.size() != n || firsts.size() != n || nexts.size() != n || afters.size() != n) {
      throw OmniFlowException.invalidInput(
          "invalid_targets", "targets must each have a channel, a band and their windows.");
    }
    List<SlaApi.TargetBody> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String c = cell(channels.get(i));
      String b = cell(bands.get(i));
      String f = window(firsts.get(i));
      String x = window(nexts.get(i));
      String a = window(afters.get(i));
      if (c != null || b != null || f != null || x != null || a != null) {
        out.add(new SlaApi.TargetBody(c, b, f, x, a));
      }
    }
    return out;
  }

  private static List<String> cells(HttpServletRequest request, String name) {
    return Limits.list("targets", FormValues.of(request, name), SlaPolicy.MAX_TARGETS * 2);
  }

  private static @Nullable String cell(String value) {
    return InboxApi.blank(Limits.text("targets", value, MAX_CELL));
  }

  /**
   * A window typed as whole minutes ({@code 15}) as the ISO-8601 duration the API takes ({@code
   * PT15M}); anything else is handed on as typed, for the API to read or refuse.
   */
  static @Nullable String window(String value) {
    String text = cell(value);
    if (text == null) {
      return null;
    }
    if (text.chars().allMatch(Character::isDigit) && text.length() <= 6) {
      return Duration.ofMinutes(Long.parseLong(text)).toString();
    }
    return text;
  }

  /** A share typed as {@code 0.75} (or as a percentage, {@code 75%}). */
  private static @Nullable Double share(@Nullable String raw) {
    String text = InboxApi.blank(raw);
    if (text == null) {
      return null;
    }
    String t = Limits.text("warning_threshold", text, 16);
    try {
      if (t.endsWith("%")) {
        return Double.parseDouble(t.substring(0, t.length() - 1).strip()) / 100;
      }
      return Double.parseDouble(t);
    } catch (NumberFormatException e) {
      throw OmniFlowException.invalidInput(
          "invalid_warning_threshold",
          "warning_threshold must be a number between 0 and 1, such as 0.75.");
    }
  }

  /** The policy form's error: beside the targets table, the threshold, or atop the form. */
  private static Map<String, String> policyErrors(OmniFlowException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    if (TARGET_CODES.contains(e.code())
        || (e.code().equals(SlaErrors.INVALID_SLA) && message.startsWith("targets"))) {
      return Map.of("policy-targets", message);
    }
    return FormErrors.of(e, "policy", POLICY_FIELDS);
  }
}
