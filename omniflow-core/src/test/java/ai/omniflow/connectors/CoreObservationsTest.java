package ai.omniflow.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.connector.spi.ConnectorException;
import ai.omniflow.connector.spi.FailureKind;
import ai.omniflow.connector.spi.InboundEvent;
import ai.omniflow.connector.spi.Referral;
import ai.omniflow.connector.spi.Sender;
import ai.omniflow.inbox.Draft;
import ai.omniflow.inbox.IngestResult;
import ai.omniflow.leads.LeadService;
import ai.omniflow.leads.LeadTestPack;
import ai.omniflow.pack.PackCatalog;
import ai.omniflow.store.InMemoryStore;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import ai.omniflow.tenancy.User;
import ai.omniflow.testing.MutableClock;
import ai.omniflow.testing.TestTokenCipher;
import ai.omniflow.vault.TokenVault;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Micrometer Observations core emits around ingest, send, score, route and each connector call,
 * seen through a host's registry: their names, their low-cardinality tags and the absence of any
 * org, contact, thread, lead or account id.
 */
@DisplayName("Core's observations")
class CoreObservationsTest {
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
  final ScriptedConnector meta = new ScriptedConnector("meta", clock);
  final TestObservationRegistry registry = TestObservationRegistry.create();
  // Every stopped observation, in the order they stopped.
  final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();
  OmniFlow omniFlow;
  Actor owner;

  @BeforeEach
  void setUp() {
    registry
        .observationConfig()
        .observationHandler(
            new ObservationHandler<>() {
              @Override
              public boolean supportsContext(Observation.Context context) {
                return true;
              }

              @Override
              public void onStop(Observation.Context context) {
                stopped.add(context);
              }
            });
    omniFlow =
        OmniFlow.builder()
            .store(new InMemoryStore())
            .clock(clock)
            .tokenVault(new TokenVault(TestTokenCipher.generate()))
            .connectorMode(ConnectorMode.LIVE)
            .connector(ScriptedConnector.factory(meta), ScriptedConnector.config(clock))
            .packCatalog(PackCatalog.of(List.of(LeadTestPack.pack())))
            .observationRegistry(registry)
            .build();
    UUID org = UUID.randomUUID();
    User u = new User(UUID.randomUUID(), org + "@example.test", "Owner", clock.instant());
    omniFlow.tenancy().createOrg(org, "Org", u);
    owner = Actor.of(org, u.id(), Role.OWNER);
    omniFlow.packs().select(owner, LeadTestPack.SLUG);
  }

  ConnectorAccount connect() {
    AuthorizationStart start = omniFlow.connectors().start(owner, "meta");
    return omniFlow.connectors().complete(owner, "meta", "code-1", start.state()).get(0);
  }

  IngestResult dm(ConnectorAccount account, String key) {
    return omniFlow
        .inbox()
        .ingest(
            Actor.system(owner.orgId()),
            account.accountRef(),
            new InboundEvent.Message(
                key,
                account.externalAccountId(),
                Channel.FACEBOOK_DM,
                "mid-" + key,
                Sender.ofHandle("psid-77"),
                "Hi, is the flat on Elm Street still available? I am pre-approved.",
                clock.instant(),
                Referral.NONE));
  }

  List<Observation.Context> named(String name) {
    return stopped.stream().filter(c -> name.equals(c.getName())).toList();
  }

  static Map<String, String> tags(Observation.Context c) {
    return StreamSupport.stream(c.getLowCardinalityKeyValues().spliterator(), false)
        .collect(Collectors.toMap(KeyValue::getKey, KeyValue::getValue));
  }

  @Test
  void everyConnectorCallIsObservedWithItsProviderOperationAndOutcome() {
    connect();
    assertThat(named("omniflow.connector.call"))
        .extracting(CoreObservationsTest::tags)
        .containsExactly(
            Map.of("provider", "meta", "operation", "authorization_url", "outcome", "success"),
            Map.of("provider", "meta", "operation", "exchange_code", "outcome", "success"));
  }

  @Test
  void anIngestIsObservedWithItsChannelAndOutcome() {
    ConnectorAccount account = connect();
    dm(account, "k1");
    TestObservationRegistryAssert.assertThat(registry)
        .hasObservationWithNameEqualTo("omniflow.inbox.ingest")
        .that()
        .hasLowCardinalityKeyValue("channel", "facebook_dm")
        .hasBeenStarted()
        .hasBeenStopped();
    assertThat(named("omniflow.inbox.ingest"))
        .singleElement()
        .extracting(CoreObservationsTest::tags)
        .isEqualTo(Map.of("channel", "facebook_dm", "outcome", "success"));
  }

  @Test
  void aSendIsObservedWithTheThreadsChannelAroundItsConnectorCall() {
    ConnectorAccount account = connect();
    IngestResult in = dm(account, "k1");
    Draft d = omniFlow.inbox().draft(owner, in.threadId(), "Yes, it is.");
    omniFlow.inbox().send(owner, in.threadId(), d.id());

    Observation.Context send = named("omniflow.inbox.send").get(0);
    assertThat(tags(send)).isEqualTo(Map.of("channel", "facebook_dm", "outcome", "success"));
    Observation.Context call =
        named("omniflow.connector.call").stream()
            .filter(c -> "send".equals(tags(c).get("operation")))
            .findFirst()
            .orElseThrow();
    assertThat(call.getParentObservation()).isNotNull();
    assertThat(call.getParentObservation().getContextView().getName())
        .isEqualTo("omniflow.inbox.send");
  }

  @Test
  void aRefusedSendIsObservedWithTheErrorCodeAsOutcome() {
    ConnectorAccount account = connect();
    IngestResult in = dm(account, "k1");
    Draft d = omniFlow.inbox().draft(owner, in.threadId(), "Yes, it is.");
    meta.sendFailure = new ConnectorException(FailureKind.RATE_LIMITED, "slow down");

    assertThatThrownBy(() -> omniFlow.inbox().send(owner, in.threadId(), d.id()))
        .isInstanceOf(OmniFlowException.class);

    assertThat(tags(named("omniflow.inbox.send").get(0)))
        .containsEntry("outcome", "send_rate_limited");
    assertThat(named("omniflow.connector.call"))
        .extracting(CoreObservationsTest::tags)
        .contains(Map.of("provider", "meta", "operation", "send", "outcome", "rate_limited"));
    assertThat(named("omniflow.inbox.send").get(0).getError()).isNotNull();
  }

  @Test
  void scoringAndRoutingAreObservedWithTheirOutcomes() {
    ConnectorAccount account = connect();
    IngestResult in = dm(account, "k1");
    LeadService.Conversion c = omniFlow.leads().fromThread(owner, in.threadId());
    omniFlow.leads().score(owner, c.lead().id());
    omniFlow.leads().route(owner, c.lead().id());

    assertThat(tags(named("omniflow.leads.score").get(0)))
        .isEqualTo(Map.of("reason", "requested", "model", "none", "outcome", "success"));
    assertThat(tags(named("omniflow.leads.route").get(0)))
        .containsEntry("outcome", "success")
        .containsKey("decision");
  }

  @Test
  void noObservationCarriesAnOrgContactThreadLeadOrAccountId() {
    ConnectorAccount account = connect();
    IngestResult in = dm(account, "k1");
    Draft d = omniFlow.inbox().draft(owner, in.threadId(), "Yes, it is.");
    omniFlow.inbox().send(owner, in.threadId(), d.id());
    LeadService.Conversion c = omniFlow.leads().fromThread(owner, in.threadId());
    omniFlow.leads().score(owner, c.lead().id());
    omniFlow.leads().route(owner, c.lead().id());

    List<String> ids =
        List.of(
            owner.orgId().toString(),
            owner.userId().toString(),
            in.contactId().toString(),
            in.threadId().toString(),
            c.lead().id().toString(),
            account.accountRef(),
            account.externalAccountId(),
            "psid-77");
    List<String> values = new ArrayList<>();
    for (Observation.Context o : stopped) {
      o.getAllKeyValues().forEach(kv -> values.add(kv.getValue()));
    }
    assertThat(stopped).hasSizeGreaterThanOrEqualTo(7);
    assertThat(values).isNotEmpty().allSatisfy(v -> assertThat(ids).doesNotContain(v));
  }

  @Test
  void withoutARegistryTheDefaultIsTheNoOpOneAndACopyKeepsTheHosts() {
    assertThat(OmniFlow.builder().build().observationRegistry().isNoop()).isTrue();
    assertThat(omniFlow.toBuilder().build().observationRegistry()).isSameAs(registry);
    assertThatThrownBy(() -> OmniFlow.builder().observationRegistry(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("observationRegistry");
  }
}
