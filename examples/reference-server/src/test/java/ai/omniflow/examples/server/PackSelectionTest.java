package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.tenancy.Actor;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@DisplayName("Selecting a vertical pack over HTTP")
class PackSelectionTest extends ServerTest {

  @Test
  @DisplayName("lists the packs with the org's one marked selected")
  void listsPacks() {
    Actor owner = newOrg("Listing Co");
    omniFlow.packs().select(owner, "generic");

    JsonNode page = get("/verticals", as(owner.orgId(), owner.userId())).json();

    assertThat(page.path("total").asLong()).isGreaterThanOrEqualTo(2);
    Map<String, Boolean> selected = new HashMap<>();
    page.path("items")
        .forEach(p -> selected.put(p.path("slug").asString(), p.path("selected").asBoolean()));
    assertThat(selected).containsEntry("generic", true).containsEntry("real-estate", false);
    assertThat(page.path("items").get(0).path("version").asString()).matches("\\d+\\.\\d+\\.\\d+");
    assertThat(page.path("items").get(0).path("name").asString()).isNotBlank();
  }

  @Test
  @DisplayName("emits org.pack_selected and an audit entry with before, after and the request id")
  void selectingAPackIsRecorded() {
    Actor owner = newOrg("Realty Co");
    omniFlow.packs().select(owner, "generic");
    Map<String, String> headers = new HashMap<>(as(owner.orgId(), owner.userId()));
    headers.put("X-Request-Id", "req-select-42");

    Answer selected = post("/verticals/select", "{\"pack_slug\": \"real-estate\"}", headers);

    assertThat(selected.status()).isEqualTo(200);
    assertThat(selected.json().path("id").asString()).isEqualTo(owner.orgId().toString());
    assertThat(selected.json().path("pack_slug").asString()).isEqualTo("real-estate");
    assertThat(selected.headers().firstValue("X-Request-Id")).contains("req-select-42");

    JsonNode event = get("/events?limit=1", headers).json().path("items").get(0);
    assertThat(event.path("type").asString()).isEqualTo("org.pack_selected");
    assertThat(event.path("payload").path("pack_slug").asString()).isEqualTo("real-estate");
    assertThat(event.path("payload").path("previous_pack_slug").asString()).isEqualTo("generic");
    assertThat(event.path("actor_user_id").asString()).isEqualTo(owner.userId().toString());
    assertThat(event.path("occurred_at").asString()).endsWith("Z");

    JsonNode audit = get("/audit?limit=1", headers).json().path("items").get(0);
    assertThat(audit.path("action").asString()).isEqualTo("org.select_pack");
    assertThat(audit.path("before").path("pack_slug").asString()).isEqualTo("generic");
    assertThat(audit.path("after").path("pack_slug").asString()).isEqualTo("real-estate");
    assertThat(audit.path("request_id").asString()).isEqualTo("req-select-42");

    assertThat(get("/me", headers).json().path("pack_slug").asString()).isEqualTo("real-estate");
  }
}
