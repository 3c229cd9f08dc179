package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The org's own settings over HTTP: read it, set its time zone and its lead-forms setting. */
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

  Answer putLeadForms(String json, Map<String, String> headers) {
    return send("PUT", "/org/lead-forms", json, headers);
  }

  @Test
  void leadFormsBecomeLeadsUntilAnOwnerTurnsItOffAndBack() {
    assertThat(get("/org/lead-forms", asOwner).json().path("become_leads").asBoolean()).isTrue();
    assertThat(get("/org", asOwner).json().path("lead_forms_become_leads").asBoolean()).isTrue();

    Answer off = putLeadForms("{\"become_leads\": false}", asOwner);

    assertThat(off.status()).as(off.body()).isEqualTo(200);
    assertThat(off.json().path("become_leads").asBoolean()).isFalse();
    assertThat(get("/org/lead-forms", asOwner).json().path("become_leads").asBoolean()).isFalse();
    assertThat(get("/events?limit=1", asOwner).json().path("items").get(0).path("type").asString())
        .isEqualTo("org.lead_forms_become_leads_set");
    long[] before = writes(owner);
    assertThat(putLeadForms("{\"become_leads\": false}", asOwner).status()).isEqualTo(200);
    assertThat(writes(owner)).containsExactly(before);
    Answer on = putLeadForms("{\"become_leads\": true}", asOwner);
    assertThat(on.json().path("become_leads").asBoolean()).isTrue();
  }

  @Test
  void anAdminChangesTheLeadFormsSettingAndAnAgentMayOnlyReadIt() {
    Map<String, String> asAdmin = as(owner.orgId(), addMember(owner, Role.ADMIN));
    Map<String, String> asAgent = as(owner.orgId(), addMember(owner, Role.AGENT));

    assertThat(get("/org/lead-forms", asAgent).status()).isEqualTo(200);
    assertRefusedWritingNothing(
        owner, () -> putLeadForms("{\"become_leads\": false}", asAgent), 403, "forbidden");
    assertThat(putLeadForms("{\"become_leads\": false}", asAdmin).status()).isEqualTo(200);
  }

  @Test
  void aLeadFormsBodyWithoutABooleanIsRefusedNamingTheField() {
    assertRefusedWritingNothing(
        owner, () -> putLeadForms("{}", asOwner), 422, "invalid_become_leads");
    assertRefusedWritingNothing(
        owner,
        () -> putLeadForms("{\"become_leads\": null}", asOwner),
        422,
        "invalid_become_leads");
    for (String bad : new String[] {"\"yes\"", "\"false\"", "1", "[true]"}) {
      Answer a = putLeadForms("{\"become_leads\": " + bad + "}", asOwner);
      assertProblem(a, 400, "wrong_type");
      assertThat(a.json().path("detail").asString()).contains("become_leads");
    }
    assertProblem(putLeadForms("{\"becomes_leads\": true}", asOwner), 422, "invalid_become_leads");
    assertThat(get("/org/lead-forms", asOwner).json().path("become_leads").asBoolean()).isTrue();
  }

  Answer putHelpText(String json, Map<String, String> headers) {
    return send("PUT", "/org/help-text", json, headers);
  }

  @Test
  void anOwnerSetsTheHelpTextAndClearsItBackToTheDefault() {
    Answer initial = get("/org/help-text", asOwner);
    assertThat(initial.json().path("help_text").isNull()).isTrue();
    assertThat(initial.json().path("answer").asString())
        .startsWith("Zone Realty: for help")
        .contains("Reply STOP");

    Answer set =
        putHelpText(
            "{\"help_text\": \"  Zone Realty: call (415) 555-0100. Reply STOP to opt out.  \"}",
            asOwner);

    assertThat(set.status()).as(set.body()).isEqualTo(200);
    assertThat(set.json().path("help_text").asString())
        .isEqualTo("Zone Realty: call (415) 555-0100. Reply STOP to opt out.");
    assertThat(get("/org/help-text", asOwner).json().path("answer").asString())
        .isEqualTo("Zone Realty: call (415) 555-0100. Reply STOP to opt out.");
    assertThat(get("/events?limit=1", asOwner).json().path("items").get(0).path("type").asString())
        .isEqualTo("org.help_text_set");
    long[] before = writes(owner);
    assertThat(
            putHelpText(
                    "{\"help_text\": \"Zone Realty: call (415) 555-0100. Reply STOP to opt out.\"}",
                    asOwner)
                .status())
        .isEqualTo(200);
    assertThat(writes(owner)).containsExactly(before);
    Answer cleared = putHelpText("{\"help_text\": null}", asOwner);
    assertThat(cleared.json().path("help_text").isNull()).isTrue();
  }

  @Test
  void aHelpTextTooLongBlankOrNotAStringIsRefusedWithoutEchoAndAnAgentMayOnlyReadIt() {
    String tooLong = "H".repeat(321);
    Answer longOne = putHelpText("{\"help_text\": \"" + tooLong + "\"}", asOwner);
    assertProblem(longOne, 422, "invalid_help_text");
    assertThat(longOne.body()).doesNotContain("HHHHHHHHHH");
    assertRefusedWritingNothing(
        owner,
        () -> putHelpText("{\"help_text\": \"" + tooLong + "\"}", asOwner),
        422,
        "invalid_help_text");
    assertRefusedWritingNothing(
        owner, () -> putHelpText("{\"help_text\": \"   \"}", asOwner), 422, "invalid_help_text");
    assertRefusedWritingNothing(
        owner,
        () -> putHelpText("{\"help_text\": \"a\\u0000b\"}", asOwner),
        422,
        "invalid_help_text");
    Answer wrong = putHelpText("{\"help_text\": [\"a\"]}", asOwner);
    assertProblem(wrong, 400, "wrong_type");
    Map<String, String> asAgent = as(owner.orgId(), addMember(owner, Role.AGENT));
    assertThat(get("/org/help-text", asAgent).status()).isEqualTo(200);
    assertRefusedWritingNothing(
        owner, () -> putHelpText("{\"help_text\": \"Hi\"}", asAgent), 403, "forbidden");
  }
}
