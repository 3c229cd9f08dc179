package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.connector.spi.Channel;
import ai.omniflow.contacts.Contact;
import ai.omniflow.contacts.Identity;
import ai.omniflow.contacts.IdentityKind;
import ai.omniflow.inbox.InboxThread;
import ai.omniflow.inbox.ThreadStatus;
import ai.omniflow.inbox.Touchpoint;
import ai.omniflow.leads.Lead;
import ai.omniflow.leads.LeadOutcome;
import ai.omniflow.tenancy.Actor;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@DisplayName("Attribution endpoints: touchpoints, spend, reports and their CSV")
class AttributionApiTest extends ServerTest {
  private Actor owner;
  private Map<String, String> asOwner;
  private Instant t;
  private String from;
  private String to;

  @BeforeEach
  void anOrg() {
    owner = newOrg("Attribution Co");
    asOwner = as(owner.orgId(), owner.userId());
    t = now().minus(Duration.ofDays(1));
    LocalDate today = LocalDate.ofInstant(now(), ZoneOffset.UTC);
    from = today.minusDays(10).toString();
    to = today.toString();
  }

  /** A contact with an e-mail identity and a lead won (or lost) at {@code closed}. */
  UUID contactWithLead(
      String email, String status, String amount, String currency, Instant closed) {
    UUID contact = UUID.randomUUID();
    Instant created = closed.minus(Duration.ofDays(2));
    Lead lead =
        new Lead(
            UUID.randomUUID(),
            owner.orgId(),
            contact,
            null,
            Channel.SMS,
            null,
            null,
            "new",
            null,
            Map.of(),
            null,
            null,
            null,
            created,
            created);
    LeadOutcome outcome =
        status.equals("won")
            ? new LeadOutcome(
                LeadOutcome.Status.WON, new BigDecimal(amount), currency, closed, null)
            : new LeadOutcome(LeadOutcome.Status.LOST, null, null, closed, "price");
    store.useTransaction(
        owner,
        tx -> {
          tx.contacts().insert(new Contact(contact, owner.orgId(), "Ana", created, created, null));
          tx.contacts()
              .insertIdentity(
                  new Identity(
                      UUID.randomUUID(),
                      owner.orgId(),
                      contact,
                      IdentityKind.EMAIL,
                      email,
                      email,
                      created,
                      created));
          tx.leads().insert(lead);
          tx.leads().update(lead.withOutcome(outcome, status, closed));
        });
    return contact;
  }

  @Test
  @DisplayName(
      "the funnel and time to convert answer per channel as JSON and CSV, qualified by the pack's"
          + " stages, and refuse a bad grouping or range")
  void funnelAndTimeToConvert() {
    omniFlow.packs().select(owner, "generic");
    contactWithLead("ana@example.com", "won", "1000.00", "USD", t);
    touch(
        "{\"gclid\": \"Cj0-ana\", \"email\": \"ana@example.com\", \"occurred_at\": \""
            + t.minus(Duration.ofDays(5))
            + "\"}");
    UUID bo = UUID.randomUUID();
    Instant created = t.minus(Duration.ofDays(1));
    store.useTransaction(
        owner,
        tx -> {
          tx.contacts().insert(new Contact(bo, owner.orgId(), "Bo", created, created, null));
          tx.leads()
              .insert(
                  new Lead(
                      UUID.randomUUID(),
                      owner.orgId(),
                      bo,
                      null,
                      Channel.SMS,
                      null,
                      null,
                      "appointment",
                      null,
                      Map.of(),
                      null,
                      null,
                      null,
                      created,
                      created));
        });
    String range = "?from=" + from + "&to=" + to;

    Answer funnel = get("/attribution/funnel" + range, asOwner);
    assertThat(funnel.status()).as(funnel.body()).isEqualTo(200);
    JsonNode f = funnel.json();
    assertThat(f.path("qualified_stages").toString()).isEqualTo("[\"qualified\",\"appointment\"]");
    JsonNode google = f.path("channels").get(0);
    assertThat(google.path("channel").asString()).isEqualTo("google_ad");
    assertThat(google.path("engagements").asLong()).isEqualTo(1);
    JsonNode sms = f.path("channels").get(1);
    assertThat(sms.path("channel").asString()).isEqualTo("sms");
    assertThat(sms.path("leads").asLong()).isEqualTo(2);
    assertThat(sms.path("qualified").asLong()).isEqualTo(2);
    assertThat(sms.path("won").asLong()).isEqualTo(1);
    assertThat(sms.path("won_rate").decimalValue()).isEqualByComparingTo("50.00");
    assertThat(f.path("total").path("channel").asString()).isEqualTo("all");

    Map<String, String> csv = new HashMap<>(asOwner);
    csv.put("Accept", "text/csv");
    Answer funnelCsv = get("/attribution/funnel" + range, csv);
    assertThat(funnelCsv.contentType()).startsWith("text/csv");
    assertThat(funnelCsv.body())
        .startsWith(AttributionCsv.FUNNEL_HEADER + "\r\n")
        .contains("\r\nsms,0,0,2,2,1,,,100.00,50.00,50.00\r\n")
        .endsWith("\r\nall,1,0,2,2,1,0.00,,100.00,50.00,50.00\r\n");

    Answer times = get("/attribution/time-to-convert" + range + "&group_by=channel", asOwner);
    assertThat(times.status()).as(times.body()).isEqualTo(200);
    JsonNode tt = times.json();
    assertThat(tt.path("buckets").get(2).path("label").asString()).isEqualTo("1d_7d");
    assertThat(tt.path("buckets").get(2).path("from_seconds").asLong()).isEqualTo(86_400);
    JsonNode g = tt.path("groups").get(0);
    assertThat(g.path("channel").asString()).isEqualTo("google_ad");
    assertThat(g.path("counts").toString()).isEqualTo("[0,0,1,0,0,0]");
    Answer timesCsv = get("/attribution/time-to-convert" + range, csv);
    assertThat(timesCsv.body())
        .isEqualTo(
            "channel,conversions,under_1h,1h_1d,1d_7d,7d_30d,30d_90d,over_90d\r\n"
                + "google_ad,1,0,0,1,0,0,0\r\nall,1,0,0,1,0,0,0\r\n");

    refused(
        () -> get("/attribution/time-to-convert" + range + "&group_by=campaign", asOwner),
        400,
        "invalid_level");
    refused(
        () -> get("/attribution/funnel?from=" + to + "&to=" + from, asOwner), 400, "invalid_range");
    refused(() -> get("/attribution/funnel?from=" + from, asOwner), 400, "invalid_range");
  }

  Answer touch(String json) {
    Answer a = post("/touchpoints", json, asOwner);
    assertThat(a.status()).as(a.body()).isEqualTo(201);
    return a;
  }

  JsonNode row(JsonNode model, String channel) {
    for (JsonNode r : model.path("rows")) {
      if (r.path("channel").asString().equals(channel)) {
        return r;
      }
    }
    throw new AssertionError("no row for " + channel + " in " + model);
  }

  void refused(Supplier<Answer> call, int status, String code) {
    assertRefusedWritingNothing(owner, call, status, code);
  }

  @Test
  @DisplayName(
      "clicks joined by e-mail or anonymous key and spend give exact credit, ROAS and ROI,"
          + " side by side and as CSV")
  void clicksSpendAndReports() {
    UUID ana = contactWithLead("ana@example.com", "won", "1000.00", "USD", t);
    Answer google =
        touch(
            "{\"gclid\": \"Cj0KCQ-google\", \"email\": \" Ana@Example.com \", \"utm_campaign\":"
                + " \"spring\", \"occurred_at\": \""
                + t.minus(Duration.ofDays(5))
                + "\"}");
    assertThat(google.json().path("contact_id").asString()).isEqualTo(ana.toString());
    assertThat(google.json().path("channel").asString()).isEqualTo("google_ad");
    assertThat(google.json().path("campaign").asString()).isEqualTo("spring");
    Answer anonymous =
        touch(
            "{\"fbclid\": \"IwAR-fb\", \"anonymous_key\": \"cookie-1\", \"occurred_at\": \""
                + t.minus(Duration.ofDays(4))
                + "\"}");
    assertThat(anonymous.json().path("anonymous").asBoolean()).isTrue();
    Answer visit =
        touch(
            "{\"utm_source\": \"Newsletter\", \"anonymous_key\": \"cookie-1\", \"email\":"
                + " \"ana@example.com\", \"occurred_at\": \""
                + t.minus(Duration.ofDays(3))
                + "\"}");
    assertThat(visit.json().path("channel").asString()).isEqualTo("newsletter");
    assertThat(visit.json().path("contact_id").asString()).isEqualTo(ana.toString());

    String day = LocalDate.ofInstant(t, ZoneOffset.UTC).toString();
    Answer spent =
        post(
            "/attribution/spend",
            "{\"day\": \""
                + day
                + "\", \"channel\": \"google_ad\", \"amount\": \"250.00\","
                + " \"currency\": \"USD\"}",
            asOwner);
    assertThat(spent.status()).as(spent.body()).isEqualTo(200);
    Answer replaced =
        post(
            "/attribution/spend",
            "{\"day\": \""
                + day
                + "\", \"channel\": \"google_ad\", \"amount\": 200,"
                + " \"currency\": \"usd\"}",
            asOwner);
    assertThat(replaced.json().path("amount").asString()).isEqualTo("200.00");

    Answer report = get("/attribution/report?model=linear&from=" + from + "&to=" + to, asOwner);
    assertThat(report.status()).as(report.body()).isEqualTo(200);
    JsonNode r = report.json();
    assertThat(r.path("currency").asString()).isEqualTo("USD");
    assertThat(r.path("journeys").asLong()).isEqualTo(1);
    JsonNode linear = r.path("models").get(0);
    assertThat(linear.path("model").asString()).isEqualTo("linear");
    assertThat(linear.path("revenue").decimalValue()).isEqualByComparingTo("1000.00");
    BigDecimal sum = BigDecimal.ZERO;
    BigDecimal conversions = BigDecimal.ZERO;
    for (JsonNode row : linear.path("rows")) {
      sum = sum.add(row.path("revenue").decimalValue());
      conversions = conversions.add(row.path("conversions").decimalValue());
    }
    assertThat(sum).isEqualByComparingTo("1000.00");
    assertThat(conversions).isEqualByComparingTo("1");
    JsonNode g = row(linear, "google_ad");
    assertThat(g.path("revenue").decimalValue())
        .isBetween(new BigDecimal("333.33"), new BigDecimal("333.34"));
    assertThat(g.path("spend").decimalValue()).isEqualByComparingTo("200.00");
    assertThat(g.path("roas").decimalValue())
        .isEqualByComparingTo(
            g.path("revenue")
                .decimalValue()
                .divide(new BigDecimal("200"), 4, java.math.RoundingMode.HALF_EVEN));
    assertThat(row(linear, "facebook_ad").path("conversions").decimalValue()).isPositive();

    Answer compare =
        get(
            "/attribution/compare?models=first_touch,last_touch&level=campaign&from="
                + from
                + "&to="
                + to,
            asOwner);
    assertThat(compare.status()).as(compare.body()).isEqualTo(200);
    JsonNode first = compare.json().path("models").get(0);
    assertThat(first.path("model").asString()).isEqualTo("first_touch");
    assertThat(row(first, "google_ad").path("campaign").asString()).isEqualTo("spring");
    assertThat(row(first, "google_ad").path("revenue").decimalValue()).isEqualByComparingTo("1000");
    assertThat(
            row(compare.json().path("models").get(1), "newsletter").path("revenue").decimalValue())
        .isEqualByComparingTo("1000");

    Map<String, String> csvHeaders = new HashMap<>(asOwner);
    csvHeaders.put("Accept", "text/csv");
    Answer csv = get("/attribution/report?model=all&from=" + from + "&to=" + to, csvHeaders);
    assertThat(csv.status()).as(csv.body()).isEqualTo(200);
    assertThat(csv.contentType()).startsWith("text/csv");
    assertThat(csv.body()).startsWith(AttributionCsv.HEADER + "\r\n").contains("\r\nmarkov,");
    Answer csvByFormat =
        get("/attribution/report?model=u_shaped&format=csv&from=" + from + "&to=" + to, asOwner);
    assertThat(csvByFormat.body().lines().skip(1)).allMatch(l -> l.startsWith("u_shaped,"));
  }

  @Test
  @DisplayName(
      "group_by content and agent credit each post and each thread's agent, in JSON and in the"
          + " CSV's content and agent columns; half_life_days sets time_decay's half-life")
  void contentAgentAndHalfLife() {
    UUID ana = contactWithLead("ana@example.com", "won", "1000.00", "USD", t);
    touch(
        "{\"channel\": \"facebook_ad\", \"content_id\": \"post-1\", \"email\":"
            + " \"ana@example.com\", \"occurred_at\": \""
            + t.minus(Duration.ofDays(5))
            + "\"}");
    touch(
        "{\"channel\": \"website\", \"utm_content\": \"=banner\", \"email\":"
            + " \"ana@example.com\", \"occurred_at\": \""
            + t.minus(Duration.ofDays(3))
            + "\"}");
    String range = "&from=" + from + "&to=" + to;

    Answer content = get("/attribution/report?model=linear&group_by=content" + range, asOwner);
    assertThat(content.status()).as(content.body()).isEqualTo(200);
    assertThat(content.json().path("level").asString()).isEqualTo("CONTENT");
    JsonNode linear = content.json().path("models").get(0);
    assertThat(row(linear, "facebook_ad").path("content").asString()).isEqualTo("post-1");
    assertThat(row(linear, "facebook_ad").path("revenue").decimalValue())
        .isEqualByComparingTo("500.00");
    assertThat(row(linear, "website").path("content").asString()).isEqualTo("=banner");
    Answer csv =
        get("/attribution/report?model=linear&group_by=content&format=csv" + range, asOwner);
    assertThat(csv.body())
        .startsWith(AttributionCsv.HEADER + "\r\n")
        .contains("linear,facebook_ad,,0,0.5000,500.00,50.00,50.00,,,,USD,post-1,\r\n")
        .contains(",USD,'=banner,\r\n");

    UUID agent = owner.userId();
    InboxThread thread =
        new InboxThread(
                UUID.randomUUID(),
                owner.orgId(),
                ana,
                Channel.INSTAGRAM_DM,
                null,
                "t-ana",
                ThreadStatus.OPEN,
                null,
                t,
                null,
                t,
                0,
                t,
                t)
            .withAssignee(agent, t);
    store.useTransaction(
        owner,
        tx -> {
          tx.inbox().insertThread(thread);
          tx.inbox()
              .insertTouchpoint(
                  new Touchpoint(
                      UUID.randomUUID(),
                      owner.orgId(),
                      ana,
                      Channel.INSTAGRAM_DM,
                      null,
                      null,
                      null,
                      t.minus(Duration.ofDays(1)),
                      null,
                      thread.id()));
        });
    Answer byAgent = get("/attribution/report?model=last_touch&group_by=agent" + range, asOwner);
    assertThat(byAgent.status()).as(byAgent.body()).isEqualTo(200);
    JsonNode last = byAgent.json().path("models").get(0);
    assertThat(row(last, "instagram_dm").path("agent").asString()).isEqualTo(agent.toString());
    assertThat(row(last, "instagram_dm").path("revenue").decimalValue())
        .isEqualByComparingTo("1000.00");
    Answer agentCsv =
        get("/attribution/report?model=last_touch&level=agent&format=csv" + range, asOwner);
    assertThat(agentCsv.body()).contains(",USD,," + agent + "\r\n");

    // Touches 5, 3 and 1 days before the win: with a one-day half-life the weights are
    // 1/32, 1/8 and 1/2, so the last touch earns 16/21 and the website 4/21 of 1000.
    Answer decay = get("/attribution/report?model=time_decay&half_life_days=1" + range, asOwner);
    assertThat(decay.status()).as(decay.body()).isEqualTo(200);
    JsonNode d = decay.json().path("models").get(0);
    assertThat(row(d, "website").path("revenue").decimalValue()).isEqualByComparingTo("190.48");
    assertThat(row(d, "instagram_dm").path("revenue").decimalValue())
        .isEqualByComparingTo("761.90");
    JsonNode week =
        get("/attribution/report?model=time_decay" + range, asOwner).json().path("models").get(0);
    assertThat(row(week, "website").path("revenue").decimalValue())
        .isGreaterThan(new BigDecimal("250"));
  }

  @Test
  @DisplayName("a contact appearing later is linked to its earlier anonymous clicks on request")
  void laterContactsAreLinked() {
    touch(
        "{\"fbclid\": \"IwAR-x\", \"email\": \"bo@example.com\", \"occurred_at\": \""
            + t.minus(Duration.ofDays(2))
            + "\"}");
    contactWithLead("bo@example.com", "won", "50", "USD", t);
    Answer linked = post("/touchpoints/link", "{}", asOwner);
    assertThat(linked.status()).as(linked.body()).isEqualTo(200);
    assertThat(linked.json().path("linked").asInt()).isEqualTo(1);
    Answer report = get("/attribution/report?model=last_touch&from=" + from + "&to=" + to, asOwner);
    assertThat(
            row(report.json().path("models").get(0), "facebook_ad").path("revenue").decimalValue())
        .isEqualByComparingTo("50.00");
  }

  @Test
  @DisplayName("mixed currencies without a currency answer 422; naming one reports it alone")
  void mixedCurrencies() {
    contactWithLead("a@example.com", "won", "100", "USD", t);
    contactWithLead("b@example.com", "won", "90", "EUR", t);
    touch(
        "{\"channel\": \"website\", \"email\": \"a@example.com\", \"occurred_at\": \""
            + t.minus(Duration.ofDays(1))
            + "\"}");
    touch(
        "{\"channel\": \"website\", \"email\": \"b@example.com\", \"occurred_at\": \""
            + t.minus(Duration.ofDays(1))
            + "\"}");
    assertProblem(
        get("/attribution/report?model=linear&from=" + from + "&to=" + to, asOwner),
        422,
        "mixed_currencies");
    Answer eur =
        get("/attribution/report?model=linear&currency=EUR&from=" + from + "&to=" + to, asOwner);
    assertThat(eur.status()).as(eur.body()).isEqualTo(200);
    assertThat(eur.json().path("other_currency").asLong()).isEqualTo(1);
    assertThat(eur.json().path("models").get(0).path("revenue").decimalValue())
        .isEqualByComparingTo("90");
  }

  @Test
  @DisplayName("bad parameters answer 400 naming them, bad bodies 422, and nothing is written")
  void badInput() {
    String range = "&from=" + from + "&to=" + to;
    refused(() -> get("/attribution/report?model=nope" + range, asOwner), 400, "invalid_model");
    refused(
        () -> get("/attribution/report?model=linear&from=" + to + "&to=" + from, asOwner),
        400,
        "invalid_range");
    refused(
        () -> get("/attribution/report?model=linear&from=2020-01-01&to=2026-01-01", asOwner),
        400,
        "range_too_long");
    refused(
        () -> get("/attribution/report?model=linear&from=yesterday&to=" + to, asOwner),
        400,
        "invalid_range");
    refused(
        () -> get("/attribution/report?model=linear&level=agents" + range, asOwner),
        400,
        "invalid_level");
    refused(
        () -> get("/attribution/report?model=linear&group_by=post" + range, asOwner),
        400,
        "invalid_level");
    for (String bad : List.of("0", "366", "-7", "1.5", "week", "9".repeat(40))) {
      refused(
          () -> get("/attribution/report?model=time_decay&half_life_days=" + bad + range, asOwner),
          400,
          "invalid_half_life");
    }
    refused(
        () -> get("/attribution/compare?models=linear&half_life_days=0" + range, asOwner),
        400,
        "invalid_half_life");
    refused(
        () -> get("/attribution/report?model=markov&order=4" + range, asOwner),
        400,
        "invalid_order");
    refused(
        () -> get("/attribution/report?model=linear&lookback_days=0" + range, asOwner),
        400,
        "invalid_lookback");
    refused(
        () -> get("/attribution/report?model=linear&currency=XX1" + range, asOwner),
        400,
        "invalid_currency");
    refused(
        () -> get("/attribution/compare?models=linear,linear" + range, asOwner),
        400,
        "invalid_model");
    refused(
        () ->
            post(
                "/attribution/spend",
                "{\"day\": \"2026-01-01\", \"channel\": \"x\", \"amount\": \"1.5\", \"currency\": \"ZZZ\"}",
                asOwner),
        422,
        "invalid_currency");
    refused(
        () ->
            post(
                "/attribution/spend",
                "{\"day\": \"2026-01-01\", \"channel\": \"x\", \"amount\": \"-1\", \"currency\": \"USD\"}",
                asOwner),
        422,
        "invalid_amount");
    refused(
        () ->
            post(
                "/attribution/spend",
                "{\"day\": \"2999-01-01\", \"channel\": \"x\", \"amount\": \"1\", \"currency\": \"USD\"}",
                asOwner),
        422,
        "invalid_day");
    refused(
        () -> post("/touchpoints", "{\"channel\": \"Bad Channel!\"}", asOwner),
        422,
        "invalid_channel");
    refused(
        () -> post("/touchpoints", "{\"fbclid\": \"a\", \"gclid\": \"b\"}", asOwner),
        422,
        "invalid_click_id");
    refused(
        () -> post("/touchpoints", "{\"channel\": \"web\", \"email\": \"not-an-email\"}", asOwner),
        422,
        "invalid_email");
    refused(
        () -> post("/touchpoints", "{\"utm_term\": \"" + "x".repeat(300) + "\"}", asOwner),
        422,
        "invalid_utm_term");
    refused(
        () ->
            post(
                "/touchpoints",
                "{\"channel\": \"web\", \"contact_id\": \"" + UUID.randomUUID() + "\"}",
                asOwner),
        404,
        "not_found");
    Map<String, String> viewer =
        as(owner.orgId(), addMember(owner, ai.omniflow.tenancy.Role.VIEWER));
    refused(() -> post("/touchpoints", "{\"channel\": \"web\"}", viewer), 403, "forbidden");
  }
}
