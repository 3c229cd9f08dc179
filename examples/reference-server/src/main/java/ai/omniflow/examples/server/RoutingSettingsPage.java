package ai.omniflow.examples.server;

import ai.omniflow.Limits;
import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.routing.Agent;
import ai.omniflow.routing.Availability;
import ai.omniflow.routing.RoutingConfig;
import ai.omniflow.routing.RoutingGroup;
import ai.omniflow.routing.RoutingPolicy;
import ai.omniflow.routing.RoutingRule;
import ai.omniflow.routing.Shift;
import ai.omniflow.routing.TimeOff;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Org;
import ai.omniflow.tenancy.Permission;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /settings/routing}: the org's agents (availability, capacity, languages, shifts and time
 * off), its routing groups with their members and fallback chains, and the routing configuration in
 * force. Owners and admins ({@link Permission#ROUTING_MANAGE}) add and change agents and groups and
 * set anyone's availability (pause, weekly shifts, time zone); an agent may set only their own
 * agent's availability, as {@code RoutingService} allows; everyone else reads. The forms go through
 * {@link RoutingApi}'s own methods, so the page takes exactly what the JSON API takes; a refused
 * value is shown next to its field ({@link FormErrors}).
 */
@Controller
final class RoutingSettingsPage {
  private static final Pattern LIST_SEPARATOR = Pattern.compile("[,\\s]+");

  /** The longest languages field read, before splitting: 50 tags of 35 characters, separated. */
  private static final int MAX_LANGUAGES_TEXT = Agent.MAX_LANGUAGES * (Agent.MAX_LANGUAGE + 2);

  private static final Set<String> AGENT_FIELDS =
      Set.of("name", "capacity", "weight", "languages", "user_id");
  private static final Set<String> GROUP_FIELDS =
      Set.of("key", "name", "policy", "members", "offer_timeout", "fallback");

  private final OmniFlow omniFlow;
  private final Pages pages;
  private final RoutingApi routingApi;

  RoutingSettingsPage(OmniFlow omniFlow, Pages pages, RoutingApi routingApi) {
    this.omniFlow = omniFlow;
    this.pages = pages;
    this.routingApi = routingApi;
  }

  /** An agent as the page shows it. */
  record AgentRow(
      String id,
      String name,
      String member,
      @Nullable String userId,
      boolean active,
      boolean paused,
      boolean availableNow,
      String status,
      int capacity,
      int weight,
      String languages,
      String zone,
      List<String> shifts,
      List<String> timeOff,
      boolean canPause,
      List<ShiftRow> shiftRows) {}

  /**
   * A row of the shifts form: an agent's shift, or a blank row to add one.
   *
   * @param day a lower-case day name, or empty on a blank row
   */
  record ShiftRow(String day, String start, String end) {}

  /** How many blank rows the shifts form offers for new shifts. */
  static final int BLANK_SHIFT_ROWS = 3;

  /** The longest value of one cell of the shifts form that is read: a day name or a time. */
  private static final int MAX_SHIFT_TEXT = 16;

  /** A routing group as the page shows it. */
  record GroupRow(
      String key,
      String name,
      String policy,
      List<String> members,
      Set<String> memberIds,
      long offerTimeoutMinutes,
      @Nullable String fallback,
      List<String> chain) {}

  /** A policy to choose, with the words to show. */
  record Choice(String value, String label) {}

  @GetMapping("/settings/routing")
  String routing(@AuthenticationPrincipal SignedIn who, HttpServletRequest request, Model model) {
    Actor actor = pages.actor(who, request);
    return show(actor, who, model, Map.of(), Map.of());
  }

  /** Pauses or resumes an agent: {@code available=true} resumes, {@code false} pauses. */
  @PostMapping("/ui/settings/routing/agents/{id}/availability")
  String availability(
      @AuthenticationPrincipal SignedIn who,
      HttpServletRequest request,
      @PathVariable String id,
      @RequestParam(required = false) @Nullable String available,
      RedirectAttributes flash) {
    Actor actor = pages.actor(who, request);
    UUID agentId = InboxApi.notFoundUnlessUuid(id, "The agent");
    Agent agent = agent(actor, agentId);
    if (!own(agent, actor)) {
      Permission.ROUTING_MANAGE.check(actor);
    }
    boolean on = "true".equals(available);
    if (!on && !"false".equals(available)) {
      throw OmniFlowException.badRequest("invalid_available", "available must be true or false.");
    }
    Agent changed =
        omniFlow.routing().setAvailability(actor, agentId, agent.availability().withPaused(!on));
    flash.addFlashAttribute(
        "notice", changed.name() + (on ? " takes leads again." : " is paused: no new leads."));
    return "redirect:/settings/routing#agent-" + agentId;
  }

  /**
   * Replaces an agent's weekly shifts and time zone, keeping their time off and pause: one row per
   * shift (day, start, end), blank rows ignored. The rows go through {@link
   * RoutingApi.AvailabilityBody}, the API's own reader of an availability.
   */
  @PostMapping("/ui/settings/routing/agents/{id}/shifts")
  String shifts(
      @AuthenticationPrincipal SignedIn who,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @PathVariable String id,
      @RequestParam(name = "time_zone", required = false) @Nullable String timeZone,
      RedirectAttributes flash) {
    Actor actor = pages.actor(who, request);
    UUID agentId = InboxApi.notFoundUnlessUuid(id, "The agent");
    Agent agent = agent(actor, agentId);
    if (!own(agent, actor)) {
      Permission.ROUTING_MANAGE.check(actor);
    }
    String form = "shifts-" + agentId;
    try {
      String zone = InboxApi.blank(timeZone);
      Availability old = agent.availability();
      List<RoutingApi.OutOfOfficeBody> off = new ArrayList<>();
      for (TimeOff t : old.timeOff()) {
        off.add(new RoutingApi.OutOfOfficeBody(t.from().toString(), t.until().toString()));
      }
      Availability next =
          new RoutingApi.AvailabilityBody(
                  zone == null ? null : Limits.text("time_zone", zone, Org.MAX_TIME_ZONE),
                  shiftRows(
                      FormValues.of(request, "day"),
                      FormValues.of(request, "start"),
                      FormValues.of(request, "end")),
                  off,
                  old.paused())
              .toAvailability();
      Agent changed = omniFlow.routing().setAvailability(actor, agentId, next);
      flash.addFlashAttribute("notice", "Shifts of " + changed.name() + " saved.");
      return "redirect:/settings/routing#agent-" + agentId;
    } catch (OmniFlowException e) {
      return refused(e, actor, who, model, response, form, Set.of("time_zone", "shifts"), Map.of());
    }
  }

  /**
   * The shifts of the form's rows, in order: the three lists (each value as sent, a comma in it
   * kept: {@link FormValues}) are read side by side, a row with neither day nor times is skipped,
   * and anything else is handed on for {@code RoutingJson} to accept or refuse.
   *
   * @throws OmniFlowException {@code invalid_shifts} (invalid input) for more than {@link
   *     Limits#MAX_LIST} rows, rows of different lengths, or a cell longer than a day name or time
   */
  private static List<RoutingApi.ShiftBody> shiftRows(
      List<String> day, List<String> start, List<String> end) {
    List<String> days = Limits.list("shifts", day, Limits.MAX_LIST);
    List<String> starts = Limits.list("shifts", start, Limits.MAX_LIST);
    List<String> ends = Limits.list("shifts", end, Limits.MAX_LIST);
    if (starts.size() != days.size() || ends.size() != days.size()) {
      throw OmniFlowException.invalidInput(
          "invalid_shifts", "shifts must each have a day, a start and an end.");
    }
    List<RoutingApi.ShiftBody> out = new ArrayList<>();
    for (int i = 0; i < days.size(); i++) {
      String d = InboxApi.blank(Limits.text("shifts", days.get(i), MAX_SHIFT_TEXT));
      String s = InboxApi.blank(Limits.text("shifts", starts.get(i), MAX_SHIFT_TEXT));
      String e = InboxApi.blank(Limits.text("shifts", ends.get(i), MAX_SHIFT_TEXT));
      if (d != null || s != null || e != null) {
        out.add(new RoutingApi.ShiftBody(d, s, e));
      }
    }
    return out;
  }

  /** Changes an agent's name, activity, capacity, weight and languages. */
  @PostMapping("/ui/settings/routing/agents/{id}")
  String updateAgent(
      @AuthenticationPrincipal SignedIn who,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @PathVariable String id,
      @RequestParam(required = false) @Nullable String name,
      @RequestParam(required = false) @Nullable String capacity,
      @RequestParam(required = false) @Nullable String weight,
      @RequestParam(required = false) @Nullable String languages,
      @RequestParam(required = false) @Nullable String active,
      RedirectAttributes flash) {
    Actor actor = pages.actor(who, request);
    Permission.ROUTING_MANAGE.check(actor);
    UUID agentId = InboxApi.notFoundUnlessUuid(id, "The agent");
    Agent agent = agent(actor, agentId);
    String form = "agent-" + agentId;
    try {
      RoutingApi.AgentView changed =
          routingApi.updateAgent(
              actor,
              agentId.toString(),
              new RoutingApi.NewAgent(
                  name,
                  agent.userId() == null ? null : agent.userId().toString(),
                  active != null,
                  wholeNumber("weight", weight, 1),
                  wholeNumber("capacity", capacity, 0),
                  languages(languages),
                  null));
      flash.addFlashAttribute("notice", changed.name() + " saved.");
      return "redirect:/settings/routing#" + form;
    } catch (OmniFlowException e) {
      return refused(e, actor, who, model, response, form, AGENT_FIELDS, Map.of());
    }
  }

  /** Adds an agent, available at all times until their shifts are set. */
  @PostMapping("/ui/settings/routing/agents")
  String createAgent(
      @AuthenticationPrincipal SignedIn who,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @RequestParam(required = false) @Nullable String name,
      @RequestParam(required = false) @Nullable String capacity,
      @RequestParam(required = false) @Nullable String languages,
      @RequestParam(name = "user_id", required = false) @Nullable String userId,
      RedirectAttributes flash) {
    Actor actor = pages.actor(who, request);
    Permission.ROUTING_MANAGE.check(actor);
    try {
      RoutingApi.AgentView created =
          routingApi
              .createAgent(
                  actor,
                  new RoutingApi.NewAgent(
                      name,
                      InboxApi.blank(userId),
                      true,
                      1,
                      wholeNumber("capacity", capacity, 0),
                      languages(languages),
                      null))
              .getBody();
      flash.addFlashAttribute(
          "notice", (created == null ? "The agent" : created.name()) + " added.");
      return "redirect:/settings/routing";
    } catch (OmniFlowException e) {
      Map<String, @Nullable String> submitted = new LinkedHashMap<>();
      submitted.put("name", name);
      submitted.put("capacity", capacity);
      submitted.put("languages", languages);
      submitted.put("user_id", userId);
      return refused(e, actor, who, model, response, "new-agent", AGENT_FIELDS, submitted);
    }
  }

  /** Changes a group's name, policy, members, offer timeout and fallback. */
  @PostMapping("/ui/settings/routing/groups/{key}")
  String updateGroup(
      @AuthenticationPrincipal SignedIn who,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @PathVariable String key,
      @RequestParam(required = false) @Nullable String name,
      @RequestParam(required = false) @Nullable String policy,
      @RequestParam(name = "offer_timeout", required = false) @Nullable String offerTimeout,
      @RequestParam(required = false) @Nullable String fallback,
      RedirectAttributes flash) {
    Actor actor = pages.actor(who, request);
    Permission.ROUTING_MANAGE.check(actor);
    Limits.text("key", key, Limits.MAX_ID);
    String form = "group-" + key;
    try {
      RoutingApi.GroupView changed =
          routingApi.updateGroup(
              actor,
              key,
              new RoutingApi.NewGroup(
                  null,
                  name,
                  policy,
                  Limits.list("members", FormValues.of(request, "members"), Limits.MAX_LIST),
                  minutes(offerTimeout),
                  InboxApi.blank(fallback)));
      flash.addFlashAttribute("notice", "Group " + changed.name() + " saved.");
      return "redirect:/settings/routing#" + form;
    } catch (OmniFlowException e) {
      return refused(e, actor, who, model, response, form, GROUP_FIELDS, Map.of());
    }
  }

  /** Adds a group; its members and fallback are set by changing it. */
  @PostMapping("/ui/settings/routing/groups")
  String createGroup(
      @AuthenticationPrincipal SignedIn who,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @RequestParam(required = false) @Nullable String key,
      @RequestParam(required = false) @Nullable String name,
      @RequestParam(required = false) @Nullable String policy,
      RedirectAttributes flash) {
    Actor actor = pages.actor(who, request);
    Permission.ROUTING_MANAGE.check(actor);
    try {
      Limits.optionalText("key", key, Limits.MAX_ID);
      RoutingApi.GroupView created =
          routingApi
              .createGroup(actor, new RoutingApi.NewGroup(key, name, policy, List.of(), null, null))
              .getBody();
      flash.addFlashAttribute(
          "notice", "Group " + (created == null ? "" : created.name()) + " added.");
      return "redirect:/settings/routing";
    } catch (OmniFlowException e) {
      Map<String, @Nullable String> submitted = new LinkedHashMap<>();
      submitted.put("key", key);
      submitted.put("name", name);
      submitted.put("policy", policy);
      return refused(e, actor, who, model, response, "new-group", GROUP_FIELDS, submitted);
    }
  }

  private String refused(
      OmniFlowException e,
      Actor actor,
      SignedIn who,
      Model model,
      HttpServletResponse response,
      String form,
      Set<String> fields,
      Map<String, @Nullable String> submitted) {
    if (!FormErrors.inForm(e)) {
      throw e;
    }
    response.setStatus(e.kind().httpStatus());
    Map<String, String> errors = FormErrors.of(e, form, fields);
    return show(
        actor, who, model, errors, FormErrors.kept(errors, form, submitted, Limits.MAX_NAME));
  }

  private String show(
      Actor actor,
      SignedIn who,
      Model model,
      Map<String, String> errors,
      Map<String, String> typed) {
    Pages.Zone zone = pages.frame(actor, who, "settings-routing", model);
    boolean manage = Permission.ROUTING_MANAGE.allows(actor.role());
    Map<UUID, String> members = pages.memberNames(actor);
    Instant now = omniFlow.clock().instant();
    List<Agent> agents = omniFlow.routing().agents(actor);
    Map<UUID, String> agentNames = new LinkedHashMap<>();
    List<AgentRow> agentRows = new ArrayList<>();
    for (Agent a : agents) {
      agentNames.put(a.id(), a.name());
      agentRows.add(row(a, actor, manage, members, zone, now));
    }
    List<RoutingGroup> groups = omniFlow.routing().groups(actor);
    RoutingConfig config = omniFlow.routing().config(actor);
    Map<String, RoutingGroup> byKey = new LinkedHashMap<>();
    groups.forEach(g -> byKey.put(g.key(), g));
    List<GroupRow> groupRows = new ArrayList<>();
    for (RoutingGroup g : groups) {
      groupRows.add(row(g, agentNames, byKey, config));
    }
    List<String> rules = new ArrayList<>();
    for (RoutingRule r : config.rules()) {
      rules.add(r.key() + " → " + r.group());
    }
    model.addAttribute("manage", manage);
    model.addAttribute("agents", agentRows);
    model.addAttribute("agentChoices", agentNames);
    model.addAttribute("groups", groupRows);
    model.addAttribute("groupKeys", byKey.keySet());
    model.addAttribute("members", members);
    model.addAttribute("policies", policies());
    model.addAttribute("days", DAYS);
    model.addAttribute("zones", PackSettingsPage.ZONES);
    model.addAttribute("rules", rules);
    model.addAttribute("defaultGroup", config.defaultGroup());
    model.addAttribute("sticky", config.sticky());
    model.addAttribute("lastResort", config.lastResort().key().replace('_', ' '));
    model.addAttribute("errors", errors);
    model.addAttribute("typed", typed);
    return "settings-routing";
  }

  private static AgentRow row(
      Agent a,
      Actor actor,
      boolean manage,
      Map<UUID, String> members,
      Pages.Zone zone,
      Instant now) {
    String reason = !a.active() ? "inactive" : a.availability().unavailableReason(now);
    List<String> shifts = new ArrayList<>();
    for (Shift s : a.availability().shifts()) {
      shifts.add(
          s.day().getDisplayName(TextStyle.FULL, Locale.ENGLISH)
              + " "
              + s.start()
              + "–"
              + s.end()
              + (s.overnight() ? " (next day)" : ""));
    }
    List<String> timeOff = new ArrayList<>();
    for (TimeOff t : a.availability().timeOff()) {
      if (t.until().isAfter(now)) {
        timeOff.add(zone.show(t.from()) + " – " + zone.show(t.until()));
      }
    }
    boolean own = own(a, actor);
    List<ShiftRow> shiftRows = new ArrayList<>();
    for (Shift s : a.availability().shifts()) {
      shiftRows.add(
          new ShiftRow(
              s.day().name().toLowerCase(Locale.ROOT), s.start().toString(), s.end().toString()));
    }
    for (int i = 0; i < BLANK_SHIFT_ROWS && shiftRows.size() < Limits.MAX_LIST; i++) {
      shiftRows.add(new ShiftRow("", "", ""));
    }
    String status;
    if (reason == null) {
      status = "available";
    } else if (reason.startsWith("out of office")) {
      status = "out of office";
    } else {
      status = reason;
    }
    return new AgentRow(
        a.id().toString(),
        a.name(),
        a.userId() == null ? "no sign-in" : members.getOrDefault(a.userId(), "a former member"),
        a.userId() == null ? null : a.userId().toString(),
        a.active(),
        a.availability().paused(),
        reason == null,
        status,
        a.capacity(),
        a.weight(),
        String.join(", ", a.languages().stream().sorted().toList()),
        a.availability().zone().getId(),
        shifts,
        timeOff,
        manage || own,
        shiftRows);
  }

  /** Whether the agent is the actor's own: they may set its availability without managing. */
  private static boolean own(Agent a, Actor actor) {
    return a.userId() != null && a.userId().equals(actor.userId());
  }

  private static GroupRow row(
      RoutingGroup g,
      Map<UUID, String> agentNames,
      Map<String, RoutingGroup> byKey,
      RoutingConfig config) {
    List<String> names = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (UUID m : g.members()) {
      names.add(agentNames.getOrDefault(m, "a removed agent"));
      ids.add(m.toString());
    }
    List<String> chain = new ArrayList<>();
    chain.add(g.name());
    Set<String> seen = new HashSet<>(Set.of(g.key()));
    String next = g.fallback();
    // Bounded by the number of groups: each is visited once.
    while (next != null && seen.add(next)) {
      RoutingGroup n = byKey.get(next);
      chain.add(n == null ? next + " (missing)" : n.name());
      next = n == null ? null : n.fallback();
    }
    chain.add("last resort: " + config.lastResort().key().replace('_', ' '));
    return new GroupRow(
        g.key(),
        g.name(),
        g.policy().key(),
        names,
        ids,
        g.offerTimeout().toMinutes(),
        g.fallback(),
        chain);
  }

  /** The days a shift may fall on, as the shifts form offers them. */
  private static final List<Choice> DAYS =
      java.util.Arrays.stream(DayOfWeek.values())
          .map(
              d ->
                  new Choice(
                      d.name().toLowerCase(Locale.ROOT),
                      d.getDisplayName(TextStyle.FULL, Locale.ENGLISH)))
          .toList();

  private static List<Choice> policies() {
    List<Choice> out = new ArrayList<>();
    for (RoutingPolicy p : RoutingPolicy.values()) {
      out.add(new Choice(p.key(), p.key().replace('_', ' ')));
    }
    return out;
  }

  private Agent agent(Actor actor, UUID id) {
    return omniFlow.routing().agents(actor).stream()
        .filter(a -> a.id().equals(id))
        .findFirst()
        .orElseThrow(() -> OmniFlowException.notFound("The agent"));
  }

  /**
   * A whole number typed in a form field, at least {@code min}; a blank one is {@code null}, which
   * the API refuses or defaults as it does for a missing JSON value.
   *
   * @throws OmniFlowException {@code invalid_<field>} (invalid input) for anything else
   */
  private static @Nullable Integer wholeNumber(String field, @Nullable String raw, int min) {
    String text = InboxApi.blank(raw);
    if (text == null) {
      return null;
    }
    try {
      int n = Integer.parseInt(Limits.text(field, text, 10));
      if (n >= min) {
        return n;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw OmniFlowException.invalidInput(
        "invalid_" + field, field + " must be a whole number, " + min + " or more.");
  }

  /** Languages typed as {@code en, es}: split once on commas and spaces. */
  private static List<String> languages(@Nullable String raw) {
    String text = InboxApi.blank(raw);
    if (text == null) {
      return List.of();
    }
    Limits.text("languages", text, MAX_LANGUAGES_TEXT);
    List<String> out = new ArrayList<>();
    for (String tag : LIST_SEPARATOR.split(text)) {
      if (!tag.isEmpty()) {
        out.add(tag);
      }
    }
    return out;
  }

  /** An offer timeout typed in whole minutes, as the ISO-8601 duration the API takes. */
  private static @Nullable String minutes(@Nullable String raw) {
    Integer m = wholeNumber("offer_timeout", raw, 1);
    return m == null ? null : Duration.ofMinutes(m).toString();
  }
}
