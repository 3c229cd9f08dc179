package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.sla.FirstResponse;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@DisplayName("GET /sla/metrics: speed to lead per group")
class SlaMetricsApiTest extends ServerTest {
  private static final String DAY = "2026-01-05";
  private static final Instant T = Instant.parse(DAY + "T10:00:00Z");

  private Actor owner;
  private Map<String, String> asOwner;
  private int senders;

  @BeforeEach
  void anOrg() {
    owner = newOrg("Speedy Co");
    asOwner = as(owner.orgId(), owner.userId());
  }

  // A thread of the org, whose first response is then set to the given figures.
  private UUID thread(
      Actor org,
      @Nullable UUID agent,
      Instant started,
      @Nullable Instant due,
      @Nullable Instant responded,
      @Nullable Duration counted,
      boolean breached) {
    Answer in =
        post(
            "/inbox/ingest/mock",
            "{\"channel\": \"instagram_dm\", \"sender\": {\"handle\": \"ig_speed_"
                + senders++
                + "\"}, \"text\": \"Hi\"}",
            as(org.orgId(), org.userId()));
    assertThat(in.status()).as(in.body()).isEqualTo(201);
    UUID thread = UUID.fromString(in.json().path("thread_id").asString());
    FirstResponse r =
        new FirstResponse(
            thread, "instagram_dm", agent, started, due, responded, counted, false, breached);
    store.inTransaction(
        org,
        tx -> {
          tx.slaMetrics().save(r);
          return null;
        });
    return thread;
  }

  private static Instant at(long seconds) {
    return T.plusSeconds(seconds);
  }

  private static JsonNode group(JsonNode report, int index) {
    return report.path("groups").get(index);
  }

  private static void figures(
      JsonNode g,
      long count,
      long responded,
      long met,
      long breaches,
      @Nullable Double shareMet,
      @Nullable Double p50Business,
      @Nullable Double p90Business,
      @Nullable Double p50Wall,
      @Nullable Double p90Wall) {
    assertThat(g.path("count").asLong()).as("count").isEqualTo(count);
    assertThat(g.path("responded").asLong()).as("responded").isEqualTo(responded);
    assertThat(g.path("met").asLong()).as("met").isEqualTo(met);
    assertThat(g.path("breaches").asLong()).as("breaches").isEqualTo(breaches);
    number(g, "share_met", shareMet);
    number(g, "p50_business_seconds", p50Business);
    number(g, "p90_business_seconds", p90Business);
    number(g, "p50_wall_seconds", p50Wall);
    number(g, "p90_wall_seconds", p90Wall);
  }

  private static void number(JsonNode g, String field, @Nullable Double expected) {
    assertThat(g.has(field)).as(field + " present").isTrue();
    if (expected == null) {
      assertThat(g.path(field).isNull()).as(field + " is null").isTrue();
    } else {
      assertThat(g.path(field).asDouble()).as(field).isCloseTo(expected, within());
    }
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-6);
  }

  @Test
  @DisplayName(
      "per agent: counts, share met and percentiles as computed by hand, no data null and not 0")
  void perAgent() {
    UUID ana = addMember(owner, Role.AGENT);
    UUID ben = addMember(owner, Role.AGENT);
    // Ana: replies after 120 s (met), 600 s (late) and 240 s wall of which 200 s business (met).
    thread(owner, ana, at(0), at(300), at(120), Duration.ofSeconds(120), false);
    thread(owner, ana, at(3600), at(3900), at(4200), Duration.ofSeconds(600), true);
    thread(owner, ana, at(7200), at(7500), at(7440), Duration.ofSeconds(200), false);
    // Ben: unanswered, due long ago: breached, no reply to measure.
    thread(owner, ben, at(10_800), at(11_100), null, null, false);
    // Nobody's: unanswered and never due, so neither met nor breached.
    thread(owner, null, at(14_400), null, null, null, false);
    // Outside the range: the day after.
    thread(owner, ana, at(86_400), at(86_700), at(86_410), Duration.ofSeconds(10), false);

    Answer a = get("/sla/metrics?from=" + DAY + "&to=" + DAY + "&group_by=agent", asOwner);
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    JsonNode r = a.json();
    assertThat(r.path("from").asString()).isEqualTo("2026-01-05T00:00:00Z");
    assertThat(r.path("to").asString()).isEqualTo("2026-01-06T00:00:00Z");
    assertThat(r.path("group_by").asString()).isEqualTo("agent");
    assertThat(r.path("truncated").asBoolean()).isFalse();
    // business [120, 200, 600]: p50 200, p90 200 + (600 - 200) * 0.8 = 520;
    // wall [120, 240, 600]: p50 240, p90 240 + (600 - 240) * 0.8 = 528.
    figures(r.path("total"), 5, 3, 2, 2, 0.5, 200.0, 520.0, 240.0, 528.0);
    assertThat(r.path("groups").size()).isEqualTo(3);
    assertThat(group(r, 0).path("key").asString()).isEqualTo(ana.toString());
    figures(group(r, 0), 3, 3, 2, 1, 2.0 / 3, 200.0, 520.0, 240.0, 528.0);
    assertThat(group(r, 1).path("key").asString()).isEqualTo(ben.toString());
    figures(group(r, 1), 1, 0, 0, 1, 0.0, null, null, null, null);
    assertThat(group(r, 2).path("key").isNull()).isTrue();
    figures(group(r, 2), 1, 0, 0, 0, null, null, null, null, null);

    JsonNode channel =
        get(
                "/sla/metrics?from=" + DAY + "T00:00:00Z&to=2026-01-05T11:00:00Z&group_by=channel",
                asOwner)
            .json();
    figures(channel.path("total"), 1, 1, 1, 0, 1.0, 120.0, 120.0, 120.0, 120.0);
    assertThat(group(channel, 0).path("key").asString()).isEqualTo("instagram_dm");

    JsonNode pack =
        get("/sla/metrics?from=" + DAY + "&to=" + DAY + "&group_by=pack", asOwner).json();
    assertThat(pack.path("groups").size()).isEqualTo(1);
    figures(group(pack, 0), 5, 3, 2, 2, 0.5, 200.0, 520.0, 240.0, 528.0);
  }

  @Test
  @DisplayName("a range without clocks answers 0 clocks with null figures and no groups")
  void empty() {
    JsonNode r = get("/sla/metrics?from=2026-02-01&to=2026-02-28&group_by=source", asOwner).json();
    figures(r.path("total"), 0, 0, 0, 0, null, null, null, null, null);
    assertThat(r.path("groups").size()).isZero();
  }

  @Test
  @DisplayName("each bad parameter answers 400 problem+json naming it, and nothing is written")
  void badInput() {
    String ok = "from=2026-01-01&to=2026-01-31&group_by=agent";
    assertThat(get("/sla/metrics?" + ok, asOwner).status()).isEqualTo(200);
    String[][] cases = {
      {"to=2026-01-31&group_by=agent", "invalid_from"},
      {"from=soon&to=2026-01-31&group_by=agent", "invalid_from"},
      {"from=1999-12-31&to=2000-01-31&group_by=agent", "invalid_from"},
      {"from=2026-01-01&group_by=agent", "invalid_to"},
      {"from=2026-01-01&to=2026-13-01&group_by=agent", "invalid_to"},
      {"from=2026-01-31&to=2026-01-01&group_by=agent", "invalid_to"},
      {"from=2026-01-01&to=" + "9".repeat(500) + "&group_by=agent", "invalid_to"},
      {"from=2025-01-01&to=2026-01-31&group_by=agent", "range_too_long"},
      {"from=2026-01-01&to=2026-01-31", "invalid_group_by"},
      {"from=2026-01-01&to=2026-01-31&group_by=weekday", "invalid_group_by"},
    };
    for (String[] c : cases) {
      Answer a = get("/sla/metrics?" + c[0], asOwner);
      assertThat(a.status()).as(c[0]).isEqualTo(400);
      assertRefusedWritingNothing(owner, () -> get("/sla/metrics?" + c[0], asOwner), 400, c[1]);
      assertThat(a.body()).doesNotContain("9999999999").doesNotContain("weekday");
    }
  }

  @Test
  @DisplayName("another org's first responses are not counted, and it sees only its own")
  void otherOrgs() {
    thread(owner, null, at(0), at(300), at(60), Duration.ofSeconds(60), false);
    Actor other = newOrg("Slow Co");
    thread(other, null, at(0), at(300), at(900), Duration.ofSeconds(900), true);
    thread(other, null, at(60), at(360), at(960), Duration.ofSeconds(900), true);

    String q = "/sla/metrics?from=" + DAY + "&to=" + DAY + "&group_by=channel";
    figures(get(q, asOwner).json().path("total"), 1, 1, 1, 0, 1.0, 60.0, 60.0, 60.0, 60.0);
    JsonNode theirs = get(q, as(other.orgId(), other.userId())).json();
    figures(theirs.path("total"), 2, 2, 0, 2, 0.0, 900.0, 900.0, 900.0, 900.0);
  }

  @Test
  @DisplayName("agents and viewers may read the metrics")
  void agentsRead() {
    thread(owner, null, at(0), at(300), at(60), Duration.ofSeconds(60), false);
    String q = "/sla/metrics?from=" + DAY + "&to=" + DAY + "&group_by=agent";
    for (Role role : new Role[] {Role.AGENT, Role.VIEWER}) {
      Answer a = get(q, as(owner.orgId(), addMember(owner, role)));
      assertThat(a.status()).as(a.body()).isEqualTo(200);
      figures(a.json().path("total"), 1, 1, 1, 0, 1.0, 60.0, 60.0, 60.0, 60.0);
    }
  }

  // A lead from the thread, closed with the status unless null.
  private void lead(UUID thread, @Nullable String status) {
    Answer made = post("/leads/from-thread/" + thread, "", asOwner);
    assertThat(made.status()).as(made.body()).isEqualTo(201);
    if (status != null) {
      String id = made.json().path("id").asString();
      Answer closed =
          post(
              "/leads/" + id + "/outcome",
              "{\"status\": \"" + status + "\", \"amount\": \"100.00\", \"currency\": \"USD\"}",
              asOwner);
      assertThat(closed.status()).as(closed.body()).isEqualTo(200);
    }
  }

  @Test
  @DisplayName(
      "win rate by first response: leads won, lost and open per bucket of the wait, null without"
          + " a closed lead")
  void winRate() {
    omniFlow.packs().select(owner, "generic");
    Duration d = Duration.ofSeconds(60);
    lead(thread(owner, null, at(0), at(300), at(240), d, false), "won");
    lead(thread(owner, null, at(600), at(900), at(700), d, false), "lost");
    lead(thread(owner, null, at(1200), at(1500), at(1200 + 600), d, true), "won");
    lead(thread(owner, null, at(3600), at(3900), at(3600 + 7200), d, true), null);
    lead(thread(owner, null, at(20_000), at(20_300), null, null, false), "lost");
    thread(owner, null, at(30_000), at(30_300), at(30_010), d, false);

    JsonNode w =
        get("/sla/metrics?from=" + DAY + "&to=" + DAY + "&group_by=pack", asOwner)
            .json()
            .path("win_rate_by_first_response");
    assertThat(w.size()).isEqualTo(5);
    String[] labels = {"under_5m", "5m_to_30m", "30m_to_2h", "over_2h", "no_reply"};
    long[][] counts = {{1, 1, 0}, {1, 0, 0}, {0, 0, 0}, {0, 0, 1}, {0, 1, 0}};
    Double[] rates = {0.5, 1.0, null, null, 0.0};
    for (int i = 0; i < 5; i++) {
      JsonNode b = w.get(i);
      assertThat(b.path("bucket").asString()).isEqualTo(labels[i]);
      assertThat(
              new long[] {b.path("won").asLong(), b.path("lost").asLong(), b.path("open").asLong()})
          .as(labels[i])
          .containsExactly(counts[i]);
      number(b, "win_rate", rates[i]);
    }
    assertThat(w.get(1).path("from_seconds").asLong()).isEqualTo(300);
    assertThat(w.get(1).path("to_seconds").asLong()).isEqualTo(1800);
    assertThat(w.get(3).path("to_seconds").isNull()).isTrue();

    Actor other = newOrg("Other Co");
    JsonNode theirs =
        get(
                "/sla/metrics?from=" + DAY + "&to=" + DAY + "&group_by=pack",
                as(other.orgId(), other.userId()))
            .json()
            .path("win_rate_by_first_response");
    for (JsonNode b : theirs) {
      assertThat(b.path("won").asLong() + b.path("lost").asLong() + b.path("open").asLong())
          .isZero();
      assertThat(b.path("win_rate").isNull()).isTrue();
    }
  }
}
