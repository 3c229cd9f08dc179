package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@DisplayName("The embedded default")
class EmbeddedDefaultSmokeTest {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  @DisplayName("starts with no settings, answers /healthz and /me, and keeps its data between runs")
  void startsAnswersAndKeepsItsData() throws Exception {
    Path dataDir = TestDatabases.tempDir();

    try (ConfigurableApplicationContext first = start(dataDir)) {
      assertThat(get(first, "/healthz").path("status").asString()).isEqualTo("ok");
      JsonNode me = get(first, "/me");
      assertThat(me.path("org_name").asString()).isEqualTo("Dev Org");
      assertThat(me.path("pack_slug").asString()).isEqualTo("generic");
    }
    assertThat(Files.exists(dataDir.resolve("postgres").resolve("PG_VERSION"))).isTrue();

    try (ConfigurableApplicationContext second = start(dataDir)) {
      assertThat(get(second, "/me").path("role").asString()).isEqualTo("owner");
      JsonNode events = get(second, "/events?limit=200");
      assertThat(events.path("total").asLong()).as("seeded once, not twice").isEqualTo(3);
    }
  }

  private static ConfigurableApplicationContext start(Path dataDir) {
    return new SpringApplication(ReferenceServer.class)
        .run(
            "--server.port=0",
            "--omniflow.data-dir=" + dataDir,
            // The embedded default whatever OMNIFLOW_DB_* variables this machine has.
            "--omniflow.db.url=",
            "--omniflow.db.user=",
            "--omniflow.db.app-user=");
  }

  private JsonNode get(ConfigurableApplicationContext context, String path) throws Exception {
    String port = context.getEnvironment().getProperty("local.server.port");
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("X-Omniflow-Org-Id", DevSeed.ORG)
            .header("X-Omniflow-User-Id", DevSeed.USER)
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JsonMapper.builder().build().readTree(response.body());
  }
}
