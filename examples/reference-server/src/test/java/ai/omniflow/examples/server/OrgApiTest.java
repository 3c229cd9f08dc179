package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The org's own settings over HTTP: read it, and set its time zone. */
class OrgApiTest extends ServerTest {
  private Actor owner;
  private Map<String, String> asOwner;

  @BeforeEach
  void anOrg() {
    owner = newOrg("Zone Realty");
    asOwner = as(owner.orgId(), owner.userId());
  }

  Answer put(String json, Map<String, String> headers) {
    return send("PUT", "/org/time-zone", json, headers);
  }

  @Test
  void anOwnerSetsTheOrgsTimeZoneAndReadsItBack() {
    assertThat(get("/org", asOwner).json().path("time_zone").isNull()).isTrue();

    Answer set = put("{\"time_zone\": \"America/Chicago\"}", asOwner);

    assertThat(set.status()).as(set.body()).isEqualTo(200);
    assertThat(set.json().path("time_zone").asString()).isEqualTo("America/Chicago");
    Answer org = get("/org", asOwner);
    assertThat(org.json().path("time_zone").asString()).isEqualTo("America/Chicago");
    assertThat(org.json().path("name").asString()).isEqualTo("Zone Realty");
    assertThat(org.json().path("default_region").asString()).isEqualTo("US");
    assertThat(get("/events?limit=1", asOwner).json().path("items").get(0).path("type").asString())
        .isEqualTo("org.time_zone_set");
  }

  @Test
  void settingTheZoneItHasAlreadyRecordsNothing() {
    assertThat(put("{\"time_zone\": \"Europe/Madrid\"}", asOwner).status()).isEqualTo(200);
    long[] before = writes(owner);
    assertThat(put("{\"time_zone\": \"Europe/Madrid\"}", asOwner).status()).isEqualTo(200);
    assertThat(writes(owner)).containsExactly(before);
  }

  @Test
  void anAgentMayReadTheOrgButNotChangeItsZone() {
    UUID agent = addMember(owner, Role.AGENT);
    Map<String, String> asAgent = as(owner.orgId(), agent);
    assertThat(get("/org", asAgent).status()).isEqualTo(200);
    assertRefusedWritingNothing(
        owner, () -> put("{\"time_zone\": \"Asia/Tokyo\"}", asAgent), 403, "forbidden");
  }

  @Test
  void aZoneThatIsNoIanaRegionIsRefusedWithoutEchoingIt() {
    for (String bad : new String[] {"+02:00", "Mars/Olympus_Mons", "", "UTC+2"}) {
      Answer a = put("{\"time_zone\": \"" + bad + "\"}", asOwner);
      assertProblem(a, 422, "invalid_time_zone");
      if (!bad.isEmpty()) {
        assertThat(a.body()).doesNotContain(bad);
      }
    }
    assertRefusedWritingNothing(owner, () -> put("{}", asOwner), 422, "invalid_time_zone");
    String huge = "A".repeat(100_000);
    Answer a = put("{\"time_zone\": \"" + huge + "\"}", asOwner);
    assertThat(a.status()).isIn(413, 422);
    assertThat(a.body()).doesNotContain("AAAAAAAAAA");
    assertThat(get("/org", asOwner).json().path("time_zone").isNull()).isTrue();
  }
}
