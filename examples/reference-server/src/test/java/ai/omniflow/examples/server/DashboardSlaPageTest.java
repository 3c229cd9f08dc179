package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.sla.FirstResponse;
import ai.omniflow.tenancy.Actor;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's SLA figures over real HTTP in a fresh org whose zone is New York: speed to lead
 * this week (median and 90th percentile of the first reply, the share met) from {@code
 * SlaService.speedToLead}, and the open conversations at risk or breached, linked to that inbox
 * list.
 */
@DisplayName("The dashboard's SLA figures")
class DashboardSlaPageTest extends ServerTest {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  private Actor owner;
  private Map<String, String> asOwner;
  private int senders;

  @BeforeEach
  void anOrgInNewYork() {
    owner = newOrg("Dashboard SLA Realty");
    omniFlow.tenancy().setTimeZone(owner, "America/New_York");
    asOwner = as(owner.orgId(), owner.userId());
  }

  private String dm(@Nullable Duration ago) {
    String sentAt = ago == null ? "" : ", \"sent_at\": \"" + now().minus(ago) + "\"";
    Answer in =
        post(
            "/inbox/ingest/mock",
            "{\"channel\": \"instagram_dm\", \"sender\": {\"handle\": \"ig_dash_"
                + senders++
                + "\"}, \"text\": \"Hi\""
                + sentAt
                + "}",
            asOwner);
    assertThat(in.status()).as(in.body()).isEqualTo(201);
    return in.json().path("thread_id").asString();
  }

  /** A thread whose first response is set to the figures given. */
  private void firstResponse(
      Instant started, @Nullable Duration repliedAfter, Duration window, boolean breached) {
    UUID thread = UUID.fromString(dm(null));
    FirstResponse r =
        new FirstResponse(
            thread,
            "instagram_dm",
            null,
            started,
            started.plus(window),
            repliedAfter == null ? null : started.plus(repliedAfter),
            repliedAfter,
            true,
            breached);
    store.inTransaction(
        owner,
        tx -> {
          tx.slaMetrics().save(r);
          return null;
        });
  }

  private String dashboard() throws Exception {
    var r = pagesAs(owner, owner.userId()).get("/");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.body();
  }

  private static String element(String page, String id) {
    int at = page.indexOf("id=\"" + id + "\"");
    assertThat(at).as("the page shows #" + id).isPositive();
    return page.substring(page.indexOf('>', at) + 1, page.indexOf('<', at));
  }

  @Test
  @DisplayName(
      "speed to lead this week shows the median and 90th percentile first reply and the share met")
  void speedToLeadThisWeek() throws Exception {
    Instant now = now();
    Instant monday =
        LocalDate.ofInstant(now, NEW_YORK)
            .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
            .atStartOfDay(NEW_YORK)
            .toInstant();
    Instant started = monday.plus(Duration.between(monday, now).dividedBy(4));
    // Replied after 4 minutes (met) and after 30 (breached); one not answered, not yet due.
    firstResponse(started, Duration.ofMinutes(4), Duration.ofMinutes(10), false);
    firstResponse(started, Duration.ofMinutes(30), Duration.ofMinutes(10), true);
    firstResponse(started, null, Duration.ofDays(30), false);
    // Started before this week: left out.
    firstResponse(
        monday.minus(Duration.ofHours(1)), Duration.ofHours(5), Duration.ofHours(1), true);

    String page = dashboard();

    assertThat(element(page, "speed-p50")).isEqualTo("17 min");
    assertThat(element(page, "speed-p90")).isEqualTo("27 min");
    assertThat(element(page, "speed-met")).isEqualTo("50 %");
    assertThat(element(page, "speed-counts")).isEqualTo("3 started, 2 answered, 1 breached");
    assertThat(page).contains(new Pages.Zone(NEW_YORK).show(monday));
  }

  @Test
  @DisplayName("a week without conversations says so, with no figure shown as zero")
  void anEmptyWeek() throws Exception {
    String page = dashboard();

    assertThat(page).contains("id=\"no-speed\"").doesNotContain("id=\"speed-p50\"");
    assertThat(element(page, "urgent")).isEqualTo("0");
  }

  @Test
  @DisplayName("the open conversations at risk or breached are counted and link to that list")
  void urgentConversations() throws Exception {
    dm(Duration.ofHours(2));
    dm(Duration.ofMinutes(50));
    dm(Duration.ofMinutes(1));
    String closed = dm(Duration.ofHours(3));
    assertThat(post("/inbox/threads/" + closed + "/close", null, asOwner).status()).isEqualTo(200);

    String page = dashboard();

    assertThat(element(page, "urgent")).isEqualTo("2");
    assertThat(page)
        .contains("href=\"/inbox?status=open&amp;sla=at_risk,breached&amp;sort=sla_due\"");
  }

  @Test
  @DisplayName("durations read as a person reads them")
  void durations() {
    assertThat(DashboardSpeed.duration(Duration.ofSeconds(45))).isEqualTo("45 s");
    assertThat(DashboardSpeed.duration(Duration.ofMinutes(12).plusSeconds(59))).isEqualTo("12 min");
    assertThat(DashboardSpeed.duration(Duration.ofMinutes(185))).isEqualTo("3 h 05 min");
    assertThat(DashboardSpeed.duration(Duration.ofHours(52))).isEqualTo("2 d 4 h");
    assertThat(DashboardSpeed.duration(null)).isNull();
  }
}
