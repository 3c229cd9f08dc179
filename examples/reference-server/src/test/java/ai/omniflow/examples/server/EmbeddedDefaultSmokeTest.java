package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@DisplayName("The embedded default")
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedDefaultSmokeTest {
  private final DevOrgClient client = new DevOrgClient();

  @Test
  @DisplayName("starts with no settings, answers /healthz and /me, and keeps its data between runs")
  void startsAnswersAndKeepsItsData(CapturedOutput output) throws Exception {
    Path dataDir = TestDatabases.tempDir();
    Path keyset = dataDir.resolve(DevKeyset.FILE);
    String ref;

    try (ConfigurableApplicationContext first = start(dataDir)) {
      assertThat(get(first, "/healthz").path("status").asString()).isEqualTo("ok");
      int port = Integer.parseInt(first.getEnvironment().getProperty("local.server.port"));
      for (InetAddress outside : nonLoopbackAddresses()) {
        try (Socket socket = new Socket()) {
          assertThatThrownBy(() -> socket.connect(new InetSocketAddress(outside, port), 2000))
              .as("dev headers are on: not reachable on " + outside)
              .isInstanceOf(IOException.class);
        }
      }
      JsonNode me = get(first, "/me");
      assertThat(me.path("org_name").asString()).isEqualTo("Dev Org");
      assertThat(me.path("pack_slug").asString()).isEqualTo("generic");
      String state = send(first, "POST", "/connectors/mock/start", "").path("state").asString();
      ref =
          send(
                  first,
                  "POST",
                  "/connectors/mock/callback",
                  "{\"code\": \"any\", \"state\": \"" + state + "\"}")
              .path("accounts")
              .get(0)
              .path("account_ref")
              .asString();
    }
    assertThat(Files.exists(dataDir.resolve("postgres").resolve("PG_VERSION"))).isTrue();
    assertThat(keyset).as("the dev keyset").exists();
    String firstKeyset = Files.readString(keyset);
    if (Files.getFileStore(keyset).supportsFileAttributeView("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyset)))
          .isEqualTo("rw-------");
    }
    assertThat(output.getAll())
        .contains("so the server listens on 127.0.0.1 only")
        .contains("Generated the development token keyset")
        .contains("for development only");

    try (ConfigurableApplicationContext second = start(dataDir)) {
      assertThat(get(second, "/me").path("role").asString()).isEqualTo("owner");
      JsonNode events = get(second, "/events?limit=200");
      assertThat(events.path("total").asLong())
          .as(
              "seeded once, not twice (the org, its owner and one member per other role); plus"
                  + " the OAuth start and connection")
          .isEqualTo(9);
      assertThat(
              send(second, "POST", "/connectors/mock/" + ref + "/healthcheck", "")
                  .path("status")
                  .asString())
          .as("the tokens sealed on the first run open on the second")
          .isEqualTo("healthy");
    }
    assertThat(Files.readString(keyset)).as("reused, not regenerated").isEqualTo(firstKeyset);
    assertThat(output.getAll().split("Generated the development token keyset", -1)).hasSize(2);
  }

  @Test
  @DisplayName("runs the inbox flow: connect mock, ingest a DM, suggest, draft, send once")
  void runsTheInboxFlow() throws Exception {
    try (ConfigurableApplicationContext app = start(TestDatabases.tempDir())) {
      String state = send(app, "POST", "/connectors/mock/start", "").path("state").asString();
      String ref =
          send(
                  app,
                  "POST",
                  "/connectors/mock/callback",
                  "{\"code\": \"any\", \"state\": \"" + state + "\"}")
              .path("accounts")
              .get(0)
              .path("account_ref")
              .asString();
      HttpResponse<String> ingested =
          raw(
              app,
              "POST",
              "/inbox/ingest/mock",
              "{\"channel\": \"instagram_dm\", \"sender\": {\"handle\": \"ig_dev\","
                  + " \"name\": \"Dev Lead\"}, \"text\": \"How much is it?\"}");
      assertThat(ingested.statusCode()).as(ingested.body()).isEqualTo(201);
      String thread = json(ingested).path("thread_id").asString();

      JsonNode threads = get(app, "/inbox/threads");
      assertThat(threads.path("total").asLong()).isEqualTo(1);
      assertThat(threads.path("items").get(0).path("account_ref").asString()).isEqualTo(ref);
      JsonNode suggestion = send(app, "POST", "/inbox/threads/" + thread + "/suggest-reply", "");
      assertThat(suggestion.path("intent").asString()).isEqualTo("pricing_question");
      String reply = suggestion.path("reply").asString();
      assertThat(reply).isNotBlank();

      HttpResponse<String> drafted =
          raw(
              app,
              "POST",
              "/inbox/threads/" + thread + "/draft-reply",
              "{\"text\": " + JsonMapper.builder().build().writeValueAsString(reply) + "}");
      assertThat(drafted.statusCode()).as(drafted.body()).isEqualTo(201);
      String draft = json(drafted).path("id").asString();
      String body = "{\"draft_id\": \"" + draft + "\"}";
      JsonNode sent = send(app, "POST", "/inbox/threads/" + thread + "/send", body);
      assertThat(sent.path("provider_message_id").asString()).startsWith("mock-msg-");
      assertThat(get(app, "/inbox/threads/" + thread + "/messages").path("total").asLong())
          .isEqualTo(2);

      HttpResponse<String> again = raw(app, "POST", "/inbox/threads/" + thread + "/send", body);
      assertThat(again.statusCode()).isEqualTo(409);
      assertThat(json(again).path("code").asString()).isEqualTo("draft_sent");
    }
  }

  private static List<InetAddress> nonLoopbackAddresses() throws Exception {
    return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
        .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
        .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
        .toList();
  }

  private static JsonNode json(HttpResponse<String> response) {
    return JsonMapper.builder().build().readTree(response.body());
  }

  private HttpResponse<String> raw(
      ConfigurableApplicationContext context, String method, String path, String body)
      throws Exception {
    return client.raw(context, method, path, body);
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

  private JsonNode send(
      ConfigurableApplicationContext context, String method, String path, String body)
      throws Exception {
    return client.ok(context, method, path, body);
  }

  private JsonNode get(ConfigurableApplicationContext context, String path) throws Exception {
    return client.ok(context, "GET", path, "");
  }
}
