package ai.omniflow.examples.server;

import static ai.omniflow.examples.server.PageClient.enc;
import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.routing.Agent;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Membership;
import ai.omniflow.tenancy.Role;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The settings pages over real HTTP, signed in with an API key in a fresh org per test: who sees
 * which controls, that the server refuses a forged post of a role that has none, that a refused
 * value comes back next to its field with nothing written, and that the tenancy rules (the last
 * owner, nobody acting above their role) hold on the pages as in the API.
 */
@DisplayName("The settings pages")
class SettingsPagesTest extends ServerTest {
  /** This test's browser-like client; {@link #signIn} replaces it with a signed-in one. */
  private PageClient client;

  @BeforeEach
  void aClient() {
    client = new PageClient(port);
  }

  /** Signs this test in as {@code user} of the owner's org, with a key the owner issues. */
  private void signIn(Actor owner, UUID user) throws Exception {
    client = pagesAs(owner, user);
  }

  private UUID agent(Actor owner, String name, @org.jspecify.annotations.Nullable UUID user) {
    Answer a =
        post(
            "/agents",
            "{\"name\": \""
                + name
                + "\", \"capacity\": 5"
                + (user == null ? "" : ", \"user_id\": \"" + user + "\"")
                + "}",
            as(owner.orgId(), owner.userId()));
    assertThat(a.status()).as(a.body()).isEqualTo(201);
    return UUID.fromString(a.json().path("id").asString());
  }

  private Agent stored(Actor owner, UUID id) {
    return omniFlow.routing().agents(owner).stream()
        .filter(a -> a.id().equals(id))
        .findFirst()
        .orElseThrow();
  }

  @Test
  @DisplayName("the settings pages want a session, and their forms a CSRF token")
  void sessionAndCsrf() throws Exception {
    for (String path : new String[] {"/settings/routing", "/settings/members", "/settings/pack"}) {
      HttpResponse<String> r = client.get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(302);
      assertThat(r.headers().firstValue("Location").orElse("")).endsWith("/signin");
    }
    Actor owner = newOrg("Csrf Settings Co");
    signIn(owner, owner.userId());
    long[] before = writes(owner);
    HttpResponse<String> forged =
        client.send("POST", "/ui/settings/time-zone", "time_zone=Europe/Paris");
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(writes(owner)).containsExactly(before);
    assertThat(omniFlow.tenancy().org(owner).timeZone()).isNull();
  }

  @Nested
  @DisplayName("/settings/routing")
  class Routing {
    @Test
    @DisplayName("an owner pauses and resumes an agent, and changes its capacity and languages")
    void ownerEdits() throws Exception {
      Actor owner = newOrg("Routing Owner Co");
      UUID ana = agent(owner, "Ana", null);
      signIn(owner, owner.userId());

      HttpResponse<String> shown = client.get("/settings/routing");
      assertThat(shown.body())
          .contains("id=\"availability-" + ana + "\"")
          .contains("id=\"agent-" + ana + "-form\"")
          .contains("id=\"new-agent-form\"")
          .doesNotContain("id=\"read-only\"");

      HttpResponse<String> paused =
          client.submit(
              "/settings/routing",
              "/ui/settings/routing/agents/" + ana + "/availability",
              "available=false");
      assertThat(paused.statusCode()).isEqualTo(302);
      assertThat(stored(owner, ana).availability().paused()).isTrue();
      assertThat(client.get("/settings/routing").body())
          .contains("Resume taking leads")
          .contains(">paused<");

      client.submit(
          "/settings/routing",
          "/ui/settings/routing/agents/" + ana + "/availability",
          "available=true");
      assertThat(stored(owner, ana).availability().paused()).isFalse();

      HttpResponse<String> saved =
          client.submit(
              "/settings/routing",
              "/ui/settings/routing/agents/" + ana,
              "name=Ana+Lima&capacity=12&weight=2&languages=" + enc("en, es") + "&active=on");
      assertThat(saved.statusCode()).isEqualTo(302);
      Agent after = stored(owner, ana);
      assertThat(after.name()).isEqualTo("Ana Lima");
      assertThat(after.capacity()).isEqualTo(12);
      assertThat(after.weight()).isEqualTo(2);
      assertThat(after.languages()).containsExactlyInAnyOrder("en", "es");
      assertThat(after.active()).isTrue();
    }

    @Test
    @DisplayName(
        "an owner sets an agent's weekly shifts and zone, keeping its pause; a bad time is refused")
    void shifts() throws Exception {
      Actor owner = newOrg("Routing Shifts Co");
      UUID ana = agent(owner, "Ana", null);
      omniFlow
          .routing()
          .setAvailability(owner, ana, stored(owner, ana).availability().withPaused(true));
      signIn(owner, owner.userId());
      assertThat(client.get("/settings/routing").body())
          .contains("id=\"shifts-" + ana + "-form\"")
          .contains("id=\"shifts-" + ana + "-day-2\"");

      HttpResponse<String> saved =
          client.submit(
              "/settings/routing",
              "/ui/settings/routing/agents/" + ana + "/shifts",
              "time_zone="
                  + enc("America/New_York")
                  + "&day=monday&start=09:00&end=17:00"
                  + "&day=friday&start=22:00&end=06:00"
                  + "&day=&start=&end=");
      assertThat(saved.statusCode()).isEqualTo(302);
      var availability = stored(owner, ana).availability();
      assertThat(availability.zone()).hasToString("America/New_York");
      assertThat(availability.shifts())
          .extracting(s -> s.day() + " " + s.start() + "-" + s.end())
          .containsExactly("MONDAY 09:00-17:00", "FRIDAY 22:00-06:00");
      assertThat(availability.paused()).as("the pause is kept").isTrue();
      assertThat(client.get("/settings/routing").body())
          .contains("Monday 09:00–17:00")
          .contains("Friday 22:00–06:00 (next day)");

      long[] before = writes(owner);
      HttpResponse<String> refused =
          client.submit(
              "/settings/routing",
              "/ui/settings/routing/agents/" + ana + "/shifts",
              "time_zone=UTC&day=monday&start=25:00&end=17:00");
      assertThat(refused.statusCode()).isEqualTo(422);
      assertThat(refused.body()).contains("id=\"shifts-" + ana + "-error\"").contains("not a time");
      HttpResponse<String> long_ =
          client.submit(
              "/settings/routing",
              "/ui/settings/routing/agents/" + ana + "/shifts",
              "time_zone=UTC&day=" + "m".repeat(500) + "&start=09:00&end=17:00");
      assertThat(long_.statusCode()).isEqualTo(422);
      assertThat(long_.body())
          .contains("id=\"shifts-" + ana + "-shifts-error\"")
          .doesNotContain("mmmmmmmmmmmmmmmmmmmm");
      assertThat(writes(owner)).containsExactly(before);
      assertThat(stored(owner, ana).availability()).isEqualTo(availability);
    }

    @Test
    @DisplayName(
        "a shift whose day holds a comma is one day, refused, and not split into two shifts")
    void aCommaInAShiftIsKept() throws Exception {
      Actor owner = newOrg("Routing Comma Co");
      UUID ana = agent(owner, "Ana", null);
      signIn(owner, owner.userId());
      var availability = stored(owner, ana).availability();
      long[] before = writes(owner);

      HttpResponse<String> refused =
          client.submit(
              "/settings/routing",
              "/ui/settings/routing/agents/" + ana + "/shifts",
              "time_zone=UTC&day="
                  + enc("monday,friday")
                  + "&start="
                  + enc("09:00,22:00")
                  + "&end="
                  + enc("17:00,06:00"));

      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
      assertThat(refused.body()).contains("is not a day");
      assertThat(writes(owner)).containsExactly(before);
      assertThat(stored(owner, ana).availability()).isEqualTo(availability);
    }

    @Test
    @DisplayName(
        "a group's member field holding two ids with a comma is one refused member, not two")
    void aCommaInAGroupMemberIsKept() throws Exception {
      Actor owner = newOrg("Routing Comma Group Co");
      UUID ana = agent(owner, "Ana", null);
      UUID bo = agent(owner, "Bo", null);
      signIn(owner, owner.userId());
      client.submit(
          "/settings/routing",
          "/ui/settings/routing/groups",
          "key=hot&name=Hot+leads&policy=round_robin");
      long[] before = writes(owner);

      HttpResponse<String> refused =
          client.submit(
              "/settings/routing",
              "/ui/settings/routing/groups/hot",
              "name=Hot+leads&policy=round_robin&members=" + enc(ana + "," + bo));

      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
      assertThat(refused.body()).contains("members[0] must be an agent id");
      assertThat(writes(owner)).containsExactly(before);
      assertThat(
              omniFlow.routing().groups(owner).stream()
                  .filter(g -> g.key().equals("hot"))
                  .findFirst()
                  .orElseThrow()
                  .members())
          .isEmpty();
    }

    @Test
    @DisplayName("a refused capacity is shown next to the capacity field, and nothing is written")
    void refusedValueNextToItsField() throws Exception {
      Actor owner = newOrg("Routing Refusal Co");
      UUID ana = agent(owner, "Ana", null);
      signIn(owner, owner.userId());
      long[] before = writes(owner);

      HttpResponse<String> refused =
          client.submit(
              "/settings/routing",
              "/ui/settings/routing/agents/" + ana,
              "name=Ana&capacity=lots&weight=1&languages=en");
      assertThat(refused.statusCode()).isEqualTo(422);
      String f = "agent-" + ana + "-capacity";
      assertThat(refused.body())
          .contains("id=\"" + f + "-error\"")
          .contains("aria-describedby=\"" + f + "-error\"")
          .contains("capacity must be a whole number, 0 or more.")
          .doesNotContain("Exception");
      assertThat(writes(owner)).containsExactly(before);
      assertThat(stored(owner, ana).capacity()).isEqualTo(5);

      HttpResponse<String> noName =
          client.submit("/settings/routing", "/ui/settings/routing/agents", "name=&capacity=3");
      assertThat(noName.statusCode()).isEqualTo(422);
      assertThat(noName.body())
          .contains("id=\"new-agent-name-error\"")
          .contains("name is required.")
          .containsPattern("id=\"new-agent-capacity\"[^>]*value=\"3\"");
      assertThat(writes(owner)).containsExactly(before);
    }

    @Test
    @DisplayName("an owner adds a group and sets its members and fallback; the chain is shown")
    void groups() throws Exception {
      Actor owner = newOrg("Routing Groups Co");
      UUID ana = agent(owner, "Ana", null);
      UUID bo = agent(owner, "Bo", null);
      signIn(owner, owner.userId());
      assertThat(client.get("/settings/routing").body()).contains("id=\"no-groups\"");

      assertThat(
              client
                  .submit(
                      "/settings/routing",
                      "/ui/settings/routing/groups",
                      "key=team&name=Team&policy=round_robin")
                  .statusCode())
          .isEqualTo(302);
      client.submit(
          "/settings/routing",
          "/ui/settings/routing/groups",
          "key=hot&name=Hot+leads&policy=first_to_claim");
      HttpResponse<String> saved =
          client.submit(
              "/settings/routing",
              "/ui/settings/routing/groups/hot",
              "name=Hot+leads&policy=first_to_claim&members="
                  + bo
                  + "&members="
                  + ana
                  + "&offer_timeout=10&fallback=team");
      assertThat(saved.statusCode()).isEqualTo(302);
      var hot =
          omniFlow.routing().groups(owner).stream()
              .filter(g -> g.key().equals("hot"))
              .findFirst()
              .orElseThrow();
      assertThat(hot.members()).containsExactly(bo, ana);
      assertThat(hot.fallback()).isEqualTo("team");
      assertThat(hot.offerTimeout()).hasMinutes(10);
      assertThat(client.get("/settings/routing").body())
          .contains("<li>Hot leads</li>")
          .contains("<li>Team</li>")
          .contains("<li>last resort: pond</li>");

      long[] before = writes(owner);
      HttpResponse<String> taken =
          client.submit(
              "/settings/routing",
              "/ui/settings/routing/groups",
              "key=team&name=Again&policy=round_robin");
      assertThat(taken.statusCode()).isEqualTo(409);
      assertThat(taken.body()).contains("id=\"new-group-error\"");
      assertThat(writes(owner)).containsExactly(before);
    }

    @Test
    @DisplayName(
        "an agent reads routing, pauses only their own agent, and a forged change gets 403")
    void agentReadsOnly() throws Exception {
      Actor owner = newOrg("Routing Agent Co");
      UUID me = addMember(owner, Role.AGENT);
      UUID mine = agent(owner, "Me", me);
      UUID other = agent(owner, "Other", null);
      signIn(owner, me);

      String body = client.get("/settings/routing").body();
      assertThat(body)
          .contains("id=\"read-only\"")
          .contains("id=\"availability-" + mine + "\"")
          .doesNotContain("id=\"availability-" + other + "\"")
          .contains("id=\"shifts-" + mine + "-form\"")
          .doesNotContain("id=\"shifts-" + other + "-form\"")
          .doesNotContain("/ui/settings/routing/agents/" + mine + "\"")
          .doesNotContain("new-agent-form")
          .doesNotContain("new-group-form");

      assertThat(
              client
                  .submit(
                      "/settings/routing",
                      "/ui/settings/routing/agents/" + mine + "/availability",
                      "available=false")
                  .statusCode())
          .isEqualTo(302);
      assertThat(stored(owner, mine).availability().paused()).isTrue();
      assertThat(
              client
                  .submit(
                      "/settings/routing",
                      "/ui/settings/routing/agents/" + mine + "/shifts",
                      "time_zone=UTC&day=tuesday&start=08:00&end=12:00")
                  .statusCode())
          .isEqualTo(302);
      assertThat(stored(owner, mine).availability().shifts()).hasSize(1);

      long[] before = writes(owner);
      HttpResponse<String> forged =
          client.submit(
              "/settings/routing",
              "/ui/settings/routing/agents/" + other + "/availability",
              "available=false");
      assertThat(forged.statusCode()).isEqualTo(403);
      assertThat(forged.body()).contains("<h1>Forbidden</h1>").doesNotContain("Exception");
      HttpResponse<String> capacity =
          client.submit(
              "/settings/routing",
              "/ui/settings/routing/agents/" + mine,
              "name=Me&capacity=99&weight=1");
      assertThat(capacity.statusCode()).isEqualTo(403);
      assertThat(
              client
                  .submit(
                      "/settings/routing",
                      "/ui/settings/routing/agents/" + other + "/shifts",
                      "time_zone=UTC&day=monday&start=25:00&end=17:00")
                  .statusCode())
          .as("another's shifts are refused before their values are read")
          .isEqualTo(403);
      assertThat(
              client
                  .submit(
                      "/settings/routing",
                      "/ui/settings/routing/groups",
                      "key=mine&name=Mine&policy=round_robin")
                  .statusCode())
          .isEqualTo(403);
      assertThat(writes(owner)).containsExactly(before);
      assertThat(stored(owner, other).availability().paused()).isFalse();
      assertThat(stored(owner, mine).capacity()).isEqualTo(5);
    }

    @Test
    @DisplayName("an org without agents or groups says how to add them")
    void emptyStates() throws Exception {
      Actor owner = newOrg("Routing Empty Co");
      UUID viewer = addMember(owner, Role.VIEWER);
      signIn(owner, viewer);
      String body = client.get("/settings/routing").body();
      assertThat(body)
          .contains("id=\"no-agents\"")
          .contains("An owner or admin adds them here.")
          .contains("id=\"no-groups\"")
          .doesNotContain("<form action=\"/ui/settings");
    }
  }

  @Nested
  @DisplayName("/settings/members")
  class Members {
    @Test
    @DisplayName("an owner adds a member, changes their role and removes them")
    void ownerManages() throws Exception {
      Actor owner = newOrg("Members Owner Co");
      signIn(owner, owner.userId());

      HttpResponse<String> added =
          client.submit(
              "/settings/members",
              "/ui/settings/members",
              "email=" + enc("new.agent@example.com") + "&name=New+Agent&role=agent");
      assertThat(added.statusCode()).isEqualTo(302);
      Membership m =
          omniFlow.tenancy().members(owner).stream()
              .filter(x -> !x.userId().equals(owner.userId()))
              .findFirst()
              .orElseThrow();
      assertThat(m.role()).isEqualTo(Role.AGENT);
      assertThat(client.get("/settings/members").body()).contains("new.agent@example.com");

      client.submit(
          "/settings/members", "/ui/settings/members/" + m.userId() + "/role", "role=admin");
      assertThat(omniFlow.tenancy().members(owner))
          .anyMatch(x -> x.userId().equals(m.userId()) && x.role() == Role.ADMIN);

      HttpResponse<String> removed =
          client.submit("/settings/members", "/ui/settings/members/" + m.userId() + "/remove", "");
      assertThat(removed.statusCode()).isEqualTo(302);
      assertThat(omniFlow.tenancy().members(owner)).hasSize(1);
    }

    @Test
    @DisplayName("the last owner can be neither removed nor demoted; the page says so beside them")
    void lastOwner() throws Exception {
      Actor owner = newOrg("Last Owner Co");
      signIn(owner, owner.userId());
      long[] before = writes(owner);

      HttpResponse<String> remove =
          client.submit(
              "/settings/members", "/ui/settings/members/" + owner.userId() + "/remove", "");
      assertThat(remove.statusCode()).isEqualTo(409);
      assertThat(remove.body()).contains("id=\"member-" + owner.userId() + "-error\"");
      HttpResponse<String> demote =
          client.submit(
              "/settings/members",
              "/ui/settings/members/" + owner.userId() + "/role",
              "role=viewer");
      assertThat(demote.statusCode()).isEqualTo(409);
      assertThat(writes(owner)).containsExactly(before);
      assertThat(omniFlow.tenancy().members(owner))
          .singleElement()
          .extracting(Membership::role)
          .isEqualTo(Role.OWNER);
    }

    @Test
    @DisplayName("a bad e-mail or role is shown next to its field, and nobody is added")
    void refusedMember() throws Exception {
      Actor owner = newOrg("Members Refusal Co");
      signIn(owner, owner.userId());
      long[] before = writes(owner);
      HttpResponse<String> email =
          client.submit(
              "/settings/members",
              "/ui/settings/members",
              "email=not-an-email&name=Someone&role=agent");
      assertThat(email.statusCode()).isEqualTo(422);
      assertThat(email.body())
          .contains("id=\"new-member-email-error\"")
          .doesNotContain("not-an-email")
          .containsPattern("id=\"new-member-name\"[^>]*value=\"Someone\"");
      HttpResponse<String> role =
          client.submit(
              "/settings/members",
              "/ui/settings/members",
              "email=" + enc("a@example.com") + "&name=Someone&role=" + "x".repeat(5000));
      assertThat(role.statusCode()).isEqualTo(422);
      assertThat(role.body())
          .contains("id=\"new-member-role-error\"")
          .doesNotContain("xxxxx")
          .containsPattern("id=\"new-member-email\"[^>]*value=\"a@example.com\"");
      assertThat(writes(owner)).containsExactly(before);
      assertThat(omniFlow.tenancy().members(owner)).hasSize(1);
    }

    @Test
    @DisplayName("an admin has no controls on an owner, and a forged change of the owner gets 403")
    void adminAndOwner() throws Exception {
      Actor owner = newOrg("Members Admin Co");
      UUID admin = addMember(owner, Role.ADMIN);
      signIn(owner, admin);
      String body = client.get("/settings/members").body();
      assertThat(body)
          .doesNotContain("/ui/settings/members/" + owner.userId() + "/role")
          .contains("/ui/settings/members/" + admin + "/role")
          .doesNotContain("<option value=\"owner\"");
      long[] before = writes(owner);
      HttpResponse<String> forged =
          client.submit(
              "/settings/members",
              "/ui/settings/members/" + owner.userId() + "/role",
              "role=viewer");
      assertThat(forged.statusCode()).isEqualTo(403);
      assertThat(
              client
                  .submit(
                      "/settings/members",
                      "/ui/settings/members",
                      "email=" + enc("boss@example.com") + "&name=Boss&role=owner")
                  .statusCode())
          .isEqualTo(403);
      assertThat(writes(owner)).containsExactly(before);
    }

    @Test
    @DisplayName("a viewer sees the members without controls or keys, and a forged add gets 403")
    void viewerReadsOnly() throws Exception {
      Actor owner = newOrg("Members Viewer Co");
      UUID viewer = addMember(owner, Role.VIEWER);
      signIn(owner, viewer);
      String body = client.get("/settings/members").body();
      assertThat(body)
          .contains("id=\"read-only\"")
          .contains("owner-" + owner.userId() + "@example.com")
          .doesNotContain("/ui/settings/members")
          .doesNotContain("api-keys");
      long[] before = writes(owner);
      HttpResponse<String> forged =
          client.submit(
              "/settings/members",
              "/ui/settings/members",
              "email=" + enc("x@example.com") + "&name=X&role=viewer");
      assertThat(forged.statusCode()).isEqualTo(403);
      assertThat(forged.body()).contains("<h1>Forbidden</h1>");
      assertThat(
              client
                  .submit(
                      "/settings/members", "/ui/settings/api-keys", "user_id=" + viewer + "&name=k")
                  .statusCode())
          .isEqualTo(403);
      assertThat(writes(owner)).containsExactly(before);
    }

    @Test
    @DisplayName("an owner issues a key, sees its token once, and revokes it")
    void apiKeys() throws Exception {
      Actor owner = newOrg("Members Keys Co");
      signIn(owner, owner.userId());
      HttpResponse<String> issued =
          client.submit(
              "/settings/members",
              "/ui/settings/api-keys",
              "user_id=" + owner.userId() + "&name=CRM+sync");
      assertThat(issued.statusCode()).isEqualTo(302);
      String shown = client.get("/settings/members").body();
      Matcher token =
          Pattern.compile("id=\"issued-token\"[^>]*value=\"(ofk_[^\"]+)\"").matcher(shown);
      assertThat(token.find()).as("the token is shown once").isTrue();
      assertThat(get("/me", bearer(token.group(1))).status()).isEqualTo(200);
      assertThat(client.get("/settings/members").body()).doesNotContain(token.group(1));

      var key =
          omniFlow.apiKeys().list(owner).stream()
              .filter(k -> k.name().equals("CRM sync"))
              .findFirst()
              .orElseThrow();
      client.submit("/settings/members", "/ui/settings/api-keys/" + key.id() + "/revoke", "");
      assertThat(get("/me", bearer(token.group(1))).status()).isEqualTo(401);

      HttpResponse<String> unnamed =
          client.submit(
              "/settings/members", "/ui/settings/api-keys", "user_id=" + owner.userId() + "&name=");
      assertThat(unnamed.statusCode()).isEqualTo(422);
      assertThat(unnamed.body()).contains("id=\"new-key-name-error\"");
    }
  }

  @Nested
  @DisplayName("/settings/pack")
  class PackAndZone {
    @Test
    @DisplayName("an owner sets the org's time zone, and the pages show times in it")
    void ownerSetsTheZone() throws Exception {
      Actor owner = newOrg("Zone Co");
      omniFlow.packs().select(owner, "generic");
      signIn(owner, owner.userId());
      String body = client.get("/settings/pack").body();
      assertThat(body)
          .contains("id=\"tz-form\"")
          .contains("id=\"fields\"")
          .contains("id=\"stages\"");

      HttpResponse<String> set =
          client.submit(
              "/settings/pack", "/ui/settings/time-zone", "time_zone=" + enc("Europe/Lisbon"));
      assertThat(set.statusCode()).isEqualTo(302);
      assertThat(omniFlow.tenancy().org(owner).timeZone()).hasToString("Europe/Lisbon");
      assertThat(client.get("/").body()).contains("Europe/Lisbon");
    }

    @Test
    @DisplayName("an unknown time zone is shown next to the field, never echoed, and not saved")
    void badZone() throws Exception {
      Actor owner = newOrg("Bad Zone Co");
      signIn(owner, owner.userId());
      long[] before = writes(owner);
      HttpResponse<String> refused =
          client.submit("/settings/pack", "/ui/settings/time-zone", "time_zone=Mars%2FOlympus");
      assertThat(refused.statusCode()).isEqualTo(422);
      assertThat(refused.body())
          .contains("id=\"tz-time_zone-error\"")
          .contains("aria-invalid=\"true\"")
          .doesNotContain("Mars/Olympus");
      assertThat(writes(owner)).containsExactly(before);
      assertThat(omniFlow.tenancy().org(owner).timeZone()).isNull();
    }

    @Test
    @DisplayName("an org without a pack says how to select one; a viewer cannot set the zone")
    void emptyAndReadOnly() throws Exception {
      Actor owner = newOrg("No Pack Co");
      UUID viewer = addMember(owner, Role.VIEWER);
      signIn(owner, viewer);
      String body = client.get("/settings/pack").body();
      assertThat(body)
          .contains("id=\"no-pack\"")
          .contains("id=\"read-only\"")
          .doesNotContain("tz-form");
      long[] before = writes(owner);
      HttpResponse<String> forged =
          client.submit("/settings/pack", "/ui/settings/time-zone", "time_zone=Europe/Paris");
      assertThat(forged.statusCode()).isEqualTo(403);
      assertThat(writes(owner)).containsExactly(before);
      assertThat(omniFlow.tenancy().org(owner).timeZone()).isNull();
    }
  }
}
