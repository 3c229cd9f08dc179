package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/** The OpenAPI description is complete: every endpoint the server answers is in it. */
class OpenApiDescriptionTest extends ServerTest {
  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  /** Generated once per server on its first request, which a loaded machine makes slow. */
  private static @Nullable JsonNode description;

  JsonNode description() {
    if (description == null) {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v3/api-docs"))
              .timeout(Duration.ofMinutes(3))
              .build();
      try {
        HttpResponse<String> r =
            HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        description = JSON.readTree(r.body());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return description;
  }

  /** Every (method, path) the server's JSON controllers answer, except the error fallback. */
  List<String> endpoints() {
    List<String> found = new ArrayList<>();
    for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mappings.getHandlerMethods().entrySet()) {
      Class<?> controller = e.getValue().getBeanType();
      // The JSON API: the web pages (plain @Controller, HTML) are not part of it.
      if (!controller.getPackageName().equals(ServerTest.class.getPackageName())
          || controller == FallbackErrors.class
          || !AnnotatedElementUtils.hasAnnotation(controller, RestController.class)) {
        continue;
      }
      for (String path : e.getKey().getPatternValues()) {
        e.getKey()
            .getMethodsCondition()
            .getMethods()
            .forEach(m -> found.add(m.name().toLowerCase(Locale.ROOT) + " " + path));
      }
    }
    return found;
  }

  @Test
  void everyEndpointOfEveryControllerIsDescribed() {
    JsonNode paths = description().path("paths");
    List<String> endpoints = endpoints();
    assertThat(endpoints).hasSizeGreaterThan(40).contains("get /inbox/threads", "post /api-keys");
    List<String> missing =
        endpoints.stream()
            .filter(
                e -> {
                  String[] mp = e.split(" ", 2);
                  return paths.path(mp[1]).path(mp[0]).isMissingNode();
                })
            .toList();
    assertThat(missing).as("endpoints missing from /v3/api-docs").isEmpty();
  }

  @Test
  void schemasNamePropertiesAsTheJsonDoesInSnakeCase() {
    JsonNode schemas = description().path("components").path("schemas");
    JsonNode thread = schemas.path("ThreadView").path("properties");
    assertThat(thread.has("contact_id")).as("ThreadView.contact_id in %s", thread).isTrue();
    assertThat(thread.has("contactId")).isFalse();
    // And it is what the server really answers.
    Answer threads = get("/inbox/threads", as(DEV_ORG, DEV_USER));
    assertThat(threads.status()).isEqualTo(200);
  }

  @Test
  void anAuthenticatedOperationNamesItsCredentialsAndItsProblemAnswers() {
    JsonNode op = description().path("paths").path("/inbox/threads/{id}/send").path("post");
    assertThat(op.path("requestBody").isMissingNode()).isFalse();
    assertThat(op.path("security").toString()).contains("api_key", "dev_org", "dev_user");
    for (String status : List.of("401", "403", "404", "409", "422")) {
      assertThat(
              op.path("responses")
                  .path(status)
                  .path("content")
                  .path("application/problem+json")
                  .path("schema")
                  .path("$ref")
                  .asString())
          .as("response %s", status)
          .isEqualTo("#/components/schemas/Problem");
    }
    JsonNode problem = description().path("components").path("schemas").path("Problem");
    assertThat(problem.path("properties").has("code")).isTrue();
    JsonNode errors = problem.path("properties").path("errors");
    assertThat(errors.path("maxItems").asInt()).isEqualTo(50);
    assertThat(errors.path("items").path("properties").has("path")).isTrue();
    assertThat(errors.path("items").path("properties").has("line")).isTrue();
    assertThat(errors.path("items").path("properties").has("message")).isTrue();
  }

  @Test
  void thePlaybookBodyNamesThePropertiesOfAPlaybook() {
    JsonNode body =
        description().path("components").path("schemas").path("PlaybookBody").path("properties");
    assertThat(body.path("key").path("type").asString()).as("%s", body).isEqualTo("string");
    assertThat(body.path("name").path("type").asString()).isEqualTo("string");
    assertThat(body.path("description").path("type").asString()).isEqualTo("string");
    assertThat(body.path("stop_on_reply").path("type").asString()).isEqualTo("boolean");
    assertThat(body.has("fits")).as("fits, of any type: the playbook's rules check it").isTrue();
    assertThat(body.path("steps").path("type").asString()).isEqualTo("array");
  }

  @Test
  void thePublicHealthProbeAsksForNoCredentials() {
    JsonNode op = description().path("paths").path("/healthz").path("get");
    assertThat(op.isMissingNode()).isFalse();
    assertThat(op.path("security").isMissingNode()).isTrue();
  }

  @Test
  void theBrowsablePageIsServed() {
    Answer page = get("/swagger-ui/index.html", Map.of());
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).containsIgnoringCase("swagger");
  }
}
