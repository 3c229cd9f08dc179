package ai.omniflow.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.PageRequest;
import ai.omniflow.events.DomainEvent;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("An org's time zone")
class OrgTimeZoneTest {
  private final OmniFlow omniFlow = OmniFlow.builder().build();
  private final UUID orgId = UUID.randomUUID();
  private final User user =
      new User(UUID.randomUUID(), "o@example.test", "Owner", Instant.parse("2026-01-01T00:00:00Z"));
  private final Actor owner = Actor.of(orgId, user.id(), Role.OWNER);

  {
    omniFlow.tenancy().createOrg(orgId, "Org", user);
  }

  private long events() {
    return omniFlow.events().list(owner, PageRequest.first()).total();
  }

  @Test
  @DisplayName("defaults to the one zone of the org's region, else UTC")
  void defaultsFromTheRegion() {
    Org org = omniFlow.tenancy().org(owner);
    assertThat(org.timeZone()).isNull();
    assertThat(org.zone()).isEqualTo(ZoneOffset.UTC); // US has several zones
    assertThat(omniFlow.tenancy().setDefaultRegion(owner, "gb").zone())
        .isEqualTo(ZoneId.of("Europe/London"));
  }

  @Test
  @DisplayName("is set once, recorded with an event and an audit entry, and read back")
  void isSetAndRecorded() {
    long before = events();
    Org set = omniFlow.tenancy().setTimeZone(owner, " America/Argentina/Buenos_Aires ");
    assertThat(set.zone()).isEqualTo(ZoneId.of("America/Argentina/Buenos_Aires"));
    assertThat(omniFlow.tenancy().org(owner).timeZone()).isEqualTo(set.timeZone());
    assertThat(events()).isEqualTo(before + 1);
    DomainEvent e = omniFlow.events().list(owner, PageRequest.first()).items().get(0);
    assertThat(e.type()).isEqualTo(TenancyEvents.ORG_TIME_ZONE_SET);
    omniFlow.tenancy().setTimeZone(owner, "America/Argentina/Buenos_Aires");
    assertThat(events()).as("setting the same zone records nothing").isEqualTo(before + 1);
  }

  @Test
  @DisplayName("refuses unknown zones, bare offsets and agents, writing nothing")
  void refusesBadInput() {
    long before = events();
    for (String bad : new String[] {"Mars/Olympus", "+02:00", "", "x".repeat(10_000)}) {
      assertThatThrownBy(() -> omniFlow.tenancy().setTimeZone(owner, bad))
          .isInstanceOfSatisfying(
              OmniFlowException.class,
              e -> {
                assertThat(e.code()).isEqualTo(TenancyErrors.INVALID_TIME_ZONE);
                assertThat(e.getMessage()).doesNotContain("Olympus").hasSizeLessThan(200);
              });
    }
    Actor agent = Actor.of(orgId, UUID.randomUUID(), Role.AGENT);
    assertThatThrownBy(() -> omniFlow.tenancy().setTimeZone(agent, "Europe/Paris"))
        .isInstanceOfSatisfying(
            OmniFlowException.class, e -> assertThat(e.code()).isEqualTo("forbidden"));
    assertThat(events()).isEqualTo(before);
    assertThat(omniFlow.tenancy().org(owner).timeZone()).isNull();
  }
}
