package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.PageRequest;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint the server maps, found from Spring's handler mappings (so a new endpoint is
 * covered without being listed), is sent generated hostile input: each field of its body with a
 * wrong JSON type, an oversized string or list, control characters and NUL, extreme numbers, far
 * instants and huge durations; malformed, unknown and other orgs' ids in its path; every role and
 * no identity. Whatever it answers must not be a 5xx, must be at most 4 KB when it is a problem,
 * and a 4xx must leave the org's events and audit as they were.
 */
@DisplayName("Hostile input to every endpoint is never a 5xx, never a large body, never a write")
class HostileInputTest extends ServerTest {
  private static final int MAX_PROBLEM = 4096;

  /** Values no field should take: wrong types, sizes, characters, numbers, instants, durations. */
  private static final List<String> HOSTILE =
      List.of(
          "12",
          "true",
          "{\"a\": 1}",
          "[1, \"x\", null]",
          "\"" + "x".repeat(30_000) + "\"",
          "[" + "\"l\",".repeat(10_000) + "\"l\"]",
          "\"a\\u0000b\"",
          "\"\\u0001\\u001f\\u007f\\u202e\"",
          "1e308",
          "-1e400",
          "\"1e-2000000\"",
          "123456789012345678901234567890",
          "\"-290000-01-01T00:00:00Z\"",
          "\"+999999999-12-31T23:59:59Z\"",
          "\"PT999999999999H\"");

  /** Keys tried on endpoints whose body is a free map. */
  private static final List<String> MAP_KEYS =
      List.of("status", "amount", "currency", "closed_at", "reason", "fields", "stage", "x");

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  private record Endpoint(String method, String pattern, List<String> fields) {}

  private List<Endpoint> endpoints() {
    List<Endpoint> out = new ArrayList<>();
    for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mappings.getHandlerMethods().entrySet()) {
      RequestMappingInfo info = e.getKey();
      Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
      if (methods.isEmpty()) {
        methods = Set.of(RequestMethod.GET, RequestMethod.POST);
      }
      List<String> fields = bodyFields(e.getValue());
      for (String pattern : info.getPatternValues()) {
        for (RequestMethod m : methods) {
          out.add(new Endpoint(m.name(), pattern, fields));
        }
      }
    }
    return out;
  }

  /** The JSON names of the handler's body fields: record components in snake_case, or map keys. */
  private static List<String> bodyFields(HandlerMethod handler) {
    for (Parameter p : handler.getMethod().getParameters()) {
      if (!p.isAnnotationPresent(RequestBody.class)) {
        continue;
      }
      if (p.getType().isRecord()) {
        List<String> names = new ArrayList<>();
        for (RecordComponent c : p.getType().getRecordComponents()) {
          names.add(c.getName().replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT));
        }
        return names;
      }
      return MAP_KEYS;
    }
    return List.of();
  }

  @Test
  void discoversTheEndpointsFromTheServerItself() {
    assertThat(endpoints())
        .extracting(e -> e.method() + " " + e.pattern())
        .contains(
            "POST /inbox/ingest/mock",
            "POST /inbox/threads/{id}/draft-reply",
            "POST /leads/{id}/outcome",
            "POST /routing/groups",
            "PUT /agents/{id}");
  }

  @Test
  void everyEndpointAnswersHostileInputWithASmallProblemAndWritesNothing() {
    Actor owner = newOrg("Hostile Co");
    omniFlow.packs().select(owner, "generic");
    Actor other = newOrg("Other Co");
    Answer otherThread =
        post(
            "/inbox/ingest/mock",
            "{\"channel\": \"instagram_dm\", \"sender\": {\"handle\": \"ig-other\"},"
                + " \"text\": \"hi\"}",
            as(other.orgId(), other.userId()));
    assertThat(otherThread.status()).isEqualTo(201);
    String otherId = otherThread.json().path("thread_id").asString();

    Map<String, Map<String, String>> identities = new LinkedHashMap<>();
    identities.put("owner", as(owner.orgId(), owner.userId()));
    for (Role r : new Role[] {Role.ADMIN, Role.MANAGER, Role.AGENT, Role.VIEWER}) {
      identities.put(r.wireName(), as(owner.orgId(), addMember(owner, r)));
    }
    identities.put("nobody", Map.of());
    identities.put("a stranger", as(owner.orgId(), UUID.randomUUID()));
    Map<String, String> asOwner = identities.get("owner");
    Map<String, String> own = ownIds(owner, asOwner);

    List<String> pathValues =
        List.of(otherId, UUID.randomUUID().toString(), "not-an-id", "%00", "x".repeat(300));

    int requests = 0;
    for (Endpoint e : endpoints()) {
      if (e.pattern().equals("/error")) {
        continue;
      }
      List<String> bodies = new ArrayList<>();
      bodies.add("{\"x\": " + HOSTILE.get(4) + "}");
      for (String field : e.fields()) {
        for (String value : HOSTILE) {
          bodies.add("{\"" + field + "\": " + value + "}");
        }
      }
      bodies.add("[]");
      bodies.add("12");
      bodies.add("{\"a\":");
      Set<String> paths = new LinkedHashSet<>();
      for (String v : pathValues) {
        paths.add(e.pattern().replaceAll("\\{[^}]+}", v));
      }
      String firstPath = paths.iterator().next();
      // The bodies go to the org's own thing, so validation past the look-up is reached too.
      String ownPath = ownPath(e.pattern(), own);
      // Every body, as the owner.
      for (String body : bodies) {
        check(owner, e, ownPath, body, asOwner);
        requests++;
      }
      // Every path variant, as the owner, with one hostile body.
      for (String path : paths) {
        check(owner, e, path, bodies.get(0), asOwner);
        requests++;
      }
      // Every role and no identity, with one hostile body.
      for (Map<String, String> who : identities.values()) {
        check(owner, e, firstPath, bodies.get(bodies.size() - 1), who);
        requests++;
      }
    }
    assertThat(requests).isGreaterThan(500);
    assertThat(failures).as("%d of %d requests", failures.size(), requests).isEmpty();
  }

  /** Ids of things of the owner's org, by the path prefix that names them. */
  private Map<String, String> ownIds(Actor owner, Map<String, String> asOwner) {
    Answer thread =
        post(
            "/inbox/ingest/mock",
            "{\"channel\": \"instagram_dm\", \"sender\": {\"handle\": \"ig-own\"},"
                + " \"text\": \"hi\"}",
            asOwner);
    assertThat(thread.status()).isEqualTo(201);
    Answer lead =
        post("/leads/from-thread/" + thread.json().path("thread_id").asString(), null, asOwner);
    assertThat(lead.status()).as(lead.body()).isBetween(200, 201);
    Answer agent = post("/agents", "{\"name\": \"Ana\", \"capacity\": 3}", asOwner);
    assertThat(agent.status()).as(agent.body()).isEqualTo(201);
    Answer group = post("/routing/groups", "{\"key\": \"sf\", \"policy\": \"weighted\"}", asOwner);
    assertThat(group.status()).as(group.body()).isEqualTo(201);
    Map<String, String> ids = new LinkedHashMap<>();
    ids.put("/inbox/threads/", thread.json().path("thread_id").asString());
    ids.put("/leads/from-thread/", thread.json().path("thread_id").asString());
    ids.put("/contacts/", thread.json().path("contact_id").asString());
    ids.put("/leads/", lead.json().path("id").asString());
    ids.put("/agents/", agent.json().path("id").asString());
    ids.put("/routing/groups/", "sf");
    return ids;
  }

  private static String ownPath(String pattern, Map<String, String> own) {
    for (Map.Entry<String, String> e : own.entrySet()) {
      if (pattern.startsWith(e.getKey())) {
        return pattern.replaceAll("\\{[^}]+}", e.getValue());
      }
    }
    return pattern.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
  }

  private final List<String> failures = new ArrayList<>();
  private long[] last;

  private void check(
      Actor owner, Endpoint e, String path, String body, Map<String, String> headers) {
    // The counts after the previous request are this one's "before": one read per request.
    long[] before = last == null ? counts(owner) : last;
    boolean sendsBody = !e.method().equals("GET") && !e.method().equals("DELETE");
    Answer a = send(e.method(), path, sendsBody ? body : null, headers);
    String what =
        e.method() + " " + abbreviated(path) + " " + abbreviated(body) + " -> " + a.status();
    if (a.status() >= 500) {
      failures.add(what + " is a 5xx: " + abbreviated(a.body()));
    }
    if (a.status() >= 400) {
      if (!a.contentType().startsWith("application/problem+json")) {
        failures.add(what + " is " + a.contentType() + ", not problem+json");
      }
      if (a.body().getBytes(StandardCharsets.UTF_8).length > MAX_PROBLEM) {
        failures.add(what + " has a body over 4 KB");
      }
    }
    last = counts(owner);
    if (a.status() >= 400 && !java.util.Arrays.equals(last, before)) {
      failures.add(what + " wrote events or audit entries");
    }
  }

  private long[] counts(Actor owner) {
    return new long[] {
      omniFlow.events().list(owner, PageRequest.first()).total(),
      omniFlow.audit().list(owner, PageRequest.first()).total()
    };
  }

  private static String abbreviated(String s) {
    return s.length() > 120 ? s.substring(0, 120) + "…" : s;
  }
}
