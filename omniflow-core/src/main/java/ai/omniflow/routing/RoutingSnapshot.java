package ai.omniflow.routing;

import ai.omniflow.LanguageTags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An org's routing state at one moment, laid out in arrays for the engine: agents, groups (members
 * resolved to agent indices), each agent's open-lead count and each group's per-member assignment
 * counters. A store builds one per routing transaction from its rows and the leads' open counts:
 *
 * <pre>{@code
 * RoutingSnapshot state = RoutingSnapshot.of(tx.routing().agents(org),
 *     tx.routing().groups(org), tx.routing().counters(org), openCountsByAgent);
 * RoutingDecision d = engine.decide(request, state, clock.instant());
 * }</pre>
 *
 * <p>Group members that are not among the agents are left out. Immutable and thread-safe: the only
 * mutable part is a cache of each agent's availability window, whose entries are immutable and may
 * be recomputed by any thread.
 */
public final class RoutingSnapshot {
  final Agent[] agents;
  final String[] names;
  final Map<UUID, Integer> agentIndex;
  final int[] open;
  final int[] capacity;
  final int[] weight;
  final boolean[] active;
  final Availability.Window[] windows;
  final RoutingGroup[] groups;
  final Map<String, Integer> groupIndex;
  final int[][] members;
  final long[][] assigned;
  final int[] fallback;
  // each agent's languages as primary subtags ("es" for "es-MX"), for the language preference
  final String[][] speaks;

  private RoutingSnapshot(
      Agent[] agents,
      Map<UUID, Integer> agentIndex,
      int[] open,
      RoutingGroup[] groups,
      Map<String, Integer> groupIndex,
      int[][] members,
      long[][] assigned) {
    this.agents = agents;
    this.agentIndex = agentIndex;
    this.open = open;
    int n = agents.length;
    names = new String[n];
    capacity = new int[n];
    weight = new int[n];
    active = new boolean[n];
    for (int i = 0; i < n; i++) {
      names[i] = agents[i].name();
      capacity[i] = agents[i].capacity();
      weight[i] = agents[i].weight();
      active[i] = agents[i].active();
    }
    windows = new Availability.Window[n];
    speaks = new String[n][];
    for (int i = 0; i < n; i++) {
      speaks[i] =
          agents[i].languages().stream()
              .map(LanguageTags::primary)
              .distinct()
              .toArray(String[]::new);
    }
    this.groups = groups;
    this.groupIndex = groupIndex;
    this.members = members;
    this.assigned = assigned;
    fallback = new int[groups.length];
    for (int g = 0; g < groups.length; g++) {
      String f = groups[g].fallback();
      Integer fi = f == null ? null : groupIndex.get(f);
      fallback[g] = fi == null ? -1 : fi;
    }
  }

  /**
   * A snapshot of {@code agents} and {@code groups} with assignment {@code counters} (missing ones
   * are 0) and each agent's number of open leads (missing ones are 0).
   *
   * @throws IllegalArgumentException if agent ids or group keys repeat, or an open count is
   *     negative
   */
  public static RoutingSnapshot of(
      Collection<Agent> agents,
      Collection<RoutingGroup> groups,
      Collection<RoutingCounter> counters,
      Map<UUID, Integer> openCounts) {
    Agent[] a = agents.toArray(new Agent[0]);
    Map<UUID, Integer> agentIndex = new HashMap<>();
    int[] open = new int[a.length];
    for (int i = 0; i < a.length; i++) {
      if (agentIndex.put(a[i].id(), i) != null) {
        throw new IllegalArgumentException("agent " + a[i].id() + " appears twice");
      }
      Integer o = openCounts.get(a[i].id());
      if (o != null && o < 0) {
        throw new IllegalArgumentException("open count of agent " + a[i].id() + " is negative");
      }
      open[i] = o == null ? 0 : o;
    }
    RoutingGroup[] g = groups.toArray(new RoutingGroup[0]);
    Map<String, Integer> groupIndex = new HashMap<>();
    int[][] members = new int[g.length][];
    long[][] assigned = new long[g.length][];
    for (int k = 0; k < g.length; k++) {
      if (groupIndex.put(g[k].key(), k) != null) {
        throw new IllegalArgumentException("group '" + g[k].key() + "' appears twice");
      }
      members[k] =
          g[k].members().stream()
              .filter(agentIndex::containsKey)
              .mapToInt(agentIndex::get)
              .toArray();
      assigned[k] = new long[members[k].length];
    }
    for (RoutingCounter c : counters) {
      Integer k = groupIndex.get(c.group());
      Integer i = agentIndex.get(c.agent());
      if (k == null || i == null) {
        continue;
      }
      int pos = position(members[k], i);
      if (pos >= 0) {
        assigned[k][pos] = c.assigned();
      }
    }
    return new RoutingSnapshot(a, agentIndex, open, g, groupIndex, members, assigned);
  }

  private static int position(int[] members, int agent) {
    for (int p = 0; p < members.length; p++) {
      if (members[p] == agent) {
        return p;
      }
    }
    return -1;
  }

  /** The agents, in the order given. */
  public List<Agent> agents() {
    return List.of(agents);
  }

  /** The groups, in the order given. */
  public List<RoutingGroup> groups() {
    return List.of(groups);
  }

  /** The agent with {@code id}, or {@code null}. */
  public @Nullable Agent agent(UUID id) {
    Integer i = agentIndex.get(id);
    return i == null ? null : agents[i];
  }

  /**
   * The agent who signs in as {@code userId}, or {@code null}: leads are owned by users, so a
   * lead's owner maps to an agent (for {@link RoutingRequest#withPreviousOwner}) through this.
   */
  public @Nullable Agent agentOfUser(@Nullable UUID userId) {
    if (userId == null) {
      return null;
    }
    for (Agent a : agents) {
      if (userId.equals(a.userId())) {
        return a;
      }
    }
    return null;
  }

  /**
   * Open-lead counts keyed by user id (as {@code LeadRepository.openCountsByOwner()} gives them)
   * turned into counts keyed by the id of the agent with that user; users without an agent are left
   * out.
   */
  public static Map<UUID, Integer> openCountsByAgent(
      Collection<Agent> agents, Map<UUID, Integer> openCountsByUser) {
    Map<UUID, Integer> out = new HashMap<>();
    for (Agent a : agents) {
      Integer n = a.userId() == null ? null : openCountsByUser.get(a.userId());
      if (n != null) {
        out.put(a.id(), n);
      }
    }
    return out;
  }

  /** The group with {@code key}, or {@code null}. */
  public @Nullable RoutingGroup group(String key) {
    Integer g = groupIndex.get(key);
    return g == null ? null : groups[g];
  }

  /** The agent's open leads; 0 for an unknown agent. */
  public int openCount(UUID agent) {
    Integer i = agentIndex.get(agent);
    return i == null ? 0 : open[i];
  }

  /** How many leads {@code group} has assigned to {@code agent}; 0 if none or unknown. */
  public long assigned(String group, UUID agent) {
    Integer g = groupIndex.get(group);
    Integer i = agentIndex.get(agent);
    if (g == null || i == null) {
      return 0;
    }
    int pos = position(members[g], i);
    return pos < 0 ? 0 : assigned[g][pos];
  }

  /**
   * Why {@code agent} cannot take a lead at {@code now} (e.g. {@code paused}, {@code full (10/10
   * open)}, {@code not an agent}), or {@code null} if it can. Use it to check a first-to-claim
   * claim.
   */
  public @Nullable String unavailableReason(UUID agent, Instant now) {
    Integer i = agentIndex.get(agent);
    return i == null ? "not an agent" : reason(i, now, -1);
  }

  /**
   * Why {@code agent} may not claim a first-to-claim offer of {@code group} that expires at {@code
   * expiresAt}, or {@code null} if it may: the offer expired, the agent is not a member of the
   * group, or cannot take a lead now ({@link #unavailableReason}). Call it under the routing lock,
   * so two claims of one lead, or a claim and a routing, do not both succeed.
   *
   * <pre>{@code
   * String refused = state.claimRefusal(lead.offerGroup(), agentId, lead.offerExpiresAt(), now);
   * if (refused != null) throw OmniFlowException.conflict(RoutingErrors.CLAIM_REFUSED, refused);
   * }</pre>
   */
  public @Nullable String claimRefusal(String group, UUID agent, Instant expiresAt, Instant now) {
    if (!now.isBefore(expiresAt)) {
      return "the offer expired at " + expiresAt;
    }
    Integer g = groupIndex.get(group);
    Integer i = agentIndex.get(agent);
    if (g == null || i == null || position(members[g], i) < 0) {
      return "not a member of group " + group;
    }
    return reason(i, now, -1);
  }

  /**
   * The state after {@code decision} was carried out: the assigned agent holds one more open lead
   * and, if the decision bumps a counter, the group's counter for the agent is one higher.
   */
  public RoutingSnapshot apply(RoutingDecision decision) {
    if (decision.outcome() != RoutingDecision.Outcome.ASSIGNED) {
      return this;
    }
    int[] open2 = open.clone();
    int i = agentIndex.get(Objects.requireNonNull(decision.agent()));
    open2[i]++;
    long[][] assigned2 = assigned;
    String bump = decision.counterGroup();
    if (bump != null) {
      int g = groupIndex.get(bump);
      assigned2 = assigned.clone();
      assigned2[g] = assigned[g].clone();
      int pos = position(members[g], i);
      if (pos >= 0) {
        assigned2[g][pos]++;
      }
    }
    return new RoutingSnapshot(agents, agentIndex, open2, groups, groupIndex, members, assigned2);
  }

  // ---- the engine's view

  int indexOf(@Nullable UUID id) {
    if (id == null) {
      return -1;
    }
    Integer i = agentIndex.get(id);
    return i == null ? -1 : i;
  }

  int groupOf(@Nullable String key) {
    if (key == null) {
      return -1;
    }
    Integer g = groupIndex.get(key);
    return g == null ? -1 : g;
  }

  boolean eligible(int i, Instant now, int excluded) {
    return i != excluded && active[i] && open[i] < capacity[i] && window(i, now).reason == null;
  }

  /** Whether agent {@code i} speaks the language with primary subtag {@code primary}. */
  boolean speaks(int i, String primary) {
    for (String p : speaks[i]) {
      if (p.equals(primary)) {
        return true;
      }
    }
    return false;
  }

  /** As {@link #eligible(int, Instant, int)}, and speaking {@code primary} when it is given. */
  boolean eligible(int i, Instant now, int excluded, @Nullable String primary) {
    return (primary == null || speaks(i, primary)) && eligible(i, now, excluded);
  }

  /** As {@link #reason(int, Instant, int)}, or not speaking {@code primary} when it is given. */
  @Nullable String reason(int i, Instant now, int excluded, @Nullable String primary) {
    if (primary != null && !speaks(i, primary)) {
      return "does not speak " + primary;
    }
    return reason(i, now, excluded);
  }

  @Nullable String reason(int i, Instant now, int excluded) {
    if (i == excluded) {
      return "excluded (re-route)";
    }
    if (!active[i]) {
      return "inactive";
    }
    String why = window(i, now).reason;
    if (why != null) {
      return why;
    }
    if (open[i] >= capacity[i]) {
      return "full (" + open[i] + "/" + capacity[i] + " open)";
    }
    return null;
  }

  private Availability.Window window(int i, Instant now) {
    Availability.Window w = windows[i];
    if (w == null || !w.holdsAt(now)) {
      w = agents[i].availability().window(now);
      windows[i] = w;
    }
    return w;
  }

  List<UUID> ids(int[] idx, int n) {
    List<UUID> out = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      out.add(agents[idx[k]].id());
    }
    return out;
  }

  @Override
  public String toString() {
    return "RoutingSnapshot[agents="
        + agents.length
        + ", groups="
        + Arrays.stream(groups).map(RoutingGroup::key).toList()
        + "]";
  }
}
