package ai.omniflow.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.OmniFlow;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.connector.spi.InboundEvent;
import ai.omniflow.connector.spi.Referral;
import ai.omniflow.connector.spi.Sender;
import ai.omniflow.leads.Lead;
import ai.omniflow.leads.LeadTestPack;
import ai.omniflow.pack.PackCatalog;
import ai.omniflow.store.InMemoryStore;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import ai.omniflow.tenancy.User;
import ai.omniflow.testing.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The first moves a suggestion previews, as the enrollment would make them. */
@DisplayName("A suggestion's preview")
class SuggestionPreviewTest {
  /** 12:00 in San Francisco, inside the hours a +1 415 number may be sent to. */
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T20:00:00Z"));

  @Test
  @DisplayName(
      "counts the sends it previews: past the daily cap (3) the next send is deferred to the"
          + " next morning, as the enrollment's own run would be")
  void previewedSendsUseTheCap() {
    OmniFlow omniFlow =
        OmniFlow.builder()
            .store(new InMemoryStore())
            .clock(clock)
            .packCatalog(PackCatalog.of(List.of(EnrollmentServiceTest.pack())))
            .build();
    UUID org = UUID.randomUUID();
    User u = new User(UUID.randomUUID(), org + "@example.test", "Owner", clock.instant());
    omniFlow.tenancy().createOrg(org, "Bay Homes", u);
    Actor owner = Actor.of(org, u.id(), Role.OWNER);
    omniFlow.packs().select(owner, LeadTestPack.SLUG);
    List<Object> sends = new java.util.ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      sends.add(
          Map.of("key", "nudge_" + i, "send", Map.of("template", "check_in", "channel", "sms")));
    }
    omniFlow
        .playbooks()
        .create(owner, Map.of("key", "four-nudges", "name", "Four nudges", "steps", sends));
    var in =
        omniFlow
            .inbox()
            .ingest(
                Actor.system(org),
                null,
                new InboundEvent.Message(
                    "m1",
                    "page-1",
                    Channel.SMS,
                    "pm-1",
                    new Sender(null, "Ana Lima", "+14155550101", null),
                    "START",
                    clock.instant().minusSeconds(1),
                    Referral.NONE));
    Lead lead = omniFlow.leads().fromThread(owner, in.threadId()).lead();

    NurtureSuggestions s = omniFlow.playbooks().suggest(owner, lead.id());

    NurtureSuggestions.Suggestion four =
        s.playbooks().stream()
            .filter(p -> p.playbook().playbook().key().equals("four-nudges"))
            .findFirst()
            .orElseThrow();
    assertThat(four.preview())
        .extracting(NurtureSuggestions.Preview::kind)
        .containsExactly("send", "send", "send", "deferred", "send");
    NurtureSuggestions.Preview deferred = four.preview().get(3);
    assertThat(deferred.stepKey()).isEqualTo("nudge_4");
    // Until the contact's next day starts (in the zone the guardrails count its days in).
    assertThat(deferred.detail()).startsWith("frequency_cap until ");
    Instant until = Instant.parse(deferred.detail().substring("frequency_cap until ".length()));
    assertThat(until).isAfter(clock.instant()).isBefore(clock.instant().plusSeconds(86_400));
    assertThat(four.preview().get(4).at()).isEqualTo(until);
    assertThat(four.preview().get(4).stepKey()).isEqualTo("nudge_4");
  }
}
