package ai.omniflow.routing;

import ai.omniflow.OmniFlowException;
import ai.omniflow.internal.Recorder;
import ai.omniflow.internal.RoutingWithin;
import ai.omniflow.internal.Wiring;
import ai.omniflow.routing.internal.RoutingSteps;
import ai.omniflow.store.spi.Store;
import ai.omniflow.store.spi.StoreTransaction;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Agents, routing groups and the org's routing configuration. Obtain it from {@link
 * ai.omniflow.OmniFlow#routing()}; routing a lead is {@code omniFlow.leads().route(actor, leadId)},
 * which composes this service's steps inside its own transaction (decision 0032).
 *
 * <pre>{@code
 * Agent ana = omniFlow.routing().createAgent(owner, Agent.of(UUID.randomUUID(), "Ana", 10));
 * omniFlow.routing().createGroup(owner, RoutingGroup.of("team", RoutingPolicy.ROUND_ROBIN,
 *     List.of(ana.id())));
 * omniFlow.leads().route(agent, leadId);
 * }</pre>
 *
 * <p>Every change writes its event and audit entry in its own transaction; a refused call writes
 * nothing. Thread-safe.
 */
public final class RoutingService {
  static {
    // Only OmniFlow.builder() builds services (decision 0032).
    Wiring.register(
        RoutingService.class,
        w -> {
          RoutingService routing = new RoutingService(w.store(), w.packRouting(), w.clock());
          w.provide(RoutingWithin.class, routing.within());
          return routing;
        });
  }

  private final Store store;
  private final RoutingSteps steps;
  private final Clock clock;

  /**
   * @param packRouting the routing engine of the transaction's org's pack (with the org's override
   *     merged), compiled for the pack's own routing section and lead fields (e.g. {@code tx ->
   *     OrgPacks.find(tx, catalog).map(p -> CompiledPack.of(p).routing())}); empty if the org has
   *     no installed pack. Routing takes it as a function so that it does not depend on the pack
   *     package, which holds routing sections.
   */
  RoutingService(
      Store store, Function<StoreTransaction, Optional<RoutingEngine>> packRouting, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.steps = new RoutingSteps(packRouting, clock);
  }

  /** The steps the lead engine composes inside its own transactions. */
  RoutingSteps within() {
    return steps;
  }

  // ---- agents

  /**
   * Adds an agent.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#ROUTING_MANAGE}; {@code
   *     unknown_user} (invalid input) if the agent's user is not a member of the org; {@code
   *     agent_exists} (conflict) if the id is taken
   */
  public Agent createAgent(Actor actor, Agent agent) {
    Permission.ROUTING_MANAGE.check(actor);
    Objects.requireNonNull(agent, "agent");
    return store.inTransaction(
        actor,
        tx -> {
          requireMember(tx, agent.userId());
          tx.routing().insertAgent(agent);
          Recorder.record(
              tx,
              clock.instant(),
              new Recorder.Change(
                  RoutingEvents.AGENT_CREATED,
                  RoutingEvents.AUDIT_AGENT_CREATE,
                  "agent",
                  agent.id().toString(),
                  RoutingJson.toJson(agent),
                  null,
                  RoutingJson.toJson(agent)));
          return agent;
        });
  }

  /**
   * Replaces an agent's user, name, activity, weight, capacity and languages; its availability is
   * kept ({@link #setAvailability} changes it). Deactivating an agent keeps its open leads; it just
   * gets no new ones. Changing nothing records nothing. Event {@code agent.updated}, audited.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#ROUTING_MANAGE}; {@code
   *     not_found} if the org has no agent with {@code changed}'s id; {@code unknown_user} (invalid
   *     input) if its user is not a member of the org
   */
  public Agent updateAgent(Actor actor, Agent changed) {
    Permission.ROUTING_MANAGE.check(actor);
    Objects.requireNonNull(changed, "changed");
    return store.inTransaction(
        actor,
        tx -> {
          Agent old =
              tx.routing()
                  .findAgent(changed.id())
                  .orElseThrow(() -> OmniFlowException.notFound("The agent"));
          requireMember(tx, changed.userId());
          Agent after = changed.withAvailability(old.availability());
          if (after.equals(old)) {
            return old;
          }
          tx.routing().updateAgent(after);
          Recorder.record(
              tx,
              clock.instant(),
              new Recorder.Change(
                  RoutingEvents.AGENT_UPDATED,
                  RoutingEvents.AUDIT_AGENT_UPDATE,
                  "agent",
                  after.id().toString(),
                  RoutingJson.toJson(after),
                  RoutingJson.toJson(old),
                  RoutingJson.toJson(after)));
          return after;
        });
  }

  /**
   * The org's agents, oldest first.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#ROUTING_READ}
   */
  public List<Agent> agents(Actor actor) {
    Permission.ROUTING_READ.check(actor);
    return store.inTransaction(actor, tx -> tx.routing().agents());
  }

  /**
   * Replaces an agent's availability (shifts, out-of-office, pause).
   *
   * @throws OmniFlowException {@code forbidden} unless the actor has {@link
   *     Permission#ROUTING_MANAGE} or is the agent's own user; {@code not_found} if the org has no
   *     such agent
   */
  public Agent setAvailability(Actor actor, UUID agentId, Availability availability) {
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(availability, "availability");
    Permission.ROUTING_READ.check(actor);
    return store.inTransaction(
        actor,
        tx -> {
          Agent old =
              tx.routing()
                  .findAgent(agentId)
                  .orElseThrow(() -> OmniFlowException.notFound("The agent"));
          boolean own = old.userId() != null && old.userId().equals(actor.userId());
          if (!own) {
            Permission.ROUTING_MANAGE.check(actor);
          }
          Agent changed = old.withAvailability(availability);
          tx.routing().updateAgent(changed);
          Recorder.record(
              tx,
              clock.instant(),
              new Recorder.Change(
                  RoutingEvents.AGENT_AVAILABILITY_CHANGED,
                  RoutingEvents.AUDIT_AGENT_SET_AVAILABILITY,
                  "agent",
                  agentId.toString(),
                  Map.of("availability", RoutingJson.toJson(availability)),
                  Map.of("availability", RoutingJson.toJson(old.availability())),
                  Map.of("availability", RoutingJson.toJson(availability))));
          return changed;
        });
  }

  // ---- groups

  /**
   * Adds a routing group.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#ROUTING_MANAGE}; {@code
   *     unknown_agent} (invalid input) if a member is not an agent of the org; {@code
   *     unknown_group} (invalid input) if the fallback group does not exist; {@code group_exists}
   *     (conflict) if the org has a group of that key
   */
  public RoutingGroup createGroup(Actor actor, RoutingGroup group) {
    Permission.ROUTING_MANAGE.check(actor);
    Objects.requireNonNull(group, "group");
    return store.inTransaction(
        actor,
        tx -> {
          checkGroup(tx, group);
          tx.routing().insertGroup(group);
          Recorder.record(
              tx,
              clock.instant(),
              new Recorder.Change(
                  RoutingEvents.ROUTING_GROUP_CREATED,
                  RoutingEvents.AUDIT_ROUTING_GROUP_CREATE,
                  "routing_group",
                  group.key(),
                  RoutingJson.toJson(group),
                  null,
                  RoutingJson.toJson(group)));
          return group;
        });
  }

  /**
   * Replaces a routing group's name, policy, members, offer timeout and fallback (its key stays).
   * Round-robin counters of members who stay are kept. Changing nothing records nothing. Event
   * {@code routing_group.updated}, audited.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#ROUTING_MANAGE}; {@code
   *     not_found} if the org has no group with that key; (invalid input) {@code unknown_agent} for
   *     a member that is not an agent of the org, {@code unknown_group} for a missing fallback
   */
  public RoutingGroup updateGroup(Actor actor, RoutingGroup group) {
    Permission.ROUTING_MANAGE.check(actor);
    Objects.requireNonNull(group, "group");
    return store.inTransaction(
        actor,
        tx -> {
          RoutingGroup old =
              tx.routing()
                  .findGroup(group.key())
                  .orElseThrow(() -> OmniFlowException.notFound("The routing group"));
          checkGroup(tx, group);
          if (group.equals(old)) {
            return old;
          }
          tx.routing().updateGroup(group);
          Recorder.record(
              tx,
              clock.instant(),
              new Recorder.Change(
                  RoutingEvents.ROUTING_GROUP_UPDATED,
                  RoutingEvents.AUDIT_ROUTING_GROUP_UPDATE,
                  "routing_group",
                  group.key(),
                  RoutingJson.toJson(group),
                  RoutingJson.toJson(old),
                  RoutingJson.toJson(group)));
          return group;
        });
  }

  private static void checkGroup(StoreTransaction tx, RoutingGroup group) {
    Set<UUID> agents = new HashSet<>();
    tx.routing().agents().forEach(a -> agents.add(a.id()));
    for (UUID m : group.members()) {
      if (!agents.contains(m)) {
        throw OmniFlowException.invalidInput(
            RoutingErrors.UNKNOWN_AGENT, "members: " + m + " is not an agent of the org.");
      }
    }
    String fallback = group.fallback();
    if (fallback != null && tx.routing().findGroup(fallback).isEmpty()) {
      throw OmniFlowException.invalidInput(
          RoutingErrors.UNKNOWN_GROUP,
          "fallback: the org has no routing group '" + fallback + "'; create it first.");
    }
  }

  /**
   * The org's routing groups, oldest first.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#ROUTING_READ}
   */
  public List<RoutingGroup> groups(Actor actor) {
    Permission.ROUTING_READ.check(actor);
    return store.inTransaction(actor, tx -> tx.routing().groups());
  }

  // ---- configuration

  /**
   * The routing configuration in force: the org's own, else its pack's, else {@link
   * RoutingConfig#DEFAULT}.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#ROUTING_READ}
   */
  public RoutingConfig config(Actor actor) {
    Permission.ROUTING_READ.check(actor);
    return store.inTransaction(actor, steps::config);
  }

  /**
   * Replaces the pack's routing configuration with the org's own; {@code null} goes back to the
   * pack's.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#ROUTING_MANAGE}; {@code
   *     invalid_routing} (invalid input, naming the rule path) if a rule does not compile against
   *     the pack's lead fields
   */
  public @Nullable RoutingConfig setConfig(Actor actor, @Nullable RoutingConfig config) {
    Permission.ROUTING_MANAGE.check(actor);
    return store.inTransaction(
        actor,
        tx -> {
          if (config != null) {
            var problems = config.problems(steps.fields(tx));
            if (!problems.isEmpty()) {
              throw OmniFlowException.invalidInput(
                  RoutingErrors.INVALID_ROUTING,
                  problems.get(0).path() + " : " + problems.get(0).message());
            }
          }
          Optional<RoutingConfig> old = tx.routing().config();
          tx.routing().saveConfig(config);
          Recorder.record(
              tx,
              clock.instant(),
              new Recorder.Change(
                  RoutingEvents.ROUTING_CONFIG_CHANGED,
                  RoutingEvents.AUDIT_ROUTING_SET_CONFIG,
                  "org",
                  actor.orgId().toString(),
                  config == null ? Map.of("config", "pack") : Map.of("config", "org"),
                  old.map(RoutingJson::toJson).orElse(null),
                  config == null ? null : RoutingJson.toJson(config)));
          return config;
        });
  }

  // ---- helpers

  private static void requireMember(StoreTransaction tx, @Nullable UUID userId) {
    if (userId != null && tx.users().find(userId).isEmpty()) {
      throw OmniFlowException.invalidInput(
          RoutingErrors.UNKNOWN_USER, "user_id: " + userId + " is not a member of the org.");
    }
  }
}
