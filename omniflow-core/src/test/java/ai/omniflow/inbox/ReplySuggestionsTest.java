package ai.omniflow.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.assist.IntentPrediction;
import ai.omniflow.assist.ReplySuggesterCompatibilityKit;
import ai.omniflow.assist.Suggestion;
import ai.omniflow.assist.SuggestionRequest;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.connector.spi.InboundEvent;
import ai.omniflow.connector.spi.Referral;
import ai.omniflow.connector.spi.Sender;
import ai.omniflow.pack.PackCatalog;
import ai.omniflow.store.InMemoryStore;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import ai.omniflow.tenancy.User;
import ai.omniflow.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link InboxService#suggestReply}: core's suggest-reply use case, over the in-memory store. */
class ReplySuggestionsTest {
  private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
  private final MutableClock clock = new MutableClock(T0);
  private int keys;

  private OmniFlow omniFlow(OmniFlow.Builder b) {
    return b.store(new InMemoryStore())
        .clock(clock)
        .packCatalog(PackCatalog.of(List.of(ReplySuggesterCompatibilityKit.PACK)))
        .build();
  }

  private Actor org(OmniFlow omniFlow, boolean selectPack) {
    UUID org = UUID.randomUUID();
    User u = new User(UUID.randomUUID(), org + "@example.test", "Sam Lee", clock.instant());
    omniFlow.tenancy().createOrg(org, "Bay Realty", u);
    Actor a = Actor.of(org, u.id(), Role.OWNER);
    if (selectPack) {
      omniFlow.packs().select(a, ReplySuggesterCompatibilityKit.PACK.slug());
    }
    return a;
  }

  private IngestResult dm(OmniFlow omniFlow, Actor org, String text, Instant at) {
    String key = "k" + (++keys);
    return omniFlow
        .inbox()
        .ingest(
            Actor.system(org.orgId()),
            null,
            new InboundEvent.Message(
                key,
                "page-1",
                Channel.INSTAGRAM_DM,
                "pm-" + key,
                new Sender("ana.g", "Ana Garcia", null, null),
                text,
                at,
                Referral.NONE));
  }

  @Test
  @DisplayName("a suggestion answers the newest inbound message, grounded in the org and contact")
  void answersTheNewestInboundMessage() {
    OmniFlow omniFlow = omniFlow(OmniFlow.builder());
    Actor owner = org(omniFlow, true);
    dm(omniFlow, owner, "hello", T0.minusSeconds(60));
    IngestResult last = dm(omniFlow, owner, "I have a question", T0.minusSeconds(30));
    omniFlow.inbox().assign(owner, last.threadId(), owner.userId());

    ReplySuggestion r = omniFlow.inbox().suggestReply(owner, last.threadId());

    assertThat(r.threadId()).isEqualTo(last.threadId());
    assertThat(r.messageId()).isEqualTo(last.messageId());
    assertThat(r.intent()).isEqualTo("general_question");
    assertThat(r.suggestion().reply())
        .isEqualTo("Thanks, Ana Garcia! Sam Lee from Bay Realty will reply soon.");
    assertThat(r.factsUsed()).containsExactly("contact_name", "agent_name", "org_name");
    assertThat(r.optedOut()).isFalse();
    assertThat(r.windowClosed()).isFalse();
    assertThat(r.windowClosesAt()).isEqualTo(T0.minusSeconds(30).plus(Duration.ofHours(24)));
    assertThat(r.suggestedAt()).isEqualTo(T0);
    assertThat(r.warnings()).isEmpty();
  }

  @Test
  @DisplayName("an inbound STOP as the 101st message of a thread is seen, so no reply is offered")
  void seesAnOptOutBeyondTheFirstHundredMessages() {
    OmniFlow omniFlow = omniFlow(OmniFlow.builder());
    Actor owner = org(omniFlow, true);
    Instant at = T0.minus(Duration.ofHours(2));
    for (int i = 0; i < 100; i++) {
      dm(omniFlow, owner, "how much is it " + i, at.plusSeconds(i));
    }
    IngestResult stop = dm(omniFlow, owner, "STOP", at.plusSeconds(100));
    assertThat(
            omniFlow
                .inbox()
                .messages(owner, stop.threadId(), ai.omniflow.PageRequest.first())
                .total())
        .isEqualTo(101);

    ReplySuggestion r = omniFlow.inbox().suggestReply(owner, stop.threadId());

    assertThat(r.messageId()).isEqualTo(stop.messageId());
    assertThat(r.optedOut()).isTrue();
    assertThat(r.suggestion().reply()).isNull();
    assertThat(r.suggestion().nextAction()).isEqualTo(Suggestion.STOP_MESSAGING);
    assertThat(r.warnings()).contains(Suggestion.CONTACT_OPTED_OUT);
  }

  @Test
  @DisplayName("a contact opted out through the inbox is opted out in the suggestion")
  void honoursARecordedOptOut() {
    OmniFlow omniFlow = omniFlow(OmniFlow.builder());
    Actor owner = org(omniFlow, true);
    IngestResult r = dm(omniFlow, owner, "how much is it", T0.minusSeconds(10));
    omniFlow.inbox().optOut(owner, r.contactId());

    ReplySuggestion s = omniFlow.inbox().suggestReply(owner, r.threadId());

    assertThat(s.optedOut()).isTrue();
    assertThat(s.suggestion().reply()).isNull();
    assertThat(s.warnings()).contains(Suggestion.CONTACT_OPTED_OUT);
  }

  @Test
  @DisplayName("the channel window is judged at the time of the OmniFlow clock")
  void judgesTheWindowByTheInjectedClock() {
    OmniFlow omniFlow = omniFlow(OmniFlow.builder());
    Actor owner = org(omniFlow, true);
    IngestResult r = dm(omniFlow, owner, "how much is it", T0);
    clock.advance(Duration.ofHours(25));

    ReplySuggestion s = omniFlow.inbox().suggestReply(owner, r.threadId());

    assertThat(s.windowClosed()).isTrue();
    assertThat(s.windowClosesAt()).isEqualTo(T0.plus(Duration.ofHours(24)));
    assertThat(s.suggestedAt()).isEqualTo(T0.plus(Duration.ofHours(25)));
    assertThat(s.warnings()).contains(Suggestion.WINDOW_CLOSED);
  }

  @Test
  @DisplayName("the suggester and classifier registered on the builder are the ones used")
  void usesTheRegisteredSuggesterAndClassifier() {
    List<SuggestionRequest> asked = new ArrayList<>();
    OmniFlow omniFlow =
        omniFlow(
            OmniFlow.builder()
                .intentClassifier(
                    (text, pack) ->
                        new IntentPrediction(
                            text.contains("banana") ? "opt_out" : "general_question",
                            1.0,
                            null,
                            0.0,
                            List.of()))
                .replySuggester(
                    request -> {
                      asked.add(request);
                      return new Suggestion(
                          "general_question",
                          0.5,
                          null,
                          "Custom reply",
                          "handoff",
                          List.of(),
                          request.guardrails().warnings());
                    }));
    Actor owner = org(omniFlow, true);
    dm(omniFlow, owner, "banana", T0.minusSeconds(20));
    IngestResult r = dm(omniFlow, owner, "x".repeat(5000), T0.minusSeconds(10));

    ReplySuggestion s = omniFlow.inbox().suggestReply(owner, r.threadId());

    assertThat(s.suggestion().reply()).isEqualTo("Custom reply");
    assertThat(s.optedOut()).isTrue();
    assertThat(asked).hasSize(1);
    assertThat(asked.get(0).text()).hasSize(SuggestionRequest.MAX_TEXT);
    assertThat(asked.get(0).guardrails().optedOut()).isTrue();
    assertThat(asked.get(0).facts().get("org_name")).isEqualTo("Bay Realty");
  }

  @Test
  @DisplayName("an org without a pack, or a thread the contact never wrote in, gets no suggestion")
  void refusesWithoutAPack() {
    OmniFlow omniFlow = omniFlow(OmniFlow.builder());
    Actor owner = org(omniFlow, false);
    IngestResult r = dm(omniFlow, owner, "how much is it", T0);

    assertThatThrownBy(() -> omniFlow.inbox().suggestReply(owner, r.threadId()))
        .isInstanceOfSatisfying(
            OmniFlowException.class, e -> assertThat(e.code()).isEqualTo("no_pack_selected"));
    assertThatThrownBy(() -> omniFlow.inbox().suggestReply(owner, UUID.randomUUID()))
        .isInstanceOfSatisfying(
            OmniFlowException.class, e -> assertThat(e.code()).isEqualTo("not_found"));
  }
}
