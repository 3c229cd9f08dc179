package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.attribution.TimeToConvertReport;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The time-to-convert distribution on {@code /attribution} over real HTTP, in a fresh org per test:
 * the leads won in the page's days counted per bucket from first touch to win, as core counts them,
 * with the median's bucket, a table and the chart's canvas; an empty range says so.
 */
@DisplayName("The attribution page's time to convert")
class AttributionTimeToConvertPageTest extends ServerTest {

  private void wonAfter(Actor owner, String email, Instant won, Duration sinceTouch) {
    AttributionPageTest.wonLead(store, owner, email, "100.00", won);
    Answer touch =
        post(
            "/touchpoints",
            "{\"gclid\": \"Cj0-"
                + email.hashCode()
                + "\", \"campaign\": \"spring\", \"email\": \""
                + email
                + "\", \"occurred_at\": \""
                + won.minus(sinceTouch)
                + "\"}",
            as(owner.orgId(), owner.userId()));
    assertThat(touch.status()).as(touch.body()).isEqualTo(201);
  }

  @Test
  @DisplayName("counts the leads won in the range per bucket, with the median, a table and a chart")
  void distribution() throws Exception {
    Actor owner = newOrg("Time To Convert Co");
    Instant won = now().minus(Duration.ofDays(1));
    wonAfter(owner, "a@example.com", won, Duration.ofDays(5));
    wonAfter(owner, "b@example.com", won, Duration.ofDays(10));
    wonAfter(owner, "c@example.com", won, Duration.ofDays(12));
    PageClient client = pagesAs(owner, addMember(owner, Role.VIEWER));

    HttpResponse<String> shown = client.get("/attribution");
    assertThat(shown.statusCode()).as(shown.body()).isEqualTo(200);
    var zone = omniFlow.tenancy().org(owner).zone();
    LocalDate today = LocalDate.ofInstant(now(), zone);
    TimeToConvertReport core =
        omniFlow
            .attribution()
            .timeToConvert(
                owner,
                today.minusDays(29).atStartOfDay(zone).toInstant(),
                today.plusDays(1).atStartOfDay(zone).toInstant());
    assertThat(core.total().conversions()).isEqualTo(3);
    TimeToConvertRows rows = TimeToConvertRows.of(core);
    assertThat(rows.median()).isEqualTo("7–30 days");
    String body = shown.body();
    assertThat(body)
        .contains("id=\"ttc-title\">Time to convert</h2>")
        .contains("the median is <strong>7–30 days</strong>")
        .contains("id=\"ttc-chart\" role=\"img\"")
        .contains("data-counts=\"" + rows.counts() + "\"")
        .contains("/webjars/chart.js/4.5.1/dist/chart.umd.min.js")
        .contains("/js/time-to-convert.js")
        .doesNotContain("id=\"no-conversions\"");
    for (TimeToConvertRows.Row r : rows.rows()) {
      assertThat(body).contains("<th scope=\"row\">" + r.label() + "</th>").contains(r.share());
    }
    assertThat(rows.counts()).isEqualTo("0,0,1,2,0,0");

    HttpResponse<String> script = new PageClient(port).get("/js/time-to-convert.js");
    assertThat(script.statusCode()).isEqualTo(200);
    HttpResponse<String> chartJs =
        new PageClient(port).get("/webjars/chart.js/4.5.1/dist/chart.umd.min.js");
    assertThat(chartJs.statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("says so when no lead was won in the range, drawing no chart")
  void empty() throws Exception {
    Actor owner = newOrg("Time To Convert Empty Co");
    PageClient client = pagesAs(owner, owner.userId());
    HttpResponse<String> shown = client.get("/attribution?from=2020-01-01&to=2020-01-31");
    assertThat(shown.statusCode()).isEqualTo(200);
    assertThat(shown.body())
        .contains("id=\"no-conversions\"")
        .doesNotContain("id=\"ttc-chart\"")
        .doesNotContain("chart.umd");
  }

  @Test
  @DisplayName("puts the median in the bucket where half the won leads have converted")
  void median() {
    var buckets =
        List.of(
            new TimeToConvertReport.Bucket("under_1h", Duration.ZERO, Duration.ofHours(1)),
            new TimeToConvertReport.Bucket("1h_1d", Duration.ofHours(1), Duration.ofDays(1)),
            new TimeToConvertReport.Bucket("1d_7d", Duration.ofDays(1), null));
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    TimeToConvertRows four =
        TimeToConvertRows.of(
            new TimeToConvertReport(
                t,
                t,
                buckets,
                List.of(),
                new TimeToConvertReport.Group("all", 4, List.of(1L, 1L, 2L)),
                false));
    assertThat(four.median()).isEqualTo("1 hour – 1 day");
    assertThat(four.rows().get(2).share()).isEqualTo("50.0 %");
    assertThat(four.rows().get(1).cumulative()).isEqualTo("50.0 %");
    TimeToConvertRows none =
        TimeToConvertRows.of(
            new TimeToConvertReport(
                t,
                t,
                buckets,
                List.of(),
                new TimeToConvertReport.Group("all", 0, List.of(0L, 0L, 0L)),
                false));
    assertThat(none.median()).isNull();
    assertThat(none.rows().get(0).share()).isEqualTo("—");
  }
}
