package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real HTTP to a server started in a test, as the seeded dev owner (dev headers), for tests that
 * start the server themselves rather than through {@code @SpringBootTest}.
 */
final class DevOrgClient {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final HttpClient http = HttpClient.newHttpClient();

  /** The response as it came. */
  HttpResponse<String> raw(
      ConfigurableApplicationContext server, String method, String path, String body)
      throws Exception {
    String port = server.getEnvironment().getProperty("local.server.port");
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("X-Omniflow-Org-Id", DevSeed.ORG)
            .header("X-Omniflow-User-Id", DevSeed.USER)
            .header("Content-Type", "application/json")
            .method(
                method,
                body.isEmpty()
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** The JSON body of a 200 answer; any other status fails the test, showing the body. */
  JsonNode ok(ConfigurableApplicationContext server, String method, String path, String body)
      throws Exception {
    HttpResponse<String> response = raw(server, method, path, body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }
}
