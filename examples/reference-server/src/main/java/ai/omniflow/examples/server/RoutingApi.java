package ai.omniflow.examples.server;

import ai.omniflow.Limits;
import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.Page;
import ai.omniflow.fields.Problem;
import ai.omniflow.routing.Agent;
import ai.omniflow.routing.Availability;
import ai.omniflow.routing.RoutingConfig;
import ai.omniflow.routing.RoutingErrors;
import ai.omniflow.routing.RoutingGroup;
import ai.omniflow.routing.RoutingJson;
import ai.omniflow.routing.RoutingPolicy;
import ai.omniflow.routing.RoutingService;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The routing endpoints: agents and their availability, routing groups and the org's routing
 * configuration (docs/routing.md). Bad input answers 422 naming the field, a taken id or key 409,
 * and nothing is written. Routing a lead ({@code POST /leads/{id}/route}) belongs to the leads
 * endpoints, which call the same {@link RoutingService}.
 */
@RestController
final class RoutingApi {
  private final OmniFlow omniFlow;

  RoutingApi(OmniFlow omniFlow) {
    this.omniFlow = omniFlow;
  }

  @GetMapping("/agents")
  Page<AgentView> agents(
      Actor actor,
      @RequestParam(defaultValue = "50") String limit,
      @RequestParam(defaultValue = "0") String offset) {
    var page = Api.page(limit, offset);
    Instant now = omniFlow.clock().instant();
    return Page.slice(
        omniFlow.routing().agents(actor).stream().map(a -> AgentView.of(a, now)).toList(), page);
  }

  /** 201 with the agent; 422 {@code invalid_agent} or {@code invalid_availability}. */
  @PostMapping("/agents")
  ResponseEntity<AgentView> createAgent(Actor actor, @Valid @RequestBody NewAgent body) {
    Permission.ROUTING_MANAGE.check(actor);
    Availability availability =
        body.availability() == null ? Availability.ALWAYS : body.availability().toAvailability();
    Agent created =
        omniFlow.routing().createAgent(actor, agent(UUID.randomUUID(), body, availability));
    return ResponseEntity.created(URI.create("/agents/" + created.id()))
        .body(AgentView.of(created, omniFlow.clock().instant()));
  }

  /**
   * Replaces the agent's user, name, activity ({@code "active": false} stops new leads), weight,
   * capacity and languages, with the body {@code POST /agents} takes; its availability stays (it
   * has its own endpoint). 200 with the agent; 404 for an unknown agent; 422 {@code invalid_agent}.
   */
  @PutMapping("/agents/{id}")
  AgentView updateAgent(Actor actor, @PathVariable String id, @Valid @RequestBody NewAgent body) {
    Permission.ROUTING_MANAGE.check(actor);
    UUID agentId = InboxApi.notFoundUnlessUuid(id, "The agent");
    if (body.availability() != null) {
      throw OmniFlowException.invalidInput(
          "invalid_agent", "availability is set with PUT /agents/{id}/availability.");
    }
    Agent changed =
        omniFlow.routing().updateAgent(actor, agent(agentId, body, Availability.ALWAYS));
    return AgentView.of(changed, omniFlow.clock().instant());
  }

  private static Agent agent(UUID id, NewAgent body, Availability availability) {
    if (body.name() == null || body.name().isBlank()) {
      throw OmniFlowException.invalidInput("invalid_agent", "name is required.");
    }
    if (body.capacity() == null) {
      throw OmniFlowException.invalidInput(
          "invalid_agent", "capacity (the most open leads, 0 or more) is required.");
    }
    UUID userId = null;
    if (body.userId() != null && !body.userId().isBlank()) {
      try {
        userId = UUID.fromString(body.userId().strip());
      } catch (IllegalArgumentException e) {
        throw OmniFlowException.invalidInput("invalid_agent", "user_id must be a UUID.");
      }
    }
    try {
      return new Agent(
          id,
          userId,
          body.name().strip(),
          body.active() == null || body.active(),
          body.weight() == null ? 1 : body.weight(),
          body.capacity(),
          body.languages() == null ? Set.of() : Set.copyOf(body.languages()),
          availability);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw OmniFlowException.invalidInput("invalid_agent", e.getMessage() + ".");
    }
  }

  /** 200 with the agent; 404 for an unknown agent; 422 {@code invalid_availability}. */
  @PutMapping("/agents/{id}/availability")
  AgentView setAvailability(
      Actor actor, @PathVariable String id, @Valid @RequestBody AvailabilityBody body) {
    Permission.ROUTING_READ.check(actor);
    UUID agentId;
    try {
      agentId = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw OmniFlowException.notFound("The agent");
    }
    Agent changed = omniFlow.routing().setAvailability(actor, agentId, body.toAvailability());
    return AgentView.of(changed, omniFlow.clock().instant());
  }

  @GetMapping("/routing/groups")
  Page<GroupView> groups(
      Actor actor,
      @RequestParam(defaultValue = "50") String limit,
      @RequestParam(defaultValue = "0") String offset) {
    var page = Api.page(limit, offset);
    return Page.slice(omniFlow.routing().groups(actor).stream().map(GroupView::of).toList(), page);
  }

  /**
   * 201 with the group; 422 {@code invalid_group}, {@code unknown_agent} or {@code unknown_group}
   * (the fallback); 409 {@code group_exists}.
   */
  @PostMapping("/routing/groups")
  ResponseEntity<GroupView> createGroup(Actor actor, @Valid @RequestBody NewGroup body) {
    Permission.ROUTING_MANAGE.check(actor);
    if (body.key() == null || body.key().isBlank()) {
      throw OmniFlowException.invalidInput("invalid_group", "key is required.");
    }
    RoutingGroup created = omniFlow.routing().createGroup(actor, group(body.key().strip(), body));
    return ResponseEntity.created(URI.create("/routing/groups/" + created.key()))
        .body(GroupView.of(created));
  }

  /**
   * Replaces the group's name, policy, members, offer timeout and fallback, with the body {@code
   * POST /routing/groups} takes (its key, if given, must be the path's). 200 with the group; 404
   * for an unknown group; 422 as for creating one.
   */
  @PutMapping("/routing/groups/{key}")
  GroupView updateGroup(Actor actor, @PathVariable String key, @Valid @RequestBody NewGroup body) {
    Permission.ROUTING_MANAGE.check(actor);
    if (body.key() != null && !body.key().strip().equals(key)) {
      throw OmniFlowException.invalidInput(
          "invalid_group", "key cannot change; it is '" + Problem.clip(key) + "' in the path.");
    }
    return GroupView.of(omniFlow.routing().updateGroup(actor, group(key, body)));
  }

  private static RoutingGroup group(String key, NewGroup body) {
    RoutingPolicy policy = body.policy() == null ? null : RoutingPolicy.of(body.policy().strip());
    if (policy == null) {
      throw OmniFlowException.invalidInput(
          "invalid_group",
          "policy must be one of round_robin, weighted, least_loaded, first_to_claim.");
    }
    List<UUID> members = new ArrayList<>();
    List<String> given = body.members() == null ? List.of() : body.members();
    for (int i = 0; i < given.size(); i++) {
      try {
        members.add(UUID.fromString(String.valueOf(given.get(i)).strip()));
      } catch (IllegalArgumentException e) {
        throw OmniFlowException.invalidInput(
            "invalid_group", "members[" + i + "] must be an agent id (a UUID).");
      }
    }
    Duration timeout = RoutingGroup.DEFAULT_OFFER_TIMEOUT;
    if (body.offerTimeout() != null && !body.offerTimeout().isBlank()) {
      try {
        timeout = Duration.parse(body.offerTimeout().strip());
      } catch (DateTimeParseException e) {
        throw OmniFlowException.invalidInput(
            "invalid_group", "offer_timeout must be an ISO-8601 duration, e.g. PT5M.");
      }
    }
    try {
      return new RoutingGroup(
          key,
          body.name() == null || body.name().isBlank() ? key : body.name().strip(),
          policy,
          members,
          timeout,
          body.fallback() == null || body.fallback().isBlank() ? null : body.fallback().strip());
    } catch (IllegalArgumentException e) {
      throw OmniFlowException.invalidInput("invalid_group", e.getMessage() + ".");
    }
  }

  /** The routing configuration in force: the org's own, else its pack's. */
  @GetMapping("/routing/config")
  Map<String, @Nullable Object> config(Actor actor) {
    return RoutingJson.toJson(omniFlow.routing().config(actor));
  }

  /** Replaces the pack's configuration with the org's own; 422 {@code invalid_routing}. */
  @PutMapping("/routing/config")
  Map<String, @Nullable Object> setConfig(Actor actor, @Valid @RequestBody ConfigBody body) {
    Permission.ROUTING_MANAGE.check(actor);
    RoutingConfig config;
    try {
      config = RoutingJson.config(body.toJson());
    } catch (IllegalArgumentException e) {
      throw OmniFlowException.invalidInput(RoutingErrors.INVALID_ROUTING, e.getMessage() + ".");
    }
    omniFlow.routing().setConfig(actor, config);
    return RoutingJson.toJson(config);
  }

  record NewAgent(
      @Nullable String name,
      @Nullable String userId,
      @Nullable Boolean active,
      @Nullable Integer weight,
      @Nullable Integer capacity,
      @Nullable List<String> languages,
      @Valid @Nullable AvailabilityBody availability) {}

  record NewGroup(
      @Nullable String key,
      @Nullable String name,
      @Nullable String policy,
      @Size(max = Limits.MAX_LIST, message = "invalid_members") @Nullable List<String> members,
      @Nullable String offerTimeout,
      @Nullable String fallback) {}

  /**
   * An agent's availability as {@code PUT /agents/{id}/availability} and {@code POST /agents} take
   * it (docs/routing.md): a missing time zone is UTC, missing lists are empty. {@link
   * #toAvailability} reads it with {@link RoutingJson}, the one reader of this shape, which the
   * store uses too.
   */
  record AvailabilityBody(
      @Nullable String timeZone,
      @Size(max = Limits.MAX_LIST, message = "invalid_shifts")
          @Nullable List<@NotNull(message = "invalid_availability") ShiftBody> shifts,
      @Size(max = Limits.MAX_LIST, message = "invalid_out_of_office")
          @Nullable List<@NotNull(message = "invalid_availability") OutOfOfficeBody> outOfOffice,
      @Nullable Boolean paused) {

    /**
     * @throws OmniFlowException {@code invalid_availability} (invalid input) naming the value at
     *     fault; {@code invalid_shifts} or {@code invalid_out_of_office} beyond the {@link Limits}
     */
    Availability toAvailability() {
      Map<String, Object> json = new LinkedHashMap<>();
      if (timeZone != null) {
        json.put("time_zone", timeZone);
      }
      List<Object> shiftList = new ArrayList<>();
      for (ShiftBody s : shifts == null ? List.<ShiftBody>of() : shifts) {
        Map<String, Object> m = new LinkedHashMap<>();
        putIfGiven(m, "day", s.day());
        putIfGiven(m, "start", s.start());
        putIfGiven(m, "end", s.end());
        shiftList.add(m);
      }
      json.put("shifts", shiftList);
      List<Object> offList = new ArrayList<>();
      for (OutOfOfficeBody o : outOfOffice == null ? List.<OutOfOfficeBody>of() : outOfOffice) {
        Map<String, Object> m = new LinkedHashMap<>();
        putIfGiven(m, "from", o.from());
        putIfGiven(m, "until", o.until());
        offList.add(m);
      }
      json.put("out_of_office", offList);
      json.put("paused", Boolean.TRUE.equals(paused));
      try {
        return RoutingJson.availability(json);
      } catch (IllegalArgumentException e) {
        throw OmniFlowException.invalidInput("invalid_availability", e.getMessage() + ".");
      }
    }
  }

  /** A weekly shift: {@code {"day": "monday", "start": "09:00", "end": "17:00"}}. */
  record ShiftBody(@Nullable String day, @Nullable String start, @Nullable String end) {}

  /** An out-of-office period: {@code {"from": "2026-07-01T00:00:00Z", "until": "…"}}. */
  record OutOfOfficeBody(@Nullable String from, @Nullable String until) {}

  /**
   * The org's routing configuration as {@code PUT /routing/config} takes it; missing values take
   * those of {@link RoutingConfig#DEFAULT}. {@link #toJson} hands it to {@link RoutingJson}, the
   * one reader of this shape, which packs and the store use too.
   */
  record ConfigBody(
      @Nullable Boolean sticky,
      @Nullable String defaultGroup,
      @Nullable String lastResort,
      @Nullable String accountOwner,
      @Size(max = Limits.MAX_LIST, message = "invalid_rules")
          @Nullable List<@NotNull(message = "invalid_routing") @Valid RuleBody> rules) {
    Map<String, Object> toJson() {
      Map<String, Object> json = new LinkedHashMap<>();
      putIfGiven(json, "sticky", sticky);
      putIfGiven(json, "default_group", defaultGroup);
      putIfGiven(json, "last_resort", lastResort);
      putIfGiven(json, "account_owner", accountOwner);
      List<Object> list = new ArrayList<>();
      for (RuleBody r : rules == null ? List.<RuleBody>of() : rules) {
        Map<String, Object> m = new LinkedHashMap<>();
        putIfGiven(m, "key", r.key());
        putIfGiven(m, "when", r.when() == null ? null : r.when().toJson());
        putIfGiven(m, "group", r.group());
        list.add(m);
      }
      json.put("rules", list);
      return json;
    }
  }

  /** A routing rule: when its condition holds, the lead goes to {@code group}. */
  record RuleBody(
      @Nullable String key, @Valid @Nullable ConditionBody when, @Nullable String group) {}

  /**
   * A condition in the pack's shape: a leaf {@code {field, op, value}} (or {@code values} for
   * {@code in}, {@code min} and {@code max} for {@code between}), or {@code all}, {@code any} or
   * {@code not} of others. Values are JSON scalars; {@link RoutingJson} says which fit.
   */
  record ConditionBody(
      @Nullable String field,
      @Nullable String op,
      @Nullable JsonNode value,
      @Size(max = Limits.MAX_LIST, message = "invalid_routing") @Nullable List<JsonNode> values,
      @Nullable JsonNode min,
      @Nullable JsonNode max,
      @Size(max = Limits.MAX_LIST, message = "invalid_routing")
          @Nullable List<@NotNull(message = "invalid_routing") @Valid ConditionBody> all,
      @Size(max = Limits.MAX_LIST, message = "invalid_routing")
          @Nullable List<@NotNull(message = "invalid_routing") @Valid ConditionBody> any,
      @Valid @Nullable ConditionBody not) {
    Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      if (all != null) {
        m.put("all", all.stream().map(c -> (Object) c.toJson()).toList());
      }
      if (any != null) {
        m.put("any", any.stream().map(c -> (Object) c.toJson()).toList());
      }
      putIfGiven(m, "not", not == null ? null : not.toJson());
      putIfGiven(m, "field", field);
      putIfGiven(m, "op", op);
      putIfGiven(m, "value", scalar(value));
      if (values != null) {
        List<Object> out = new ArrayList<>();
        for (JsonNode v : values) {
          out.add(scalar(v)); // a null is refused by RoutingJson, naming its place
        }
        m.put("values", out);
      }
      putIfGiven(m, "min", scalar(min));
      putIfGiven(m, "max", scalar(max));
      return m;
    }

    /**
     * The JSON scalar as the value {@link RoutingJson} reads: text, true/false, a whole number as
     * Long, another as Double; {@code null} for null or a missing value.
     *
     * @throws OmniFlowException {@code invalid_routing} (invalid input) for an object or a list
     */
    private static @Nullable Object scalar(@Nullable JsonNode v) {
      if (v == null || v.isNull()) {
        return null;
      }
      if (v.isString()) {
        return v.stringValue();
      }
      if (v.isBoolean()) {
        return v.booleanValue();
      }
      if (v.isIntegralNumber() && v.canConvertToLong()) {
        return v.longValue();
      }
      if (v.isNumber() && Double.isFinite(v.doubleValue())) {
        return v.doubleValue();
      }
      throw OmniFlowException.invalidInput(
          RoutingErrors.INVALID_ROUTING,
          "A condition's value must be text, a number or true/false.");
    }
  }

  private static void putIfGiven(Map<String, Object> json, String key, @Nullable Object value) {
    if (value != null) {
      json.put(key, value);
    }
  }

  record AgentView(
      UUID id,
      @Nullable UUID userId,
      String name,
      boolean active,
      int weight,
      int capacity,
      List<String> languages,
      Map<String, Object> availability,
      boolean availableNow,
      @Nullable String unavailableReason) {
    static AgentView of(Agent a, Instant now) {
      String why = !a.active() ? "inactive" : a.availability().unavailableReason(now);
      return new AgentView(
          a.id(),
          a.userId(),
          a.name(),
          a.active(),
          a.weight(),
          a.capacity(),
          a.languages().stream().sorted().toList(),
          RoutingJson.toJson(a.availability()),
          why == null,
          why);
    }
  }

  record GroupView(
      String key,
      String name,
      String policy,
      List<UUID> members,
      String offerTimeout,
      @Nullable String fallback) {
    static GroupView of(RoutingGroup g) {
      return new GroupView(
          g.key(),
          g.name(),
          g.policy().key(),
          g.members(),
          g.offerTimeout().toString(),
          g.fallback());
    }
  }
}
