package ai.omniflow.store.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.routing.RoutingErrors;
import ai.omniflow.store.spi.RoutingRepository;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The {@link RoutingRepository} of one in-memory transaction. Not thread-safe: the store's lock
 * guards it.
 */
final class InMemoryRouting implements RoutingRepository {
  private final InMemoryTables tables;
  private final InMemoryContext tx;
  private final UUID org;

  InMemoryRouting(InMemoryTables tables, InMemoryContext tx) {
    this.tables = tables;
    this.tx = tx;
    this.org = tx.org();
  }

  @Override
  public void lock() {
    tx.requireOpen(); // transactions are serialized by the store's lock already
  }

  @Override
  public void insertAgent(ai.omniflow.routing.Agent a) {
    tx.requireOpen();
    if (tables.agents.containsKey(a.id())) {
      throw OmniFlowException.conflict(RoutingErrors.AGENT_EXISTS, "The agent exists already.");
    }
    tx.put(tables.agents, a.id(), new Owned<>(org, a));
  }

  @Override
  public void updateAgent(ai.omniflow.routing.Agent a) {
    tx.requireOpen();
    Owned<ai.omniflow.routing.Agent> old = tables.agents.get(a.id());
    if (old == null || !old.org().equals(org)) {
      throw OmniFlowException.notFound("The agent");
    }
    tx.put(tables.agents, a.id(), new Owned<>(org, a));
  }

  @Override
  public Optional<ai.omniflow.routing.Agent> findAgent(UUID agentId) {
    tx.requireOpen();
    Owned<ai.omniflow.routing.Agent> o = tables.agents.get(agentId);
    return o == null || !o.org().equals(org) ? Optional.empty() : Optional.of(o.value());
  }

  @Override
  public List<ai.omniflow.routing.Agent> agents() {
    tx.requireOpen();
    return tables.agents.values().stream()
        .filter(o -> o.org().equals(org))
        .map(Owned::value)
        .toList();
  }

  @Override
  public void insertGroup(ai.omniflow.routing.RoutingGroup g) {
    tx.requireOpen();
    List<Object> key = List.of(org, g.key());
    if (tables.routingGroups.containsKey(key)) {
      throw OmniFlowException.conflict(
          RoutingErrors.GROUP_EXISTS, "The org has a routing group '" + g.key() + "' already.");
    }
    tx.put(tables.routingGroups, key, g);
  }

  @Override
  public void updateGroup(ai.omniflow.routing.RoutingGroup g) {
    tx.requireOpen();
    List<Object> key = List.of(org, g.key());
    ai.omniflow.routing.RoutingGroup old = tables.routingGroups.get(key);
    if (old == null) {
      throw OmniFlowException.notFound("The routing group");
    }
    tx.put(tables.routingGroups, key, g);
  }

  @Override
  public Optional<ai.omniflow.routing.RoutingGroup> findGroup(String key) {
    tx.requireOpen();
    return Optional.ofNullable(tables.routingGroups.get(List.of(org, key)));
  }

  @Override
  public List<ai.omniflow.routing.RoutingGroup> groups() {
    tx.requireOpen();
    return tables.routingGroups.entrySet().stream()
        .filter(e -> e.getKey().get(0).equals(org))
        .map(Map.Entry::getValue)
        .toList();
  }

  @Override
  public Optional<ai.omniflow.routing.RoutingConfig> config() {
    tx.requireOpen();
    return Optional.ofNullable(tables.routingConfigs.get(org));
  }

  @Override
  public void saveConfig(ai.omniflow.routing.@Nullable RoutingConfig config) {
    tx.requireOpen();
    if (config == null) {
      tx.remove(tables.routingConfigs, org);
    } else {
      tx.put(tables.routingConfigs, org, config);
    }
  }

  @Override
  public List<ai.omniflow.routing.RoutingCounter> counters() {
    tx.requireOpen();
    return tables.routingCounters.entrySet().stream()
        .filter(e -> e.getKey().get(0).equals(org))
        .map(
            e ->
                new ai.omniflow.routing.RoutingCounter(
                    (String) e.getKey().get(1), (UUID) e.getKey().get(2), e.getValue()))
        .toList();
  }

  @Override
  public void incrementCounter(String group, UUID agent) {
    tx.requireOpen();
    List<Object> key = List.of(org, group, agent);
    Long old = tables.routingCounters.get(key);
    tx.put(tables.routingCounters, key, old == null ? 1 : old + 1);
  }
}
