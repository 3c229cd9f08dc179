package ai.omniflow.leads;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.OmniFlow;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.connector.spi.InboundEvent;
import ai.omniflow.connector.spi.Referral;
import ai.omniflow.connector.spi.Sender;
import ai.omniflow.inbox.IngestResult;
import ai.omniflow.pack.PackCatalog;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import ai.omniflow.tenancy.User;
import ai.omniflow.testing.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Lead extraction counts days in the org's time zone")
class LeadDaysInOrgZoneTest {
  // 12:00 UTC on Wednesday 25 November is already Thursday 26 November, 02:00, at UTC+14.
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
  private final OmniFlow omniFlow =
      OmniFlow.builder()
          .clock(clock)
          .packCatalog(PackCatalog.of(List.of(LeadTestPack.pack())))
          .build();

  private Object moveDate(String timeZone) {
    UUID org = UUID.randomUUID();
    User u = new User(UUID.randomUUID(), org + "@example.test", "Owner", clock.instant());
    omniFlow.tenancy().createOrg(org, "Org", u);
    Actor owner = Actor.of(org, u.id(), Role.OWNER);
    omniFlow.packs().select(owner, LeadTestPack.SLUG);
    if (timeZone != null) {
      omniFlow.tenancy().setTimeZone(owner, timeZone);
    }
    IngestResult r =
        omniFlow
            .inbox()
            .ingest(
                Actor.system(org),
                null,
                new InboundEvent.Message(
                    "k1",
                    "page-1",
                    Channel.INSTAGRAM_DM,
                    "pm-1",
                    Sender.ofHandle("ana"),
                    "can I move in tomorrow?",
                    clock.instant(),
                    Referral.NONE));
    return omniFlow.leads().fromThread(owner, r.threadId()).lead().fields().get("move_date");
  }

  @Test
  @DisplayName("'tomorrow' is the day after the org's today, not UTC's")
  void tomorrowIsTheOrgsTomorrow() {
    assertThat(moveDate(null)).hasToString("2026-11-26");
    assertThat(moveDate("Pacific/Kiritimati")).hasToString("2026-11-27");
    assertThat(moveDate("America/Los_Angeles")).hasToString("2026-11-26");
  }
}
