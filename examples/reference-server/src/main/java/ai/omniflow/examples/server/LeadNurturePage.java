package ai.omniflow.examples.server;

import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.enrollment.Enrollment;
import ai.omniflow.enrollment.EnrollmentHistoryEntry;
import ai.omniflow.enrollment.LeadNurture;
import ai.omniflow.enrollment.NurtureSuggestions;
import ai.omniflow.enrollment.StoredEnrollment;
import ai.omniflow.leads.Lead;
import ai.omniflow.nurture.Playbook;
import ai.omniflow.nurture.PlaybookStep;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The lead page's nurture section: the lead's newest enrollment ({@code
 * omniFlow.enrollments().get}, as {@code GET /leads/{id}/nurture}) with its playbook, the step it
 * is at, when it runs next in the org's zone, why it ended, and its history; and, for those who may
 * write leads, <b>Stop nurture</b> on a running one ({@code omniFlow.enrollments().stop}, as {@code
 * POST /leads/{id}/nurture/stop}). While the open lead runs no enrollment, the playbooks suggested
 * for it ({@code omniFlow.playbooks().suggest}, as {@code POST /leads/{id}/nurture/suggest}) with
 * why each fits, and for those who may write leads <b>Apply</b> on each ({@code
 * omniFlow.enrollments().apply}, as {@code POST /leads/{id}/nurture/apply}). This class only
 * adapts.
 */
@Controller
final class LeadNurturePage {
  /** Why an enrollment ended, in words, by its end reason; another reason shows as its code. */
  private static final Map<String, String> REASONS =
      Map.of(
          "completed", "ran to its end",
          "replied", "the contact replied",
          "opted_out", "the contact opted out",
          "stopped_by_user", "stopped by a person",
          "lead_closed", "the lead was won or lost",
          "no_reachable_channel", "no channel could reach the contact",
          "unknown_playbook", "the org no longer has the playbook");

  private final OmniFlow omniFlow;
  private final Pages pages;

  LeadNurturePage(OmniFlow omniFlow, Pages pages) {
    this.omniFlow = omniFlow;
    this.pages = pages;
  }

  /**
   * A lead's enrollment as the page shows it.
   *
   * @param playbook the playbook's name, or its key if the org no longer has it
   * @param status {@code active}, {@code completed} or {@code stopped}
   * @param step where it is: {@code Step 2 of 4: nudge (send)}, or the end of the playbook
   * @param nextRun when a running one runs next, in the org's zone, or {@code null}
   * @param ended why an ended one ended, in words, or {@code null}
   * @param endReason its end reason's code, or {@code null}
   */
  record NurtureView(
      String playbook,
      String playbookKey,
      String status,
      boolean active,
      String step,
      @Nullable String nextRun,
      @Nullable String nextRunIso,
      @Nullable String ended,
      @Nullable String endReason,
      String started,
      List<HistoryRow> history) {}

  /**
   * A playbook suggested for the lead.
   *
   * @param reasons why it fits the lead, one sentence a criterion
   * @param blocked why an enrollment made now would end before doing anything, in words, or {@code
   *     null}
   * @param blockedReason that reason's code, or {@code null}
   */
  record SuggestionRow(
      String key,
      String name,
      List<String> reasons,
      @Nullable String blocked,
      @Nullable String blockedReason) {}

  /** A line of the enrollment's history. */
  record HistoryRow(String what, @Nullable String detail, String at, String atIso) {}

  /** The lead's newest enrollment, or {@code null} if it was never enrolled. */
  static @Nullable NurtureView view(OmniFlow omniFlow, Actor actor, Pages.Zone zone, UUID lead) {
    LeadNurture n = omniFlow.enrollments().get(actor, lead);
    StoredEnrollment s = n.enrollment();
    if (s == null) {
      return null;
    }
    Enrollment e = s.enrollment();
    Playbook playbook = playbook(omniFlow, actor, e.playbookKey());
    String reason = e.endReason();
    return new NurtureView(
        playbook == null ? e.playbookKey() : playbook.name(),
        e.playbookKey(),
        e.status().name().toLowerCase(Locale.ROOT),
        e.active(),
        step(playbook, e.step()),
        e.active() ? zone.show(e.nextRunAt()) : null,
        e.active() ? zone.iso(e.nextRunAt()) : null,
        reason == null ? null : REASONS.getOrDefault(reason, reason.replace('_', ' ')),
        reason,
        zone.show(s.createdAt()),
        n.history().stream().map(h -> row(h, zone)).toList());
  }

  /**
   * The playbooks suggested for the lead, the most specific first; {@code null} when none is asked
   * for: a closed lead, a lead that runs an enrollment, an org with no pack. The org's playbooks
   * that no longer fit its pack are never among them ({@link InvalidPlaybooks} lists those).
   */
  static @Nullable List<SuggestionRow> suggestions(
      OmniFlow omniFlow, Actor actor, Lead lead, @Nullable NurtureView nurture, boolean hasPack) {
    if (!lead.isOpen() || !hasPack || (nurture != null && nurture.active())) {
      return null;
    }
    NurtureSuggestions s = omniFlow.playbooks().suggest(actor, lead.id());
    if (s.unavailable() != null) {
      return null;
    }
    return s.playbooks().stream()
        .map(
            one ->
                new SuggestionRow(
                    one.playbook().playbook().key(),
                    one.playbook().playbook().name(),
                    one.reasons(),
                    one.blocked() == null
                        ? null
                        : REASONS.getOrDefault(one.blocked(), one.blocked().replace('_', ' ')),
                    one.blocked()))
        .toList();
  }

  /**
   * Enrolls the lead in the playbook {@code playbook}; a refusal ({@code playbook_invalid} for one
   * that no longer fits the pack, {@code enrollment_active}, {@code lead_closed}) is the page's
   * error and writes nothing.
   */
  @PostMapping("/ui/leads/{id}/nurture/apply")
  String apply(
      @AuthenticationPrincipal SignedIn who,
      HttpServletRequest request,
      @PathVariable String id,
      @RequestParam(required = false) @Nullable String playbook,
      RedirectAttributes flash) {
    Actor actor = pages.actor(who, request);
    Permission.LEADS_WRITE.check(actor);
    UUID lead = LeadsApi.leadId(id);
    LeadNurture n = omniFlow.enrollments().apply(actor, lead, playbook == null ? "" : playbook);
    StoredEnrollment s = n.enrollment();
    String key = s == null ? "" : s.enrollment().playbookKey();
    Playbook applied = playbook(omniFlow, actor, key);
    flash.addFlashAttribute(
        "notice", "Nurture started: " + (applied == null ? key : applied.name()) + ".");
    return "redirect:/leads/" + lead + "#nurture-title";
  }

  /** Stops the lead's running enrollment. */
  @PostMapping("/ui/leads/{id}/nurture/stop")
  String stop(
      @AuthenticationPrincipal SignedIn who,
      HttpServletRequest request,
      @PathVariable String id,
      RedirectAttributes flash) {
    Actor actor = pages.actor(who, request);
    Permission.LEADS_WRITE.check(actor);
    UUID lead = LeadsApi.leadId(id);
    omniFlow.enrollments().stop(actor, lead);
    flash.addFlashAttribute("notice", "Nurture stopped.");
    return "redirect:/leads/" + lead + "#nurture-title";
  }

  /** The playbook in force with the key, or {@code null} if the org has none by it any more. */
  private static @Nullable Playbook playbook(OmniFlow omniFlow, Actor actor, String key) {
    try {
      return omniFlow.playbooks().get(actor, key).playbook();
    } catch (OmniFlowException e) {
      return null;
    }
  }

  private static String step(@Nullable Playbook playbook, int index) {
    if (playbook == null) {
      return "Step " + (index + 1);
    }
    List<PlaybookStep> steps = playbook.steps();
    if (index >= steps.size()) {
      return "End of the playbook (" + steps.size() + " steps)";
    }
    PlaybookStep s = steps.get(index);
    return "Step " + (index + 1) + " of " + steps.size() + ": " + s.key() + " (" + s.kind() + ")";
  }

  private static HistoryRow row(EnrollmentHistoryEntry h, Pages.Zone zone) {
    String what = h.kind().wireName().replace('_', ' ');
    return new HistoryRow(
        h.stepKey() == null ? what : what + " at " + h.stepKey(),
        h.detail(),
        zone.show(h.at()),
        zone.iso(h.at()));
  }
}
