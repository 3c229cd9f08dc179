package ai.omniflow.store.spi;

import ai.omniflow.routing.Agent;
import ai.omniflow.routing.RoutingConfig;
import ai.omniflow.routing.RoutingCounter;
import ai.omniflow.routing.RoutingGroup;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The routing state of the transaction's org: agents, groups, the org's routing configuration (when
 * it replaces the pack's) and the groups' per-agent assignment counters.
 *
 * <p>To route a lead, a caller takes {@link #lock()} first, then reads agents, groups and counters
 * into a {@link ai.omniflow.routing.RoutingSnapshot}, decides, writes the assignment and calls
 * {@link #incrementCounter}, all in one transaction: two nodes routing for one org then run one
 * after the other, so neither exceeds a capacity nor breaks round robin.
 */
public interface RoutingRepository {
  /**
   * Locks the org's routing state until the transaction ends; a second transaction that calls it
   * for the same org waits. A store that serializes its transactions does nothing.
   */
  void lock();

  /**
   * @throws ai.omniflow.OmniFlowException {@code agent_exists} (conflict) if the id is taken
   */
  void insertAgent(Agent agent);

  /**
   * Replaces the agent with the same id.
   *
   * @throws ai.omniflow.OmniFlowException {@code not_found} if the org has no such agent
   */
  void updateAgent(Agent agent);

  Optional<Agent> findAgent(UUID agentId);

  /** The org's agents, oldest first. */
  List<Agent> agents();

  /**
   * @throws ai.omniflow.OmniFlowException {@code group_exists} (conflict) if the org has a group of
   *     that key
   */
  void insertGroup(RoutingGroup group);

  /**
   * Replaces the group with the same key.
   *
   * @throws ai.omniflow.OmniFlowException {@code not_found} if the org has no such group
   */
  void updateGroup(RoutingGroup group);

  Optional<RoutingGroup> findGroup(String key);

  /** The org's groups, oldest first. */
  List<RoutingGroup> groups();

  /** The org's own routing configuration, if it replaced the pack's. */
  Optional<RoutingConfig> config();

  /** Saves the org's own routing configuration; {@code null} goes back to the pack's. */
  void saveConfig(@Nullable RoutingConfig config);

  /** Every non-zero assignment counter of the org's groups. */
  List<RoutingCounter> counters();

  /** Adds one to the counter of {@code group} for {@code agent}, starting at 0. */
  void incrementCounter(String group, UUID agent);
}
