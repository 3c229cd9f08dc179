package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.connector.spi.HealthStatus;
import ai.omniflow.connectors.ConnectorAccount;
import ai.omniflow.tenancy.Actor;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Hostile values of issue 9 are refused with small problems and write nothing")
class InputBoundsTest extends ServerTest {
  private Actor owner;
  private Map<String, String> asOwner;

  @BeforeEach
  void anOrgWithAPack() {
    owner = newOrg("Bounds Co");
    omniFlow.packs().select(owner, "generic");
    asOwner = as(owner.orgId(), owner.userId());
  }

  private void refused(Supplier<Answer> request, int status, String code) {
    assertRefusedWritingNothing(
        owner,
        () -> {
          Answer a = request.get();
          assertThat(a.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
              .as("problem body size")
              .isLessThanOrEqualTo(4096);
          return a;
        },
        status,
        code);
  }

  private String thread() {
    Answer a =
        post(
            "/inbox/ingest/mock",
            "{\"channel\": \"instagram_dm\", \"sender\": {\"handle\": \"ig-"
                + UUID.randomUUID()
                + "\"}, \"text\": \"hi\"}",
            asOwner);
    assertThat(a.status()).as(a.body()).isEqualTo(201);
    return a.json().path("thread_id").asString();
  }

  private String mock(String extra) {
    return "{\"channel\": \"instagram_dm\", \"sender\": {\"handle\": \"ig-x\"}, \"text\": \"hi\""
        + extra
        + "}";
  }

  @Test
  @DisplayName("a number where text belongs is 400 wrong_type naming the field, not a draft \"12\"")
  void noScalarCoercion() {
    String t = thread();
    refused(
        () -> post("/inbox/threads/" + t + "/draft-reply", "{\"text\": 12}", asOwner),
        400,
        "wrong_type");
    Answer a = post("/inbox/threads/" + t + "/draft-reply", "{\"text\": true}", asOwner);
    assertProblem(a, 400, "wrong_type");
    assertThat(a.json().path("detail").asString()).startsWith("text ");
    refused(
        () -> post("/inbox/ingest/mock", mock(", \"sender\": {\"name\": 5}"), asOwner),
        400,
        "wrong_type");
  }

  @Test
  @DisplayName("NUL in user-typed text is 422 naming the field")
  void nulInUserText() {
    String t = thread();
    refused(
        () -> post("/inbox/threads/" + t + "/draft-reply", "{\"text\": \"a\\u0000b\"}", asOwner),
        422,
        "invalid_draft");
    refused(
        () -> post("/inbox/ingest/mock", mock(", \"campaign\": \"c\\u0000\""), asOwner),
        422,
        "invalid_campaign");
    refused(
        () -> post("/inbox/ingest/mock", mock(", \"text\": \"x\\u0000\""), asOwner),
        422,
        "invalid_text");
  }

  @Test
  @DisplayName("a body over 1 MB is 413 problem+json, with or without a Content-Length")
  void bodyCap() throws Exception {
    String big = "{\"text\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";
    refused(() -> post("/inbox/ingest/mock", big, asOwner), 413, "payload_too_large");

    // A streamed body of 10 MB announces no length; the filter counts what it reads.
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/inbox/ingest/mock"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new Endless(10 * 1024 * 1024)));
    asOwner.forEach(b::header);
    long[] before = writes(owner);
    HttpResponse<String> r;
    try {
      r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      // The server may close the connection while the client still sends: also a refusal.
      r = null;
    }
    if (r != null) {
      assertProblem(new Answer(r.statusCode(), r.headers(), r.body()), 413, "payload_too_large");
    }
    assertThat(writes(owner)).containsExactly(before);
  }

  @Test
  @DisplayName("an amount of 1e-2000000 is 422 with a small body")
  void hugeExponent() {
    String lead = lead();
    for (String amount : List.of("\"1e-2000000\"", "\"1e999999999\"", "\"0.000001\"")) {
      refused(
          () ->
              post(
                  "/leads/" + lead + "/outcome",
                  "{\"status\": \"won\", \"amount\": " + amount + ", \"currency\": \"USD\"}",
                  asOwner),
          422,
          "invalid_amount");
    }
  }

  @Test
  @DisplayName(
      "a closed_at from year -999999999, 1999 or the future is 422 and scoring still works")
  void farInstants() {
    String lead = lead();
    for (String at :
        List.of("-999999999-01-01T00:00:00Z", "1999-12-31T00:00:00Z", "2999-01-01T00:00:00Z")) {
      refused(
          () ->
              post(
                  "/leads/" + lead + "/outcome",
                  "{\"status\": \"lost\", \"closed_at\": \"" + at + "\"}",
                  asOwner),
          422,
          "invalid_closed_at");
    }
    assertThat(post("/leads/" + lead + "/score", null, asOwner).status()).isEqualTo(200);
  }

  @Test
  @DisplayName("a mock sent_at in 2999 or -290000 is 422 and opens no reply window")
  void sentAtWindow() {
    for (String at : List.of("2999-01-01T00:00:00Z", "-290000-01-01T00:00:00Z")) {
      refused(
          () -> post("/inbox/ingest/mock", mock(", \"sent_at\": \"" + at + "\""), asOwner),
          422,
          "invalid_sent_at");
    }
  }

  @Test
  @DisplayName("an offer_timeout of PT999999999999H is 422 and the group's routes still work")
  void hugeDuration() {
    refused(
        () ->
            post(
                "/routing/groups",
                "{\"key\": \"sf\", \"policy\": \"round_robin\", \"offer_timeout\":"
                    + " \"PT999999999999H\"}",
                asOwner),
        422,
        "invalid_offer_timeout");
    assertThat(get("/routing/groups", asOwner).status()).isEqualTo(200);
  }

  @Test
  @DisplayName("a 300 KB campaign or 10,000 languages are 422, never a huge event")
  void oversizedFields() {
    refused(
        () ->
            post(
                "/inbox/ingest/mock",
                mock(", \"campaign\": \"" + "c".repeat(300_000) + "\""),
                asOwner),
        422,
        "invalid_campaign");
    StringBuilder langs = new StringBuilder();
    for (int i = 0; i < 10_000; i++) {
      langs.append(i == 0 ? "" : ",").append("\"l").append(i).append('"');
    }
    refused(
        () ->
            post(
                "/agents",
                "{\"name\": \"Ana\", \"capacity\": 1, \"languages\": [" + langs + "]}",
                asOwner),
        422,
        "invalid_languages");
  }

  @Test
  @DisplayName("the mock ingest refuses a real account of the org")
  void mockIngestOnlyForMockAccounts() {
    ConnectorAccount real =
        new ConnectorAccount(
            UUID.randomUUID(),
            owner.orgId(),
            ConnectorAccount.newAccountRef(),
            "meta",
            "page-" + UUID.randomUUID(),
            "A real page",
            List.of("pages_messaging"),
            HealthStatus.HEALTHY,
            "Connected.",
            null,
            null,
            now(),
            now());
    store.useTransaction(Actor.system(owner.orgId()), tx -> tx.connectorAccounts().insert(real));
    refused(
        () ->
            post(
                "/inbox/ingest/mock",
                mock(", \"account_ref\": \"" + real.accountRef() + "\""),
                asOwner),
        422,
        "not_mock_account");
  }

  @Test
  @DisplayName("a very long path is a 404 whose problem stays small")
  void longPath() {
    refused(() -> get("/" + "a".repeat(6000), asOwner), 404, "not_found");
  }

  @Test
  @DisplayName(
      "a 7,000-character path is a 404 whose instance and detail carry it cut, marked as cut; an"
          + " 8 KB one the container refuses without an echo")
  void longPathInstanceCut() {
    Answer a = get("/" + "a".repeat(7000), asOwner);
    assertProblem(a, 404, "not_found");
    String instance = a.json().path("instance").asString();
    assertThat(instance).hasSize(Problems.MAX_INSTANCE).startsWith("/aaa").endsWith(Problems.CUT);
    assertThat(a.json().path("detail").asString()).contains(instance).hasSizeLessThan(400);

    Answer refused = get("/" + "a".repeat(8 * 1024), asOwner);
    assertProblem(refused, 400, "bad_request");
    assertThat(refused.body()).doesNotContain("aaaaaaaa").hasSizeLessThan(300);
  }

  @Test
  @DisplayName(
      "a non-ASCII path is a 404 whose instance is ASCII; raw UTF-8 bytes are refused without an"
          + " echo")
  void nonAsciiPath() throws IOException {
    Answer a = get("/caf%C3%A9/%E2%82%AC", asOwner);
    assertProblem(a, 404, "not_found");
    assertThat(a.json().path("instance").asString()).isEqualTo("/caf%C3%A9/%E2%82%AC");
    assertThat(a.json().path("detail").asString())
        .isEqualTo("No endpoint answers /caf%C3%A9/%E2%82%AC.");

    String answer = raw("GET /caf\u00e9/\u20ac HTTP/1.1");
    assertThat(answer).startsWith("HTTP/1.1 400").doesNotContain("caf");
  }

  @Test
  @DisplayName(
      "an escaped control character stays an escape in the instance, never a control character;"
          + " raw ones are refused without an echo")
  void controlCharactersInThePath() throws IOException {
    Answer a = get("/x%1B%5B31mforged", asOwner);
    assertProblem(a, 404, "not_found");
    assertThat(a.json().path("instance").asString()).isEqualTo("/x%1B%5B31mforged");
    assertThat(a.body()).doesNotContain("\\u001b", "\u001b");
    for (String path : List.of("/x%0Aforged", "/x%0D%0Aforged", "/x%00forged")) {
      // Refused before Spring MVC (400), or not found: either way no control character is shown.
      Answer refused = get(path, asOwner);
      assertThat(refused.status()).as(path).isIn(400, 404);
      String shown =
          refused.json().path("detail").asString() + refused.json().path("instance").asString();
      assertThat(shown.chars().noneMatch(Character::isISOControl)).as(shown).isTrue();
    }
    String answer = raw("GET /x\u0001forged HTTP/1.1");
    assertThat(answer).startsWith("HTTP/1.1 400").doesNotContain("forged");
  }

  @Test
  @DisplayName("an unknown pack slug is quoted cut, whatever its length")
  void longPackSlugQuotedCut() {
    Answer a =
        post(
            "/inbox/classify",
            "{\"text\": \"price?\", \"pack_slug\": \"" + "s3cr3t".repeat(500) + "\"}",
            asOwner);
    assertProblem(a, 422, "unknown_pack");
    assertThat(a.json().path("detail").asString())
        .doesNotContain("s3cr3t".repeat(20))
        .contains("available: [");
  }

  /** One request written byte by byte (UTF-8), as no HTTP client would; the whole answer. */
  private String raw(String requestLine) throws IOException {
    try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
      socket.setSoTimeout(20_000);
      socket
          .getOutputStream()
          .write(
              (requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                  .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return new String(
          socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /** A problem that names {@code field} and carries nothing of what was sent ({@code s3cr3t}). */
  private void refusedNaming(Supplier<Answer> request, int status, String code, String field) {
    Answer[] seen = new Answer[1];
    refused(
        () -> {
          seen[0] = request.get();
          return seen[0];
        },
        status,
        code);
    assertThat(seen[0].json().path("detail").asString()).contains(field).doesNotContain("s3cr3t");
  }

  private static String repeat(String item, int n) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < n; i++) {
      out.append(i == 0 ? "" : ",").append(item.replace("#", Integer.toString(i)));
    }
    return out.toString();
  }

  @Test
  @DisplayName("PATCH /leads with over 100 fields or an over-long value is 422 invalid_fields")
  void leadFieldsAreBounded() {
    String lead = lead();
    refusedNaming(
        () ->
            send(
                "PATCH",
                "/leads/" + lead,
                "{\"fields\": {" + repeat("\"f#\": \"s3cr3t\"", 101) + "}}",
                asOwner),
        422,
        "invalid_fields",
        "fields");
    refusedNaming(
        () ->
            send(
                "PATCH",
                "/leads/" + lead,
                "{\"fields\": {\"notes\": \"" + "s3cr3t".repeat(700) + "\"}}",
                asOwner),
        422,
        "invalid_fields",
        "fields.notes");
    refusedNaming(
        () ->
            send(
                "PATCH", "/leads/" + lead, "{\"fields\": {\"notes\": \"s3cr3t\\u0000\"}}", asOwner),
        422,
        "invalid_fields",
        "fields.notes");
  }

  @Test
  @DisplayName("PATCH /leads tells owner_user_id left out from owner_user_id: null")
  void leadPatchTellsAbsentFromNull() {
    String lead = lead();
    String me = owner.userId().toString();
    Answer owned = send("PATCH", "/leads/" + lead, "{\"owner_user_id\": \"" + me + "\"}", asOwner);
    assertThat(owned.status()).as(owned.body()).isEqualTo(200);
    assertThat(owned.json().path("owner_user_id").asString()).isEqualTo(me);

    Answer kept = send("PATCH", "/leads/" + lead, "{\"stage\": \"contacted\"}", asOwner);
    assertThat(kept.status()).as(kept.body()).isEqualTo(200);
    assertThat(kept.json().path("owner_user_id").asString()).isEqualTo(me);

    Answer cleared = send("PATCH", "/leads/" + lead, "{\"owner_user_id\": null}", asOwner);
    assertThat(cleared.status()).as(cleared.body()).isEqualTo(200);
    assertThat(cleared.json().path("owner_user_id").isNull()).isTrue();

    refused(
        () -> send("PATCH", "/leads/" + lead, "{\"stage\": null}", asOwner), 422, "unknown_stage");
    refused(
        () -> send("PATCH", "/leads/" + lead, "{\"colour\": \"red\"}", asOwner),
        422,
        "unknown_property");
  }

  @Test
  @DisplayName("a contact name over 200 characters or with NUL is 422 invalid_name")
  void contactNamesAreBounded() {
    refusedNaming(
        () ->
            post(
                "/inbox/ingest/mock",
                mock(
                    ", \"sender\": {\"handle\": \"ig-n\", \"name\": \""
                        + "s3cr3t".repeat(40)
                        + "\"}"),
                asOwner),
        422,
        "invalid_name",
        "name");
    refused(
        () ->
            post(
                "/inbox/ingest/mock",
                mock(", \"sender\": {\"handle\": \"ig-n\", \"name\": \"Ana\\u0000\"}"),
                asOwner),
        422,
        "invalid_name");
  }

  @Test
  @DisplayName("an availability with over 100 shifts or periods, or a period in 2999, is 422")
  void availabilityIsBounded() {
    Answer agent = post("/agents", "{\"name\": \"Ana\", \"capacity\": 1}", asOwner);
    assertThat(agent.status()).as(agent.body()).isEqualTo(201);
    String path = "/agents/" + agent.json().path("id").asString() + "/availability";
    refusedNaming(
        () ->
            send(
                "PUT",
                path,
                "{\"shifts\": ["
                    + repeat("{\"day\": \"monday\", \"start\": \"09:00\", \"end\": \"17:00\"}", 101)
                    + "]}",
                asOwner),
        422,
        "invalid_shifts",
        "shifts");
    refusedNaming(
        () ->
            send(
                "PUT",
                path,
                "{\"out_of_office\": ["
                    + repeat(
                        "{\"from\": \"2026-07-01T00:00:00Z\", \"until\": \"2026-07-02T00:00:00Z\"}",
                        101)
                    + "]}",
                asOwner),
        422,
        "invalid_out_of_office",
        "out_of_office");
    refusedNaming(
        () ->
            send(
                "PUT",
                path,
                "{\"out_of_office\": [{\"from\": \"2026-07-01T00:00:00Z\", \"until\":"
                    + " \"2999-01-01T00:00:00Z\"}]}",
                asOwner),
        422,
        "invalid_out_of_office",
        "out_of_office");
    refusedNaming(
        () ->
            post(
                "/agents",
                "{\"name\": \"Bo\", \"capacity\": 1, \"availability\": {\"shifts\": ["
                    + repeat("{\"day\": \"monday\", \"start\": \"09:00\", \"end\": \"17:00\"}", 101)
                    + "]}}",
                asOwner),
        422,
        "invalid_shifts",
        "shifts");
  }

  @Test
  @DisplayName("a routing config of over 100 rules or a group of over 100 members is 422")
  void routingListsAreBounded() {
    refusedNaming(
        () ->
            send(
                "PUT",
                "/routing/config",
                "{\"rules\": ["
                    + repeat(
                        "{\"key\": \"r#\", \"group\": \"g\", \"when\": {\"field\":"
                            + " \"score\", \"op\": \"exists\"}}",
                        101)
                    + "]}",
                asOwner),
        422,
        "invalid_rules",
        "rules");
    refusedNaming(
        () ->
            post(
                "/routing/groups",
                "{\"key\": \"sf\", \"policy\": \"weighted\", \"members\": ["
                    + repeat("\"" + UUID.randomUUID() + "\"", 101)
                    + "]}",
                asOwner),
        422,
        "invalid_members",
        "members");
  }

  private String lead() {
    String thread = thread();
    Answer a = post("/leads/from-thread/" + thread, null, asOwner);
    assertThat(a.status()).as(a.body()).isBetween(200, 201);
    return a.json().path("id").asString();
  }

  /** A stream of {@code n} spaces: a body too large to hold as one string in the test. */
  private static final class Endless extends InputStream {
    private long left;

    Endless(long n) {
      left = n;
    }

    @Override
    public int read() {
      return left-- > 0 ? ' ' : -1;
    }
  }
}
