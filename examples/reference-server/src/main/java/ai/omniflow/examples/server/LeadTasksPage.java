package ai.omniflow.examples.server;

import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.tasks.Task;
import ai.omniflow.tasks.TaskErrors;
import ai.omniflow.tasks.TaskService;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The lead page's tasks section: the tasks of the lead the signed-in person may see (all for
 * managers and owners, else their own), each with its due time in the org's zone and its status,
 * and for those who may write leads <b>Done</b> and <b>Snooze until</b> (a date and time in the
 * org's zone, at most {@link TaskService#MAX_SNOOZE} ahead). A refused snooze shows the lead page
 * again with core's message beside that task's field and writes nothing. Calls the same {@code
 * omniFlow.tasks()} methods as {@link TasksApi}; this class only adapts.
 */
@Controller
final class LeadTasksPage {
  /** The longest snooze value read: {@code yyyy-MM-ddTHH:mm:ss}. */
  private static final int MAX_UNTIL = 19;

  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

  private final OmniFlow omniFlow;
  private final Pages pages;
  private final LeadsPage leadsPage;

  LeadTasksPage(OmniFlow omniFlow, Pages pages, LeadsPage leadsPage) {
    this.omniFlow = omniFlow;
    this.pages = pages;
    this.leadsPage = leadsPage;
  }

  /**
   * A task as the lead page lists it: {@code due} in the org's zone, {@code dueLocal} the value a
   * {@code datetime-local} input starts from, {@code overdue} once its due time passed undone.
   */
  record TaskRow(
      String id,
      String label,
      String status,
      String due,
      String dueIso,
      String dueLocal,
      String assignee,
      boolean done,
      boolean overdue) {}

  /** The lead's tasks the actor may see, by due time, at most 50. */
  static List<TaskRow> rows(
      OmniFlow omniFlow, Actor actor, Pages.Zone zone, Map<UUID, String> members, UUID lead) {
    return omniFlow.tasks().ofLead(actor, lead, 50).stream()
        .map(
            t ->
                new TaskRow(
                    t.id().toString(),
                    t.kind().id().replace('_', '-') + ": " + t.title(),
                    t.status().wireName(),
                    zone.show(t.dueAt()),
                    zone.iso(t.dueAt()),
                    LOCAL.format(t.dueAt().atZone(zone.id())),
                    t.assigneeUserId() == null
                        ? "unassigned"
                        : InboxPage.assignee(members, t.assigneeUserId()),
                    t.done(),
                    t.overdueFor() != null && t.overdueFor().equals(t.dueAt()) && !t.done()))
        .toList();
  }

  /** Marks the task done. */
  @PostMapping("/ui/leads/{id}/tasks/{task}/complete")
  String complete(
      @AuthenticationPrincipal SignedIn who,
      HttpServletRequest request,
      @PathVariable String id,
      @PathVariable String task,
      RedirectAttributes flash) {
    Actor actor = pages.actor(who, request);
    Permission.LEADS_WRITE.check(actor);
    UUID lead = LeadsApi.leadId(id);
    Task done = omniFlow.tasks().complete(actor, ofLead(actor, lead, task).id());
    flash.addFlashAttribute("notice", "Done: " + done.title() + ".");
    return "redirect:/leads/" + lead + "#tasks-title";
  }

  /** Snoozes the task until a date and time in the org's zone. */
  @PostMapping("/ui/leads/{id}/tasks/{task}/snooze")
  String snooze(
      @AuthenticationPrincipal SignedIn who,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @PathVariable String id,
      @PathVariable String task,
      @RequestParam(required = false) @Nullable String until,
      RedirectAttributes flash) {
    Actor actor = pages.actor(who, request);
    Permission.LEADS_WRITE.check(actor);
    UUID lead = LeadsApi.leadId(id);
    Task t = ofLead(actor, lead, task);
    ZoneId zone = omniFlow.tenancy().org(actor).zone();
    try {
      Task snoozed = omniFlow.tasks().snooze(actor, t.id(), parseUntil(until, zone));
      flash.addFlashAttribute(
          "notice",
          "Snoozed: "
              + snoozed.title()
              + ", due "
              + new Pages.Zone(zone).show(snoozed.dueAt())
              + ".");
      return "redirect:/leads/" + lead + "#tasks-title";
    } catch (OmniFlowException e) {
      if (!FormErrors.inForm(e)) {
        throw e;
      }
      response.setStatus(e.kind().httpStatus());
      model.addAttribute("taskErrors", FormErrors.of(e, "snooze-" + t.id(), Set.of("until")));
      return leadsPage.show(actor, who, model, lead);
    }
  }

  /** The task, if it is one of the lead's the actor sees; never echoes the id. */
  private Task ofLead(Actor actor, UUID lead, String task) {
    Task t = omniFlow.tasks().get(actor, TasksApi.taskId(task));
    if (!t.leadId().equals(lead)) {
      throw OmniFlowException.notFound("The task");
    }
    return t;
  }

  /**
   * A {@code datetime-local} value ({@code 2026-12-08T09:00}) read in the org's zone; blank reads
   * as null, which core refuses. Never echoes the value.
   */
  static @Nullable Instant parseUntil(@Nullable String until, ZoneId zone) {
    if (until == null || until.isBlank()) {
      return null;
    }
    String text = until.strip();
    try {
      if (text.length() <= MAX_UNTIL) {
        return LocalDateTime.parse(text).atZone(zone).toInstant();
      }
    } catch (DateTimeParseException e) {
      // Falls through to the typed error.
    }
    throw OmniFlowException.invalidInput(
        TaskErrors.INVALID_SNOOZE_UNTIL,
        "until must be a date and time such as 2026-12-08T09:00, in the org's time zone.");
  }
}
