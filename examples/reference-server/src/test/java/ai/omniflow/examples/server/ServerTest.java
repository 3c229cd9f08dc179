package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.OmniFlow;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Membership;
import ai.omniflow.tenancy.Role;
import ai.omniflow.tenancy.User;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real server on a random port over a real PostgreSQL ({@link TestDatabases}), with dev-auth and
 * seeding on, and a real HTTP client. Subclasses share one server; each test makes the orgs it
 * changes, so tests do not see each other's writes.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "omniflow.dev-auth.enabled=true",
      "omniflow.seed.enabled=true",
      // Tests count their org's events, and some start SLA clocks in the past: this node's SLA
      // scheduler would write their steps at any moment. SlaSchedulerTest (omniflow-jdbc) runs it.
      "omniflow.sla.scheduler-enabled=false",
    })
@Import(LiveOnlyConnectors.class)
abstract class ServerTest {
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final UUID DEV_ORG = DevSeed.ORG_ID;
  static final UUID DEV_USER = DevSeed.USER_ID;

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @LocalServerPort int port;

  @Autowired OmniFlow omniFlow;
  @Autowired ai.omniflow.store.spi.Store store;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    Map<String, String> properties = TestDatabases.properties();
    properties.forEach((k, v) -> registry.add(k, () -> v));
    // The app of the live-only test connector (LiveOnlyConnectors).
    registry.add("omniflow.connectors.providers.acme.app-id", () -> "acme-app");
    registry.add("omniflow.connectors.providers.acme.app-secret", () -> "acme-app-secret");
    registry.add(
        "omniflow.connectors.providers.acme.api-base-uri", () -> "https://api.acme.invalid/");
  }

  /** An HTTP answer with its body parsed, when it is JSON. */
  record Answer(int status, HttpHeaders headers, String body) {
    JsonNode json() {
      return JSON.readTree(body);
    }

    String contentType() {
      return headers.firstValue("Content-Type").orElse("");
    }

    String code() {
      return json().path("code").asString();
    }
  }

  /** Headers that act as the given member through dev-auth. */
  static Map<String, String> as(UUID org, UUID user) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("X-Omniflow-Org-Id", org.toString());
    h.put("X-Omniflow-User-Id", user.toString());
    return h;
  }

  static Map<String, String> as(UUID org, UUID user, String role) {
    Map<String, String> h = as(org, user);
    h.put("X-Omniflow-Role", role);
    return h;
  }

  static Map<String, String> bearer(String token) {
    return Map.of("Authorization", "Bearer " + token);
  }

  Answer get(String path, Map<String, String> headers) {
    return send("GET", path, null, headers);
  }

  Answer post(String path, String json, Map<String, String> headers) {
    return send("POST", path, json, headers);
  }

  Answer delete(String path, Map<String, String> headers) {
    return send("DELETE", path, null, headers);
  }

  Answer send(String method, String path, String body, Map<String, String> headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .timeout(Duration.ofSeconds(20))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null && !headers.containsKey("Content-Type")) {
      b.header("Content-Type", "application/json");
    }
    headers.forEach(b::header);
    try {
      HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.headers(), r.body());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Set-up over the JSON API as the member whose headers are {@code as} ({@link #as}). */
  Given given(Map<String, String> as) {
    return new Given(this, as);
  }

  /** Set-up over the JSON API as {@code owner}. */
  Given given(Actor owner) {
    return given(as(owner.orgId(), owner.userId()));
  }

  /** A fresh org with its owner; returns the owner's actor. */
  Actor newOrg(String name) {
    UUID org = UUID.randomUUID();
    UUID owner = UUID.randomUUID();
    omniFlow
        .tenancy()
        .createOrg(
            org,
            name,
            new User(
                owner, "owner-" + owner + "@example.com", "Owner", omniFlow.clock().instant()));
    return Actor.of(org, owner, Role.OWNER);
  }

  /** Adds a member with the role to the owner's org; returns their user id. */
  UUID addMember(Actor owner, Role role) {
    UUID user = UUID.randomUUID();
    Membership m =
        omniFlow
            .tenancy()
            .addMember(
                owner,
                new User(user, role.wireName() + "-" + user + "@example.com", "Member", now()),
                role);
    assertThat(m.role()).isEqualTo(role);
    return user;
  }

  /**
   * Connects the offline mock platform's accounts over the JSON API, as the member whose headers
   * are given; returns the first account's ref.
   */
  String connectMock(Map<String, String> asManager) {
    String state = post("/connectors/mock/start", "", asManager).json().path("state").asString();
    Answer done =
        post(
            "/connectors/mock/callback",
            "{\"code\": \"c\", \"state\": \"" + state + "\"}",
            asManager);
    assertThat(done.status()).as(done.body()).isEqualTo(200);
    return done.json().path("accounts").get(0).path("account_ref").asString();
  }

  /** An API key of {@code user}, a member of the owner's org, issued by the owner. */
  String apiKey(Actor owner, UUID user) {
    Answer issued =
        post(
            "/api-keys",
            "{\"user_id\": \"" + user + "\", \"name\": \"page test\"}",
            as(owner.orgId(), owner.userId()));
    assertThat(issued.status()).as(issued.body()).isEqualTo(201);
    return issued.json().path("token").asString();
  }

  /** A page client signed in through {@code /signin} as {@code user} of the owner's org. */
  PageClient pagesAs(Actor owner, UUID user) throws Exception {
    return new PageClient(port).signIn(apiKey(owner, user));
  }

  java.time.Instant now() {
    return omniFlow.clock().instant();
  }

  /** Checks that the call answers the problem and leaves the owner's org's events and audit. */
  void assertRefusedWritingNothing(
      Actor owner, java.util.function.Supplier<Answer> call, int status, String code) {
    long[] before = writes(owner);
    assertProblem(call.get(), status, code);
    assertThat(writes(owner)).as("events and audit entries").containsExactly(before);
  }

  /** How many events and audit entries the org holds, read over HTTP as its owner. */
  long[] writes(Actor owner) {
    Map<String, String> h = as(owner.orgId(), owner.userId());
    Answer events = get("/events?limit=1", h);
    Answer audit = get("/audit?limit=1", h);
    assertThat(events.status()).isEqualTo(200);
    assertThat(audit.status()).isEqualTo(200);
    return new long[] {events.json().path("total").asLong(), audit.json().path("total").asLong()};
  }

  static void assertProblem(Answer answer, int status, String code) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    JsonNode json = answer.json();
    assertThat(json.path("status").asInt()).isEqualTo(status);
    assertThat(json.path("code").asString()).isEqualTo(code);
    assertThat(json.path("type").asString()).isEqualTo("urn:omniflow:problem:" + code);
    assertThat(json.path("title").asString()).isNotBlank();
    assertThat(json.path("detail").asString()).isNotBlank();
    assertThat(answer.body()).doesNotContain("Exception").doesNotContain("\tat ");
  }
}
