package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@DisplayName("Contact endpoints: a contact and the language it writes in")
class ContactsApiTest extends ServerTest {
  private Actor owner;
  private Map<String, String> asOwner;

  @BeforeEach
  void anOrg() {
    owner = newOrg("Idiomas Co");
    omniFlow.packs().select(owner, "real-estate");
    asOwner = as(owner.orgId(), owner.userId());
  }

  JsonNode ingest(String phone, String text) {
    Answer a =
        post(
            "/inbox/ingest/mock",
            "{\"channel\": \"sms\", \"sender\": {\"phone\": \""
                + phone
                + "\"}, \"text\": \""
                + text
                + "\"}",
            asOwner);
    assertThat(a.status()).as(a.body()).isEqualTo(201);
    return a.json();
  }

  Answer putLanguage(String contact, String json, Map<String, String> headers) {
    return send("PUT", "/contacts/" + contact + "/language", json, headers);
  }

  @Test
  void aContactWhoWritesSpanishShowsItOnTheContactTheThreadAndTheLead() {
    JsonNode r = ingest("+14155550141", "Hola, ¿cuánto cuesta la casa de la calle Mission?");
    String contact = r.path("contact_id").asString();

    Answer c = get("/contacts/" + contact, asOwner);
    assertThat(c.status()).as(c.body()).isEqualTo(200);
    assertThat(c.json().path("language").asString()).isEqualTo("es");
    assertThat(c.json().path("language_set_by_agent").asBoolean()).isFalse();
    assertThat(c.json().path("id").asString()).isEqualTo(contact);

    Answer thread = get("/inbox/threads/" + r.path("thread_id").asString(), asOwner);
    assertThat(thread.json().path("contact_language").asString()).isEqualTo("es");
    assertThat(get("/inbox/threads", asOwner).json().path("items").get(0).path("contact_language"))
        .hasToString("\"es\"");

    Answer lead = post("/leads/from-thread/" + r.path("thread_id").asString(), null, asOwner);
    assertThat(lead.status()).as(lead.body()).isEqualTo(201);
    assertThat(lead.json().path("language").asString()).isEqualTo("es");
  }

  @Test
  void anAgentSetsTheLanguageAndDetectionLeavesItAlone() {
    String contact =
        ingest("+14155550142", "Is the house still available?").path("contact_id").asString();
    UUID agent = addMember(owner, Role.AGENT);
    Map<String, String> asAgent = as(owner.orgId(), agent);

    Answer set = putLanguage(contact, "{\"language\": \"ES-mx\"}", asAgent);

    assertThat(set.status()).as(set.body()).isEqualTo(200);
    assertThat(set.json().path("language").asString()).isEqualTo("es-MX");
    assertThat(set.json().path("language_set_by_agent").asBoolean()).isTrue();
    ingest("+14155550142", "Can I see it on Saturday?");
    assertThat(get("/contacts/" + contact, asOwner).json().path("language").asString())
        .isEqualTo("es-MX");

    Answer cleared = putLanguage(contact, "{\"language\": null}", asAgent);
    assertThat(cleared.status()).as(cleared.body()).isEqualTo(200);
    assertThat(cleared.json().path("language").isNull()).isTrue();
    assertThat(cleared.json().path("language_set_by_agent").asBoolean()).isFalse();
  }

  @Test
  void aMalformedLanguageIsRefusedWithoutEchoingItAndWritesNothing() {
    String contact =
        ingest("+14155550143", "Hello, is it still available?").path("contact_id").asString();
    for (String bad : new String[] {"spanish", "es_MX", "", "e", "es-MX-x-private"}) {
      Answer a = putLanguage(contact, "{\"language\": \"" + bad + "\"}", asOwner);
      assertProblem(a, 422, "invalid_language");
      if (bad.length() > 2) {
        assertThat(a.body()).doesNotContain(bad);
      }
    }
    assertRefusedWritingNothing(
        owner,
        () -> putLanguage(contact, "{\"language\": \"" + "x".repeat(5000) + "\"}", asOwner),
        422,
        "invalid_language");
    assertRefusedWritingNothing(
        owner, () -> putLanguage(contact, "{\"language\": ", asOwner), 400, "malformed_json");
    assertThat(get("/contacts/" + contact, asOwner).json().path("language").asString())
        .isEqualTo("en");
  }

  @Test
  void anUnknownContactOrAnotherOrgsIsNotFoundAndAViewerMayNotSetTheLanguage() {
    String contact =
        ingest("+14155550144", "Hello, is it still available?").path("contact_id").asString();
    assertProblem(get("/contacts/" + UUID.randomUUID(), asOwner), 404, "not_found");
    assertProblem(get("/contacts/not-a-uuid", asOwner), 404, "not_found");
    assertRefusedWritingNothing(
        owner,
        () -> putLanguage(UUID.randomUUID().toString(), "{\"language\": \"es\"}", asOwner),
        404,
        "not_found");
    Actor other = newOrg("Other Co");
    Map<String, String> asOther = as(other.orgId(), other.userId());
    assertProblem(get("/contacts/" + contact, asOther), 404, "not_found");
    assertProblem(putLanguage(contact, "{\"language\": \"es\"}", asOther), 404, "not_found");
    UUID viewer = addMember(owner, Role.VIEWER);
    assertRefusedWritingNothing(
        owner,
        () -> putLanguage(contact, "{\"language\": \"es\"}", as(owner.orgId(), viewer)),
        403,
        "forbidden");
  }
}
