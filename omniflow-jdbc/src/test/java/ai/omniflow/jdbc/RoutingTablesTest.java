package ai.omniflow.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.OmniFlow;
import ai.omniflow.jdbc.testing.PostgresTestDatabase;
import ai.omniflow.jdbc.testing.TestDatabase;
import ai.omniflow.routing.Agent;
import ai.omniflow.routing.RoutingConfig;
import ai.omniflow.routing.RoutingGroup;
import ai.omniflow.routing.RoutingPolicy;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import ai.omniflow.tenancy.User;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("The routing tables, seen with raw SQL")
@ExtendWith(PostgresTestDatabase.class)
class RoutingTablesTest {
  private static final List<String> TABLES =
      List.of(
          "routing_agents",
          "routing_groups",
          "routing_configs",
          "routing_counters",
          "routing_state");

  private final TestDatabase db;
  private final JdbcStore store;
  private final OmniFlow omniFlow;

  RoutingTablesTest(TestDatabase db) {
    this.db = db;
    this.store = JdbcStore.create(db.appDataSource(), db.schema());
    this.omniFlow = OmniFlow.builder().store(store).build();
  }

  private Actor orgWithRouting() {
    UUID org = UUID.randomUUID();
    User u = new User(UUID.randomUUID(), org + "@example.test", "Owner", Instant.now());
    omniFlow.tenancy().createOrg(org, "Org", u);
    Actor owner = Actor.of(org, u.id(), Role.OWNER);
    Agent ana = omniFlow.routing().createAgent(owner, Agent.of(UUID.randomUUID(), "Ana", 5));
    omniFlow
        .routing()
        .createGroup(owner, RoutingGroup.of("team", RoutingPolicy.ROUND_ROBIN, List.of(ana.id())));
    omniFlow.routing().setConfig(owner, RoutingConfig.DEFAULT);
    store.inTransaction(
        owner,
        tx -> {
          tx.routing().lock();
          tx.routing().incrementCounter("team", ana.id());
          return null;
        });
    return owner;
  }

  @Test
  void theApplicationRoleSeesOnlyTheOrgsRowsAndNothingWithoutAnOrg() throws SQLException {
    Actor a = orgWithRouting();
    orgWithRouting();
    RawSql.assertOnlyTheOrgsRowsAndNothingWithoutAnOrg(
        db.appDataSource(), db.schema(), TABLES, a.orgId());
  }

  @Test
  void theApplicationRoleMayDeleteOnlyTheOrgsOwnConfiguration() throws SQLException {
    assertThat(RawSql.privileges(db, TABLES))
        .containsExactly(
            "routing_agents:INSERT",
            "routing_agents:SELECT",
            "routing_agents:UPDATE",
            "routing_configs:DELETE",
            "routing_configs:INSERT",
            "routing_configs:SELECT",
            "routing_configs:UPDATE",
            "routing_counters:INSERT",
            "routing_counters:SELECT",
            "routing_counters:UPDATE",
            "routing_groups:INSERT",
            "routing_groups:SELECT",
            "routing_groups:UPDATE",
            "routing_state:INSERT",
            "routing_state:SELECT",
            "routing_state:UPDATE");
  }
}
