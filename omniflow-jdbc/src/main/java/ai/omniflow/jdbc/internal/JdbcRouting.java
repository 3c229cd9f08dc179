package ai.omniflow.jdbc.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.routing.RoutingErrors;
import ai.omniflow.store.spi.RoutingRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.statement.StatementContext;
import org.jspecify.annotations.Nullable;

/** The {@link RoutingRepository} of one JDBC transaction, with the SQL it runs. Not thread-safe. */
final class JdbcRouting implements RoutingRepository {
  static final String ROUTING_STATE_ENSURE =
      "insert into <schema>.routing_state (org_id) values (:org) on conflict do nothing";

  static final String ROUTING_STATE_LOCK =
      "select org_id from <schema>.routing_state where org_id = :org for update";

  static final String AGENT_INSERT =
      "insert into <schema>.routing_agents (id, org_id, user_id, name, active, weight, "
          + "capacity, languages, availability) values (:id, :org, :user_id, :name, :active, "
          + ":weight, :capacity, :languages, cast(:availability as jsonb)) on conflict do "
          + "nothing";

  static final String AGENT_UPDATE =
      "update <schema>.routing_agents set user_id = :user_id, name = :name, active = "
          + ":active, weight = :weight, capacity = :capacity, languages = :languages, "
          + "availability = cast(:availability as jsonb) where org_id = :org and id = :id";

  static final String AGENT_FIND =
      "select id, org_id, user_id, name, active, weight, capacity, languages, "
          + "availability from <schema>.routing_agents where org_id = :org and id = :id";

  static final String AGENT_LIST =
      "select id, org_id, user_id, name, active, weight, capacity, languages, "
          + "availability from <schema>.routing_agents where org_id = :org order by seq";

  static final String GROUP_INSERT =
      "insert into <schema>.routing_groups (org_id, key, name, policy, member_ids, "
          + "offer_timeout, fallback_key) values (:org, :key, :name, :policy, :member_ids, "
          + ":offer_timeout, :fallback_key) on conflict do nothing";

  static final String GROUP_UPDATE =
      "update <schema>.routing_groups set name = :name, policy = :policy, member_ids = "
          + ":member_ids, offer_timeout = :offer_timeout, fallback_key = :fallback_key where "
          + "org_id = :org and key = :key";

  static final String GROUP_FIND =
      "select org_id, key, name, policy, member_ids, offer_timeout, fallback_key from "
          + "<schema>.routing_groups where org_id = :org and key = :key";

  static final String GROUP_LIST =
      "select org_id, key, name, policy, member_ids, offer_timeout, fallback_key from "
          + "<schema>.routing_groups where org_id = :org order by seq";

  static final String ROUTING_CONFIG_FIND =
      "select config from <schema>.routing_configs where org_id = :org";

  static final String ROUTING_CONFIG_DELETE =
      "delete from <schema>.routing_configs where org_id = :org";

  static final String ROUTING_CONFIG_SAVE =
      "insert into <schema>.routing_configs (org_id, config) values (:org, cast(:config "
          + "as jsonb)) on conflict (org_id) do update set config = excluded.config";

  static final String COUNTER_LIST =
      "select group_key, agent_id, assigned from <schema>.routing_counters where org_id "
          + "= :org order by group_key, agent_id";

  static final String COUNTER_INCREMENT =
      "insert into <schema>.routing_counters (org_id, group_key, agent_id, assigned) "
          + "values (:org, :group_key, :agent_id, 1) on conflict (org_id, group_key, "
          + "agent_id) do update set assigned = routing_counters.assigned + 1";

  private final JdbcContext tx;
  private final UUID org;

  JdbcRouting(JdbcContext tx) {
    this.tx = tx;
    this.org = tx.org();
  }

  @Override
  public void lock() {
    tx.step(
        "routing.lock",
        () -> {
          tx.change(ROUTING_STATE_ENSURE).bind("org", org).execute();
          return tx.select(ROUTING_STATE_LOCK).bind("org", org).mapTo(UUID.class).one();
        });
  }

  @Override
  public void insertAgent(ai.omniflow.routing.Agent a) {
    int rows =
        tx.step(
            "routing.insertAgent",
            () ->
                tx.change(AGENT_INSERT)
                    .bind("id", a.id())
                    .bind("org", org)
                    .bind("user_id", a.userId())
                    .bind("name", a.name())
                    .bind("active", a.active())
                    .bind("weight", a.weight())
                    .bind("capacity", a.capacity())
                    .bindArray("languages", String.class, a.languages())
                    .bind("availability", ai.omniflow.routing.RoutingJson.toJson(a.availability()))
                    .execute());
    if (rows == 0) {
      throw OmniFlowException.conflict(RoutingErrors.AGENT_EXISTS, "The agent exists already.");
    }
  }

  @Override
  public void updateAgent(ai.omniflow.routing.Agent a) {
    int rows =
        tx.step(
            "routing.updateAgent",
            () ->
                tx.change(AGENT_UPDATE)
                    .bind("user_id", a.userId())
                    .bind("name", a.name())
                    .bind("active", a.active())
                    .bind("weight", a.weight())
                    .bind("capacity", a.capacity())
                    .bindArray("languages", String.class, a.languages())
                    .bind("availability", ai.omniflow.routing.RoutingJson.toJson(a.availability()))
                    .bind("org", org)
                    .bind("id", a.id())
                    .execute());
    if (rows == 0) {
      throw OmniFlowException.notFound("The agent");
    }
  }

  @Override
  public Optional<ai.omniflow.routing.Agent> findAgent(UUID agentId) {
    Objects.requireNonNull(agentId, "agentId");
    return tx.step(
        "routing.findAgent",
        () ->
            tx.select(AGENT_FIND)
                .bind("org", org)
                .bind("id", agentId)
                .map((rs, ctx) -> agent(rs, ctx))
                .findOne());
  }

  @Override
  public List<ai.omniflow.routing.Agent> agents() {
    return tx.step(
        "routing.agents",
        () -> tx.select(AGENT_LIST).bind("org", org).map((rs, ctx) -> agent(rs, ctx)).list());
  }

  @Override
  public void insertGroup(ai.omniflow.routing.RoutingGroup g) {
    int rows =
        tx.step(
            "routing.insertGroup",
            () ->
                tx.change(GROUP_INSERT)
                    .bind("org", org)
                    .bind("key", g.key())
                    .bind("name", g.name())
                    .bind("policy", g.policy().key())
                    .bindArray("member_ids", UUID.class, g.members())
                    .bind("offer_timeout", g.offerTimeout().toString())
                    .bind("fallback_key", g.fallback())
                    .execute());
    if (rows == 0) {
      throw OmniFlowException.conflict(
          RoutingErrors.GROUP_EXISTS, "The org has a routing group '" + g.key() + "' already.");
    }
  }

  @Override
  public void updateGroup(ai.omniflow.routing.RoutingGroup g) {
    int rows =
        tx.step(
            "routing.updateGroup",
            () ->
                tx.change(GROUP_UPDATE)
                    .bind("name", g.name())
                    .bind("policy", g.policy().key())
                    .bindArray("member_ids", UUID.class, g.members())
                    .bind("offer_timeout", g.offerTimeout().toString())
                    .bind("fallback_key", g.fallback())
                    .bind("org", org)
                    .bind("key", g.key())
                    .execute());
    if (rows == 0) {
      throw OmniFlowException.notFound("The routing group");
    }
  }

  @Override
  public Optional<ai.omniflow.routing.RoutingGroup> findGroup(String key) {
    Objects.requireNonNull(key, "key");
    return tx.step(
        "routing.findGroup",
        () ->
            tx.select(GROUP_FIND)
                .bind("org", org)
                .bind("key", key)
                .map((rs, ctx) -> group(rs, ctx))
                .findOne());
  }

  @Override
  public List<ai.omniflow.routing.RoutingGroup> groups() {
    return tx.step(
        "routing.groups",
        () -> tx.select(GROUP_LIST).bind("org", org).map((rs, ctx) -> group(rs, ctx)).list());
  }

  @Override
  public Optional<ai.omniflow.routing.RoutingConfig> config() {
    return tx.step(
        "routing.config",
        () ->
            tx.select(ROUTING_CONFIG_FIND)
                .bind("org", org)
                .map(
                    (rs, ctx) ->
                        ai.omniflow.routing.RoutingJson.config(
                            Objects.requireNonNull(Columns.json(rs, ctx, "config"))))
                .findOne());
  }

  @Override
  public void saveConfig(ai.omniflow.routing.@Nullable RoutingConfig config) {
    tx.step(
        "routing.saveConfig",
        () ->
            config == null
                ? tx.change(ROUTING_CONFIG_DELETE).bind("org", org).execute()
                : tx.change(ROUTING_CONFIG_SAVE)
                    .bind("org", org)
                    .bind("config", ai.omniflow.routing.RoutingJson.toJson(config))
                    .execute());
  }

  @Override
  public List<ai.omniflow.routing.RoutingCounter> counters() {
    return tx.step(
        "routing.counters",
        () ->
            tx.select(COUNTER_LIST)
                .bind("org", org)
                .map(
                    (rs, ctx) ->
                        new ai.omniflow.routing.RoutingCounter(
                            rs.getString("group_key"),
                            Columns.uuid(rs, "agent_id"),
                            rs.getLong("assigned")))
                .list());
  }

  @Override
  public void incrementCounter(String group, UUID agent) {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(agent, "agent");
    tx.step(
        "routing.incrementCounter",
        () ->
            tx.change(COUNTER_INCREMENT)
                .bind("org", org)
                .bind("group_key", group)
                .bind("agent_id", agent)
                .execute());
  }

  private ai.omniflow.routing.Agent agent(ResultSet rs, StatementContext ctx) throws SQLException {
    return new ai.omniflow.routing.Agent(
        Columns.uuid(rs, "id"),
        Columns.nullableUuid(rs, "user_id"),
        rs.getString("name"),
        rs.getBoolean("active"),
        rs.getInt("weight"),
        rs.getInt("capacity"),
        java.util.Set.copyOf(Columns.texts(rs, ctx, "languages")),
        ai.omniflow.routing.RoutingJson.availability(
            Objects.requireNonNull(Columns.json(rs, ctx, "availability"))));
  }

  private static ai.omniflow.routing.RoutingGroup group(ResultSet rs, StatementContext ctx)
      throws SQLException {
    return new ai.omniflow.routing.RoutingGroup(
        rs.getString("key"),
        rs.getString("name"),
        Objects.requireNonNull(ai.omniflow.routing.RoutingPolicy.of(rs.getString("policy"))),
        Columns.uuids(rs, ctx, "member_ids"),
        java.time.Duration.parse(rs.getString("offer_timeout")),
        rs.getString("fallback_key"));
  }
}
