package ai.omniflow.examples.server;

import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.Page;
import ai.omniflow.routing.Agent;
import ai.omniflow.routing.Availability;
import ai.omniflow.routing.RoutingConfig;
import ai.omniflow.routing.RoutingGroup;
import ai.omniflow.routing.RoutingJson;
import ai.omniflow.routing.RoutingPolicy;
import ai.omniflow.routing.RoutingService;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
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
  ResponseEntity<AgentView> createAgent(Actor actor, @RequestBody NewAgent body) {
    Permission.ROUTING_MANAGE.check(actor);
    Availability availability =
        body.availability() == null ? Availability.ALWAYS : availability(body.availability());
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
  AgentView updateAgent(Actor actor, @PathVariable String id, @RequestBody NewAgent body) {
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
      Actor actor, @PathVariable String id, @RequestBody Map<String, Object> body) {
    Permission.ROUTING_READ.check(actor);
    UUID agentId;
    try {
      agentId = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw OmniFlowException.notFound("The agent");
    }
    Agent changed = omniFlow.routing().setAvailability(actor, agentId, availability(body));
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
  ResponseEntity<GroupView> createGroup(Actor actor, @RequestBody NewGroup body) {
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
  GroupView updateGroup(Actor actor, @PathVariable String key, @RequestBody NewGroup body) {
    Permission.ROUTING_MANAGE.check(actor);
    if (body.key() != null && !body.key().strip().equals(key)) {
      throw OmniFlowException.invalidInput(
          "invalid_group", "key cannot change; it is '" + key + "' in the path.");
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
  Map<String, @Nullable Object> setConfig(Actor actor, @RequestBody Map<String, Object> body) {
    Permission.ROUTING_MANAGE.check(actor);
    RoutingConfig config;
    try {
      config = RoutingJson.config(body);
    } catch (IllegalArgumentException e) {
      throw OmniFlowException.invalidInput("invalid_routing", e.getMessage() + ".");
    }
    omniFlow.routing().setConfig(actor, config);
    return RoutingJson.toJson(config);
  }

  private static Availability availability(Map<String, ?> body) {
    try {
      return RoutingJson.availability(body);
    } catch (IllegalArgumentException e) {
      throw OmniFlowException.invalidInput("invalid_availability", e.getMessage() + ".");
    }
  }

  record NewAgent(
      @Nullable String name,
      @Nullable String userId,
      @Nullable Boolean active,
      @Nullable Integer weight,
      @Nullable Integer capacity,
      @Nullable List<String> languages,
      @Nullable Map<String, Object> availability) {}

  record NewGroup(
      @Nullable String key,
      @Nullable String name,
      @Nullable String policy,
      @Nullable List<String> members,
      @Nullable String offerTimeout,
      @Nullable String fallback) {}

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
