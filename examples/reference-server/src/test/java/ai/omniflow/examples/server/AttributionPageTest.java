package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.connector.spi.Channel;
import ai.omniflow.contacts.Contact;
import ai.omniflow.contacts.Identity;
import ai.omniflow.contacts.IdentityKind;
import ai.omniflow.leads.Lead;
import ai.omniflow.leads.LeadOutcome;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code /attribution} over real HTTP, signed in with an API key in a fresh org per test: the
 * report of a won lead as a table and an SVG chart with the funnel beside it, the last 30 days when
 * no dates are given, a CSV export of the same filters (empty dates included), every model side by
 * side, and a refused filter beside its field.
 */
@DisplayName("The attribution page")
class AttributionPageTest extends ServerTest {
  private static final Pattern CSV_LINK = Pattern.compile("id=\"csv\" href=\"([^\"]+)\"");

  /** A contact with an e-mail identity and a lead won at {@code closed} for {@code amount} USD. */
  static void wonLead(Store store, Actor owner, String email, String amount, Instant closed) {
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
        new LeadOutcome(LeadOutcome.Status.WON, new BigDecimal(amount), "USD", closed, null);
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
          tx.leads().update(lead.withOutcome(outcome, "won", closed));
        });
  }

  /** An org with a lead won yesterday for 1000 USD after a Google ad click of campaign spring. */
  private Actor orgWithRevenue(String name) {
    Actor owner = newOrg(name);
    Instant t = now().minus(Duration.ofDays(1));
    wonLead(store, owner, "ana@example.com", "1000.00", t);
    Answer touch =
        post(
            "/touchpoints",
            "{\"gclid\": \"Cj0-ana\", \"campaign\": \"spring\", \"email\": \"ana@example.com\","
                + " \"occurred_at\": \""
                + t.minus(Duration.ofDays(5))
                + "\"}",
            as(owner.orgId(), owner.userId()));
    assertThat(touch.status()).as(touch.body()).isEqualTo(201);
    return owner;
  }

  private LocalDate today(Actor owner) {
    return LocalDate.ofInstant(now(), omniFlow.tenancy().org(owner).zone());
  }

  @Test
  @DisplayName(
      "with no dates it shows the last 30 days as a table and a chart, and exports them as CSV")
  void lastThirtyDaysAndCsv() throws Exception {
    Actor owner = orgWithRevenue("Attribution Page Co");
    PageClient client = pagesAs(owner, owner.userId());

    HttpResponse<String> shown = client.get("/attribution");
    assertThat(shown.statusCode()).as(shown.body()).isEqualTo(200);
    LocalDate today = today(owner);
    assertThat(shown.body())
        .contains("id=\"filters-from\" name=\"from\" value=\"" + today.minusDays(29) + "\"")
        .contains("id=\"filters-to\" name=\"to\" value=\"" + today + "\"")
        .contains("<option value=\"linear\" selected=\"selected\">linear</option>")
        .contains("aria-current=\"page\">Attribution</a>")
        .contains("<th scope=\"row\">google ad</th>")
        .contains("1000.00 USD")
        .contains("100.00 %")
        .containsPattern("<rect [^>]*y=\"4\" width=\"380\"")
        .doesNotContain("id=\"no-revenue\"");
    assertThat(shown.body())
        .as("the funnel of the same days")
        .contains("id=\"funnel\"")
        .contains("<th scope=\"row\">all channels</th>");

    Matcher link = CSV_LINK.matcher(shown.body());
    assertThat(link.find()).isTrue();
    String href = link.group(1).replace("&amp;", "&");
    assertThat(href)
        .isEqualTo(
            "/ui/attribution.csv?model=linear&from="
                + today.minusDays(29)
                + "&to="
                + today
                + "&group_by=channel");
    HttpResponse<String> csv = client.get(href);
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    assertThat(csv.headers().firstValue("Content-Disposition").orElse(""))
        .contains("attribution.csv");
    assertThat(csv.body())
        .startsWith(AttributionCsv.HEADER + "\r\n")
        .contains("linear,google_ad,,0,1.0000,1000.00");

    HttpResponse<String> empty = client.get("/ui/attribution.csv?model=&from=&to=&group_by=");
    assertThat(empty.statusCode()).as("empty filters mean the last 30 days").isEqualTo(200);
    assertThat(empty.body()).isEqualTo(csv.body());

    HttpResponse<String> before =
        client.get("/attribution?from=2020-01-01&to=2020-01-31&model=first_touch");
    assertThat(before.statusCode()).isEqualTo(200);
    assertThat(before.body()).contains("id=\"no-revenue\"").doesNotContain("<svg");
  }

  @Test
  @DisplayName("groups by campaign, content or agent, and shows every model side by side")
  void campaignAndAllModels() throws Exception {
    Actor owner = orgWithRevenue("Attribution Models Co");
    PageClient client = pagesAs(owner, owner.userId());

    String campaign = client.get("/attribution?group_by=campaign&model=last_touch").body();
    assertThat(campaign)
        .contains("<th scope=\"row\">spring (google ad)</th>")
        .contains("<option value=\"campaign\" selected=\"selected\">Campaign</option>");

    assertThat(client.get("/attribution?group_by=content").body())
        .contains("<th scope=\"row\">no content (google ad)</th>")
        .contains("<option value=\"content\" selected=\"selected\">Content</option>");
    assertThat(client.get("/attribution?group_by=agent").body())
        .contains("<th scope=\"row\">no agent (google ad)</th>");

    String all = client.get("/attribution?model=all").body();
    assertThat(all)
        .contains("id=\"compare\"")
        .contains("<th scope=\"col\" class=\"num\">markov</th>")
        .contains("<th scope=\"row\">google ad</th>")
        .contains("(USD)");
  }

  @Test
  @DisplayName("a refused date, range, grouping or model is shown beside its field with 400")
  void refusedFilters() throws Exception {
    Actor owner = newOrg("Attribution Refusal Co");
    PageClient client = pagesAs(owner, owner.userId());

    HttpResponse<String> date = client.get("/attribution?from=yesterday");
    assertThat(date.statusCode()).isEqualTo(400);
    assertThat(date.body())
        .contains("id=\"filters-from-error\"")
        .contains("aria-describedby=\"filters-from-error\"")
        .contains("from must be a date such as 2026-05-01.")
        .doesNotContain("Exception");

    HttpResponse<String> backwards = client.get("/attribution?from=2026-05-10&to=2026-05-01");
    assertThat(backwards.statusCode()).isEqualTo(400);
    assertThat(backwards.body()).contains("id=\"filters-from-error\"");

    HttpResponse<String> long_ = client.get("/attribution?from=2020-01-01&to=2026-01-01");
    assertThat(long_.statusCode()).isEqualTo(400);
    assertThat(long_.body()).contains("at most 366 days apart");

    HttpResponse<String> group = client.get("/attribution?group_by=ad");
    assertThat(group.statusCode()).isEqualTo(400);
    assertThat(group.body()).contains("id=\"filters-group_by-error\"");

    HttpResponse<String> model = client.get("/attribution?model=" + "z".repeat(300));
    assertThat(model.statusCode()).isEqualTo(400);
    assertThat(model.body()).contains("id=\"filters-model-error\"").doesNotContain("zzzzzzzzzz");

    HttpResponse<String> csv = client.get("/ui/attribution.csv?from=yesterday");
    assertThat(csv.statusCode()).isEqualTo(400);
    assertThat(csv.body()).contains("from must be a date").doesNotContain("Exception");
  }

  @Test
  @DisplayName("wants a session, lets a viewer read, and leaves the API's /attribution/… as JSON")
  void sessionRolesAndApi() throws Exception {
    PageClient anonymous = new PageClient(port);
    for (String path : new String[] {"/attribution", "/ui/attribution.csv"}) {
      HttpResponse<String> r = anonymous.get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(302);
      assertThat(r.headers().firstValue("Location").orElse("")).endsWith("/signin");
    }
    Actor owner = orgWithRevenue("Attribution Viewer Co");
    PageClient viewer = pagesAs(owner, addMember(owner, Role.VIEWER));
    HttpResponse<String> shown = viewer.get("/attribution");
    assertThat(shown.statusCode()).isEqualTo(200);
    assertThat(shown.body()).contains("1000.00 USD");

    LocalDate today = today(owner);
    Answer api =
        get(
            "/attribution/report?model=linear&from=" + today.minusDays(29) + "&to=" + today,
            as(owner.orgId(), owner.userId()));
    assertThat(api.status()).isEqualTo(200);
    assertThat(api.headers().firstValue("Content-Type").orElse("")).contains("json");
    assertThat(api.headers().firstValue("Set-Cookie")).isEmpty();
  }
}
