package ai.omniflow.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.OmniFlow;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.connector.spi.InboundEvent;
import ai.omniflow.connector.spi.Referral;
import ai.omniflow.connector.spi.Sender;
import ai.omniflow.jdbc.testing.PostgresTestDatabase;
import ai.omniflow.jdbc.testing.TestDatabase;
import ai.omniflow.leads.LeadTestPack;
import ai.omniflow.pack.PackCatalog;
import ai.omniflow.routing.RoutingConfig;
import ai.omniflow.routing.RoutingGroup;
import ai.omniflow.routing.RoutingPolicy;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import ai.omniflow.tenancy.User;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The lead tables seen with raw SQL as the application role: org rows only, exact privileges. */
@DisplayName("The lead tables")
@ExtendWith(PostgresTestDatabase.class)
class LeadTablesTest {
  private static final List<String> TABLES =
      List.of("leads", "lead_scores", "lead_model_runs", "lead_offers");

  private final TestDatabase db;
  private final OmniFlow omniFlow;

  LeadTablesTest(TestDatabase db) {
    this.db = db;
    this.omniFlow =
        OmniFlow.builder()
            .store(JdbcStore.create(db.appDataSource(), db.schema()))
            .packCatalog(PackCatalog.of(List.of(LeadTestPack.pack())))
            .build();
  }

  /** An org with a scored lead on offer and a (refused) model run: a row in every lead table. */
  private Actor orgWithALead() {
    UUID org = UUID.randomUUID();
    User u = new User(UUID.randomUUID(), org + "@example.test", "Owner", Instant.now());
    omniFlow.tenancy().createOrg(org, "Org", u);
    Actor owner = Actor.of(org, u.id(), Role.OWNER);
    omniFlow.packs().select(owner, LeadTestPack.SLUG);
    var r =
        omniFlow
            .inbox()
            .ingest(
                Actor.system(org),
                null,
                new InboundEvent.Message(
                    "k-" + org,
                    "page-1",
                    Channel.INSTAGRAM_DM,
                    "m-" + org,
                    Sender.ofHandle("ig-1"),
                    "Can we tour it?",
                    Instant.now(),
                    Referral.NONE));
    UUID lead = omniFlow.leads().fromThread(owner, r.threadId()).lead().id();
    omniFlow.leads().score(owner, lead);
    var agent =
        omniFlow
            .routing()
            .createAgent(
                owner,
                new ai.omniflow.routing.Agent(
                    UUID.randomUUID(),
                    u.id(),
                    "Ana",
                    true,
                    1,
                    5,
                    Set.of(),
                    ai.omniflow.routing.Availability.ALWAYS));
    omniFlow
        .routing()
        .createGroup(
            owner, RoutingGroup.of("claim", RoutingPolicy.FIRST_TO_CLAIM, List.of(agent.id())));
    omniFlow
        .routing()
        .setConfig(
            owner,
            new RoutingConfig(
                List.of(), "claim", false, ai.omniflow.routing.LastResort.POND, null));
    omniFlow.leads().route(owner, lead);
    omniFlow.leads().trainModel(owner);
    return owner;
  }

  @Test
  void theApplicationRoleSeesOnlyTheOrgsRowsAndNothingWithoutAnOrg() throws SQLException {
    Actor a = orgWithALead();
    orgWithALead();
    RawSql.assertOnlyTheOrgsRowsAndNothingWithoutAnOrg(
        db.appDataSource(), db.schema(), TABLES, a.orgId());
  }

  @Test
  void scoresAndModelRunsAreAppendOnlyLeadsAreNeverDeletedAndOffersComeAndGo() throws SQLException {
    assertThat(RawSql.privileges(db, TABLES))
        .containsExactly(
            "lead_model_runs:INSERT",
            "lead_model_runs:SELECT",
            "lead_offers:DELETE",
            "lead_offers:INSERT",
            "lead_offers:SELECT",
            "lead_offers:UPDATE",
            "lead_scores:INSERT",
            "lead_scores:SELECT",
            "leads:INSERT",
            "leads:SELECT",
            "leads:UPDATE");
  }
}
