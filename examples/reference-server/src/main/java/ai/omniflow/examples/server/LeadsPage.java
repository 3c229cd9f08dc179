package ai.omniflow.examples.server;

import ai.omniflow.Limits;
import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.Page;
import ai.omniflow.PageRequest;
import ai.omniflow.events.DomainEvent;
import ai.omniflow.fields.LeadField;
import ai.omniflow.leads.ExplanationLine;
import ai.omniflow.leads.Lead;
import ai.omniflow.leads.LeadFilter;
import ai.omniflow.leads.LeadOutcome;
import ai.omniflow.leads.LeadScore;
import ai.omniflow.pack.VerticalPack;
import ai.omniflow.routing.Agent;
import ai.omniflow.routing.RoutingEvents;
import ai.omniflow.sla.SlaState;
import ai.omniflow.sla.ThreadSla;
import ai.omniflow.tenancy.Actor;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /leads}: the leads with score, owner, stage and the SLA badge of their conversation's
 * first response ({@link SlaBadge}), filtered by stage, status and that badge's state ({@code
 * sla=at_risk,breached}, read as {@code GET /leads} reads it); a lead with its fields, the
 * explanation of its score, its routing decisions, its nurture ({@link LeadNurturePage}), its tasks
 * ({@link LeadTasksPage}) and the outcome form. {@code GET /leads} and {@code GET /leads/{id}}
 * answer HTML only to a client that asks for it; {@link LeadsApi} answers everyone else with JSON.
 * The actions call the same OmniFlow facades as {@link LeadsApi}.
 */
@Controller
final class LeadsPage {
  private static final int LEADS_SHOWN = 100;

  /** How many of the newest events the lead page reads for routing decisions. */
  static final int EVENTS_READ = 1_000;

  private final OmniFlow omniFlow;
  private final Pages pages;

  LeadsPage(OmniFlow omniFlow, Pages pages) {
    this.omniFlow = omniFlow;
    this.pages = pages;
  }

  /** A lead in the list. */
  record LeadRow(
      String id,
      String contact,
      @Nullable Integer score,
      String band,
      String owner,
      String stage,
      String source,
      String created,
      String createdIso,
      String outcome,
      @Nullable String language,
      @Nullable SlaBadge sla) {}

  /** A line of a score's explanation. */
  record Line(String what, String points) {}

  /** A routing decision. */
  record Decision(String at, String atIso, String outcome, String detail, List<String> why) {}

  /** A field of the lead. */
  record Field(String label, String value) {}

  @GetMapping(value = "/leads", produces = MediaType.TEXT_HTML_VALUE)
  String leads(
      @AuthenticationPrincipal SignedIn who,
      HttpServletRequest request,
      Model model,
      @RequestParam(required = false) @Nullable String stage,
      @RequestParam(required = false) @Nullable String status,
      @RequestParam(required = false) @Nullable String sla) {
    Actor actor = pages.actor(who, request);
    Set<SlaState> states = InboxApi.slaStates(sla);
    Pages.Zone zone = pages.frame(actor, who, "leads", model);
    Map<UUID, String> members = pages.memberNames(actor);
    Map<String, String> stages = stages(actor);
    String stageKey = InboxApi.blank(stage);
    String statusKey = InboxApi.blank(status);
    Boolean open =
        statusKey == null
            ? null
            : switch (statusKey) {
              case "open" -> true;
              case "closed" -> false;
              default ->
                  throw OmniFlowException.badRequest(
                      ai.omniflow.leads.LeadErrors.INVALID_FILTER,
                      "status must be open or closed.");
            };
    Page<Lead> leads =
        LeadsApi.list(
            omniFlow,
            actor,
            new LeadFilter(stageKey, null, null, null, open, false),
            states,
            PageRequest.of(LEADS_SHOWN, 0));
    Map<UUID, String> contacts = new HashMap<>();
    Map<UUID, ThreadSla> clocks =
        SlaViews.clocks(omniFlow, actor, leads.items().stream().map(Lead::threadId).toList());
    List<LeadRow> rows = new ArrayList<>();
    for (Lead l : leads.items()) {
      rows.add(
          new LeadRow(
              l.id().toString(),
              contact(actor, l.contactId(), contacts),
              l.score(),
              l.band() == null ? "" : l.band().name().toLowerCase(Locale.ROOT),
              InboxPage.assignee(members, l.ownerUserId()),
              stages.getOrDefault(l.stage(), l.stage()),
              l.sourceChannel() == null ? "—" : l.sourceChannel().id(),
              zone.show(l.createdAt()),
              zone.iso(l.createdAt()),
              outcome(l.outcome()),
              l.language(),
              l.threadId() == null ? null : SlaBadge.ofLead(clocks.get(l.threadId()), zone)));
    }
    model.addAttribute("leads", rows);
    model.addAttribute("leadTotal", leads.total());
    model.addAttribute("stages", stages);
    model.addAttribute("stage", stageKey == null ? "" : stageKey);
    model.addAttribute("status", statusKey == null ? "" : statusKey);
    model.addAttribute(
        "sla", states.stream().sorted().map(SlaState::wireName).collect(Collectors.joining(",")));
    model.addAttribute("slaChoices", InboxFilters.SLA_CHOICES);
    model.addAttribute("filtered", stageKey != null || statusKey != null || !states.isEmpty());
    return "leads";
  }

  @GetMapping(value = "/leads/{id}", produces = MediaType.TEXT_HTML_VALUE)
  String lead(
      @AuthenticationPrincipal SignedIn who,
      HttpServletRequest request,
      Model model,
      @PathVariable String id) {
    return show(pages.actor(who, request), who, model, LeadsApi.leadId(id));
  }

  /**
   * Renders the lead page; a form that was refused ({@link LeadTasksPage}) has put its errors in
   * the model first.
   */
  String show(Actor actor, SignedIn who, Model model, UUID leadId) {
    Pages.Zone zone = pages.frame(actor, who, "leads", model);
    Lead lead = omniFlow.leads().get(actor, leadId);
    Map<UUID, String> members = pages.memberNames(actor);
    VerticalPack pack = omniFlow.packs().current(actor).orElse(null);
    Map<String, String> stages = stages(actor);
    List<Field> fields = new ArrayList<>();
    if (pack != null) {
      for (LeadField f : pack.leadFields()) {
        Object v = lead.fields().get(f.key());
        if (v != null) {
          fields.add(new Field(f.label(), String.valueOf(v)));
        }
      }
    }
    List<LeadScore> scores =
        omniFlow.leads().scoreHistory(actor, lead.id(), PageRequest.of(10, 0)).items();
    List<Line> lines = scores.isEmpty() ? List.of() : lines(scores.get(0));
    model.addAttribute("lead", lead);
    model.addAttribute("contact", contact(actor, lead.contactId(), new HashMap<>()));
    model.addAttribute("owner", InboxPage.assignee(members, lead.ownerUserId()));
    model.addAttribute("stage", stages.getOrDefault(lead.stage(), lead.stage()));
    model.addAttribute("source", lead.sourceChannel() == null ? "—" : lead.sourceChannel().id());
    model.addAttribute("created", zone.show(lead.createdAt()));
    model.addAttribute("fields", fields);
    model.addAttribute("scoreLines", lines);
    model.addAttribute("scoredAt", scores.isEmpty() ? null : zone.show(scores.get(0).scoredAt()));
    model.addAttribute(
        "history",
        scores.stream()
            .map(s -> new Field(zone.show(s.scoredAt()), s.total() + " (" + s.reason() + ")"))
            .toList());
    model.addAttribute("decisions", decisions(actor, zone, lead.id()));
    LeadNurturePage.NurtureView nurture = LeadNurturePage.view(omniFlow, actor, zone, lead.id());
    model.addAttribute("nurture", nurture);
    model.addAttribute(
        "suggestions", LeadNurturePage.suggestions(omniFlow, actor, lead, nurture, pack != null));
    // The org's playbooks suggestions leave out and apply refuses, with why (decision 0091).
    model.addAttribute("playbooksLeftOut", InvalidPlaybooks.of(omniFlow, actor));
    // The tasks the signed-in person may see: all for managers and owners, else their own.
    model.addAttribute("tasks", LeadTasksPage.rows(omniFlow, actor, zone, members, lead.id()));
    if (!model.containsAttribute("taskErrors")) {
      model.addAttribute("taskErrors", Map.of());
    }
    model.addAttribute("outcome", lead.outcome() == null ? null : outcome(lead.outcome()));
    model.addAttribute(
        "closedAt", lead.outcome() == null ? null : zone.show(lead.outcome().closedAt()));
    return "lead";
  }

  @PostMapping("/ui/leads/{id}/score")
  String score(
      @AuthenticationPrincipal SignedIn who,
      HttpServletRequest request,
      @PathVariable String id,
      RedirectAttributes flash) {
    Actor actor = pages.actor(who, request);
    UUID lead = LeadsApi.leadId(id);
    int score = omniFlow.leads().score(actor, lead).score().total();
    flash.addFlashAttribute("notice", "Scored " + score + ".");
    return "redirect:/leads/" + lead;
  }

  @PostMapping("/ui/leads/{id}/route")
  String route(
      @AuthenticationPrincipal SignedIn who,
      HttpServletRequest request,
      @PathVariable String id,
      RedirectAttributes flash) {
    Actor actor = pages.actor(who, request);
    UUID lead = LeadsApi.leadId(id);
    String outcome =
        omniFlow.leads().route(actor, lead).decision().outcome().name().toLowerCase(Locale.ROOT);
    flash.addFlashAttribute("notice", "Routed: " + outcome + ".");
    return "redirect:/leads/" + lead;
  }

  /** The outcome form: won with an amount, or lost with a reason. */
  @PostMapping("/ui/leads/{id}/outcome")
  String outcome(
      @AuthenticationPrincipal SignedIn who,
      HttpServletRequest request,
      @PathVariable String id,
      @RequestParam(required = false) @Nullable String status,
      @RequestParam(required = false) @Nullable String amount,
      @RequestParam(required = false) @Nullable String currency,
      @RequestParam(required = false) @Nullable String reason,
      RedirectAttributes flash) {
    Actor actor = pages.actor(who, request);
    UUID lead = LeadsApi.leadId(id);
    LeadOutcome.Status s = LeadOutcome.Status.parse(InboxApi.blank(status));
    String amountText = InboxApi.blank(amount);
    BigDecimal money = amountText == null ? null : Limits.decimal("amount", amountText);
    Limits.optionalText("currency", currency, Limits.MAX_ID);
    Limits.optionalText("reason", reason, LeadOutcome.MAX_REASON);
    omniFlow
        .leads()
        .recordOutcome(
            actor,
            lead,
            new LeadOutcome(
                s,
                money,
                InboxApi.blank(currency),
                omniFlow.clock().instant(),
                InboxApi.blank(reason)));
    flash.addFlashAttribute("notice", "Outcome recorded.");
    return "redirect:/leads/" + lead;
  }

  private Map<String, String> stages(Actor actor) {
    Map<String, String> stages = new LinkedHashMap<>();
    omniFlow
        .packs()
        .current(actor)
        .ifPresent(p -> p.stages().forEach(s -> stages.put(s.key(), s.label())));
    return stages;
  }

  private String contact(Actor actor, UUID contactId, Map<UUID, String> cache) {
    return cache.computeIfAbsent(
        contactId,
        c -> {
          String name = omniFlow.contacts().contact(actor, c).displayName();
          return name != null ? name : "Contact " + c.toString().substring(0, 8);
        });
  }

  private List<Decision> decisions(Actor actor, Pages.Zone zone, UUID lead) {
    Map<String, String> agents = new HashMap<>();
    for (Agent a : omniFlow.routing().agents(actor)) {
      agents.put(a.id().toString(), a.name());
    }
    String subject = lead.toString();
    List<Decision> out = new ArrayList<>();
    for (int offset = 0; offset < EVENTS_READ; offset += PageRequest.MAX_LIMIT) {
      Page<DomainEvent> page =
          omniFlow.events().list(actor, PageRequest.of(PageRequest.MAX_LIMIT, offset));
      for (DomainEvent e : page.items()) {
        if (e.type().equals(RoutingEvents.LEAD_ROUTED) && e.subjectId().equals(subject)) {
          out.add(decision(zone, e, agents));
        }
      }
      if (page.items().size() < PageRequest.MAX_LIMIT) {
        break;
      }
    }
    return out;
  }

  private static Decision decision(Pages.Zone zone, DomainEvent e, Map<String, String> agents) {
    Map<String, @Nullable Object> p = e.payload();
    String outcome = String.valueOf(p.get("outcome"));
    List<String> detail = new ArrayList<>();
    Object agent = p.get("agent_id");
    if (agent != null) {
      detail.add("to " + agents.getOrDefault(agent.toString(), "an agent"));
    }
    if (p.get("group") != null) {
      detail.add("group " + p.get("group"));
    }
    if (p.get("policy") != null) {
      detail.add("policy " + p.get("policy"));
    }
    List<String> why = new ArrayList<>();
    if (p.get("explanation") instanceof List<?> list) {
      list.forEach(x -> why.add(String.valueOf(x)));
    }
    return new Decision(
        zone.show(e.occurredAt()),
        zone.iso(e.occurredAt()),
        outcome,
        String.join(", ", detail),
        why);
  }

  static List<Line> lines(LeadScore s) {
    List<Line> lines = new ArrayList<>();
    for (ExplanationLine l : s.explanation()) {
      lines.add(line(l));
    }
    return lines;
  }

  private static Line line(ExplanationLine l) {
    if (l instanceof ExplanationLine.RuleLine r) {
      return new Line(r.key() + " (" + r.group() + ")", signed(r.points()));
    }
    if (l instanceof ExplanationLine.ModelInterceptLine m) {
      return new Line("model intercept", String.format(Locale.ROOT, "%+.3f", m.contribution()));
    }
    if (l instanceof ExplanationLine.FeatureLine f) {
      return new Line(
          "model feature " + f.feature() + " = " + f.value(),
          String.format(Locale.ROOT, "%+.3f", f.contribution()));
    }
    ExplanationLine.BlendLine b = (ExplanationLine.BlendLine) l;
    return new Line(
        "blend of rules "
            + b.rulesScore()
            + " and model v"
            + b.modelVersion()
            + String.format(Locale.ROOT, " (p = %.2f)", b.modelProbability()),
        "= " + b.score());
  }

  private static String signed(int points) {
    return points >= 0 ? "+" + points : Integer.toString(points);
  }

  static String outcome(@Nullable LeadOutcome o) {
    if (o == null) {
      return "open";
    }
    String status = o.status().name().toLowerCase(Locale.ROOT);
    return o.amount() == null
        ? status
        : status
            + " "
            + o.amount().toPlainString()
            + (o.currency() == null ? "" : " " + o.currency());
  }
}
