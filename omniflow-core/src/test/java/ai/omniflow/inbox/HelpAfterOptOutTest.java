package ai.omniflow.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.PageRequest;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.connector.spi.ConnectorException;
import ai.omniflow.connector.spi.FailureKind;
import ai.omniflow.connector.spi.InboundEvent;
import ai.omniflow.connector.spi.Referral;
import ai.omniflow.connector.spi.Sender;
import ai.omniflow.connectors.AuthorizationStart;
import ai.omniflow.connectors.ConnectorMode;
import ai.omniflow.connectors.ScriptedConnector;
import ai.omniflow.events.DomainEvent;
import ai.omniflow.guardrails.ConsentState;
import ai.omniflow.store.InMemoryStore;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import ai.omniflow.tenancy.User;
import ai.omniflow.testing.MutableClock;
import ai.omniflow.testing.TestTokenCipher;
import ai.omniflow.vault.TokenVault;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * An inbound HELP from a contact who opted out is answered with the org's help text, once, and
 * nothing else reaches them (decision 0083): sent through a connector account for real, on the
 * in-memory store here; {@code omniflow-jdbc} runs the same tests on PostgreSQL by overriding
 * {@link #newStore()}.
 */
@DisplayName("The answer to HELP from a contact who opted out")
public class HelpAfterOptOutTest {
  private static final String DEFAULT_HELP =
      "Org: for help, reply to this message and we will answer. Reply STOP to stop receiving"
          + " messages.";

  protected final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
  protected final ScriptedConnector meta = new ScriptedConnector("meta", clock);
  protected OmniFlow omniFlow;
  protected Actor owner;
  protected Actor agent;
  private String accountRef;
  private int delivered;

  /** The store the tests run on; called before each test. */
  protected Store newStore() {
    return new InMemoryStore();
  }

  @BeforeEach
  void setUp() {
    omniFlow =
        OmniFlow.builder()
            .store(newStore())
            .clock(clock)
            .tokenVault(new TokenVault(TestTokenCipher.generate()))
            .connectorMode(ConnectorMode.LIVE)
            .connector(ScriptedConnector.factory(meta), ScriptedConnector.config(clock))
            .build();
    UUID org = UUID.randomUUID();
    User u = new User(UUID.randomUUID(), org + "@example.test", "Owner", clock.instant());
    omniFlow.tenancy().createOrg(org, "Org", u);
    owner = Actor.of(org, u.id(), Role.OWNER);
    User a = new User(UUID.randomUUID(), org + "-agent@example.test", "Agent", clock.instant());
    omniFlow.tenancy().addMember(owner, a, Role.AGENT);
    agent = Actor.of(org, a.id(), Role.AGENT);
    AuthorizationStart start = omniFlow.connectors().start(owner, "meta");
    accountRef =
        omniFlow
            .connectors()
            .complete(owner, "meta", "code-" + UUID.randomUUID(), start.state())
            .get(0)
            .accountRef();
  }

  private InboundEvent.Message says(String text) {
    delivered++;
    return new InboundEvent.Message(
        "mid.in-" + delivered,
        "page-1",
        Channel.FACEBOOK_DM,
        "pm-" + delivered,
        Sender.ofHandle("psid-1"),
        text,
        clock.instant(),
        Referral.NONE);
  }

  private IngestResult ingest(InboundEvent event) {
    return omniFlow.inbox().ingest(Actor.system(owner.orgId()), accountRef, event);
  }

  private List<Message> outbound(UUID threadId) {
    return omniFlow.inbox().messages(owner, threadId, PageRequest.of(200, 0)).items().stream()
        .filter(m -> m.direction() == MessageDirection.OUTBOUND)
        .toList();
  }

  /** The events of {@code type}, oldest first. */
  private List<DomainEvent> events(String type) {
    List<DomainEvent> out =
        new ArrayList<>(
            omniFlow.events().list(owner, PageRequest.of(200, 0)).items().stream()
                .filter(e -> e.type().equals(type))
                .toList());
    Collections.reverse(out);
    return out;
  }

  private static void assertRefused(Runnable call, String code) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(OmniFlowException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  /** A contact who wrote, then sent STOP: consent for the channel withdrawn. */
  private IngestResult optedOut() {
    IngestResult hello = ingest(says("Hi, is the loft still free?"));
    clock.advance(Duration.ofMinutes(1));
    ingest(says("STOP"));
    assertThat(omniFlow.inbox().consent(owner, hello.contactId()).stateOf(Channel.FACEBOOK_DM))
        .isEqualTo(ConsentState.WITHDRAWN);
    clock.advance(Duration.ofMinutes(1));
    return hello;
  }

  @Test
  @DisplayName(
      "gets exactly one message, the org's help text, whose message.sent event says the"
          + " help-answer exemption let it pass consent")
  void anOptedOutContactGetsTheHelpTextOnce() {
    IngestResult hello = optedOut();

    ingest(says("HELP"));

    assertThat(meta.sentTexts()).containsExactly(DEFAULT_HELP);
    assertThat(outbound(hello.threadId()))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.text()).isEqualTo(DEFAULT_HELP);
              assertThat(m.authorUserId()).isNull();
            });
    DomainEvent sent = events("message.sent").get(0);
    assertThat(sent.payload())
        .containsEntry("allowed_by", "help_answer")
        .containsEntry("exempt_from", "consent");
    String draftId = (String) sent.payload().get("draft_id");
    assertThat(meta.sentKeys()).containsExactly(draftId);
    assertThat(omniFlow.inbox().consent(owner, hello.contactId()).stateOf(Channel.FACEBOOK_DM))
        .as("the answer gives no consent back")
        .isEqualTo(ConsentState.WITHDRAWN);
  }

  @Test
  @DisplayName(
      "gets nothing else: not an agent's reply, not the help text sent by a person, not the help"
          + " draft again, not for a redelivered HELP or a HELP inside a sentence")
  void nothingElseGetsThrough() {
    IngestResult hello = optedOut();
    InboundEvent.Message help = says("help");
    ingest(help);
    assertThat(meta.sentTexts()).hasSize(1);
    UUID helpDraft =
        UUID.fromString((String) events("message.sent").get(0).payload().get("draft_id"));

    Draft reply = omniFlow.inbox().draft(agent, hello.threadId(), "Still interested in the loft?");
    assertRefused(
        () -> omniFlow.inbox().send(agent, hello.threadId(), reply.id()), "contact_opted_out");
    Draft sameText = omniFlow.inbox().draft(owner, hello.threadId(), DEFAULT_HELP);
    assertRefused(
        () -> omniFlow.inbox().send(owner, hello.threadId(), sameText.id()), "contact_opted_out");
    assertRefused(() -> omniFlow.inbox().send(owner, hello.threadId(), helpDraft), "draft_sent");
    assertThat(ingest(help).duplicate()).isTrue();
    ingest(says("I need help with the listing"));
    ingest(says("Are you there?"));

    assertThat(meta.sentTexts()).containsExactly(DEFAULT_HELP);
    assertThat(outbound(hello.threadId())).hasSize(1);
    assertThat(events("message.sent")).hasSize(1);
  }

  @Test
  @DisplayName("gets one answer per HELP, each sent with its own draft's id as the idempotency key")
  void oneAnswerPerHelp() {
    IngestResult hello = optedOut();

    ingest(says("HELP"));
    clock.advance(Duration.ofMinutes(30));
    ingest(says("Help!"));

    assertThat(meta.sentTexts()).hasSize(2);
    List<String> drafts =
        events("message.sent").stream().map(e -> (String) e.payload().get("draft_id")).toList();
    assertThat(meta.sentKeys()).containsExactlyElementsOf(drafts).doesNotHaveDuplicates();
    assertThat(outbound(hello.threadId())).hasSize(2);
  }

  @Test
  @DisplayName(
      "gets no answer later: a help text whose send failed is refused when a person sends it,"
          + " as any message would be")
  void noAnswerLater() {
    IngestResult hello = optedOut();
    meta.sendFailure = new ConnectorException(FailureKind.PERMANENT, "refused");

    ingest(says("HELP"));

    assertThat(meta.sentTexts()).hasSize(1);
    assertThat(outbound(hello.threadId())).isEmpty();
    UUID helpDraft =
        UUID.fromString((String) events("draft.created").get(0).payload().get("draft_id"));
    meta.sendFailure = null;
    clock.advance(Duration.ofMinutes(1));
    assertRefused(
        () -> omniFlow.inbox().send(owner, hello.threadId(), helpDraft), "contact_opted_out");
    assertThat(meta.sentTexts()).hasSize(1);
    assertThat(events("message.sent")).isEmpty();
  }

  @Test
  @DisplayName("a contact who did not opt out gets the help text as a plain reply, no exemption")
  void noExemptionWithoutAnOptOut() {
    IngestResult hello = ingest(says("Hello"));
    ingest(says("HELP"));

    assertThat(outbound(hello.threadId())).singleElement();
    assertThat(events("message.sent").get(0).payload())
        .doesNotContainKey("allowed_by")
        .doesNotContainKey("exempt_from");
  }
}
