package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.PageRequest;
import ai.omniflow.connector.spi.HealthStatus;
import ai.omniflow.connectors.ConnectorAccount;
import ai.omniflow.inbox.InboxThread;
import ai.omniflow.inbox.ThreadFilter;
import ai.omniflow.leads.Lead;
import ai.omniflow.leads.LeadFilter;
import ai.omniflow.store.spi.AccountTokens;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.vault.TokenBinding;
import ai.omniflow.vault.TokenKind;
import ai.omniflow.vault.TokenVault;
import ai.omniflow.webhooks.WebhookStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Meta's documented Lead Ads webhook ({@code meta-leadgen.json}) posted over real HTTP, signed,
 * with the Graph API a MockWebServer serving the documented lead ({@code meta-lead.json}), under
 * both values of the org's setting {@code PUT /org/lead-forms}. Only the event times (moved to now,
 * as ingest takes the last 30 days), the lead's id and, for the second lead, the person change.
 */
@DisplayName("Lead Ads webhooks and the org's lead-forms setting")
@TestPropertySource(
    properties = {
      "omniflow.connectors.mode=live",
      "omniflow.webhooks.poll-interval=50ms",
      "omniflow.webhooks.first-backoff=0s",
      "omniflow.connectors.providers.meta.app-id=1234",
      "omniflow.connectors.providers.meta.app-secret=" + LeadFormWebhooksTest.SECRET,
      "omniflow.connectors.providers.meta.webhook-verify-token=lead-forms-verify",
      "omniflow.connectors.providers.meta.settings.read_attempts=1",
    })
class LeadFormWebhooksTest extends ServerTest {
  static final String SECRET = "meta-lead-forms-app-secret";
  static final String PAGE_ID = "102030405060708";
  static final String FIRST_LEAD = "444555666777888";
  static final String SECOND_LEAD = "444555666777999";

  static final MockWebServer GRAPH = graph();

  @Autowired TokenVault vault;

  @DynamicPropertySource
  static void graphApi(DynamicPropertyRegistry registry) {
    registry.add(
        "omniflow.connectors.providers.meta.api-base-uri", () -> GRAPH.url("/v21.0/").toString());
  }

  @AfterAll
  static void stopGraph() {
    GRAPH.close();
  }

  private static String fixture(String name) {
    try (InputStream in = LeadFormWebhooksTest.class.getResourceAsStream("/webhooks/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The documented lead, created a minute ago; the second lead is another person. */
  private static String lead(String leadgenId) {
    String created =
        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ")
            .withZone(ZoneOffset.UTC)
            .format(Instant.now().minus(1, ChronoUnit.MINUTES));
    String body =
        fixture("meta-lead.json")
            .replace("2024-12-04T13:31:39+0000", created)
            .replace(FIRST_LEAD, leadgenId);
    if (leadgenId.equals(SECOND_LEAD)) {
      body =
          body.replace("Ana Lima", "Bruno Costa")
              .replace("ana.lima@example.com", "bruno.costa@example.com")
              .replace("+4915112345678", "+4915112345679");
    }
    return body;
  }

  private static MockWebServer graph() {
    MockWebServer server = new MockWebServer();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String path = request.getUrl().encodedPath();
            for (String id : List.of(FIRST_LEAD, SECOND_LEAD)) {
              if (path.equals("/v21.0/" + id)) {
                return new MockResponse.Builder()
                    .code(200)
                    .setHeader("Content-Type", "application/json")
                    .body(lead(id))
                    .build();
              }
            }
            return new MockResponse.Builder().code(404).body("{}").build();
          }
        });
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return server;
  }

  private Answer postLeadgen(String leadgenId) {
    long now = Instant.now().getEpochSecond();
    String body =
        fixture("meta-leadgen.json")
            .replace("1733319100", Long.toString(now))
            .replace("1733319099", Long.toString(now - 1))
            .replace(FIRST_LEAD, leadgenId);
    return send(
        "POST",
        "/webhooks/meta",
        body,
        Map.of("Content-Type", "application/json", "X-Hub-Signature-256", signature(body)));
  }

  private static String signature(String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256="
          + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The page connected with a page token sealed in the vault, as the OAuth flow leaves it. */
  private void connectPage(Actor owner) {
    ConnectorAccount account =
        new ConnectorAccount(
            UUID.randomUUID(),
            owner.orgId(),
            ConnectorAccount.newAccountRef(),
            "meta",
            PAGE_ID,
            "meta " + PAGE_ID,
            List.of(),
            HealthStatus.HEALTHY,
            "Connected.",
            null,
            null,
            omniFlow.clock().instant(),
            omniFlow.clock().instant());
    byte[] sealed =
        vault.seal(
            new TokenBinding(owner.orgId(), account.accountRef(), TokenKind.ACCESS),
            "page-token-" + PAGE_ID);
    store.useTransaction(
        owner,
        tx -> {
          tx.connectorAccounts().insert(account);
          tx.connectorAccounts()
              .saveTokens(
                  new AccountTokens(
                      account.id(), owner.orgId(), sealed, null, omniFlow.clock().instant()));
        });
  }

  private static void eventually(BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the condition did not hold within 20 s");
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private List<InboxThread> formThreads(Actor owner) {
    return omniFlow
        .inbox()
        .threads(owner, ThreadFilter.ALL, PageRequest.of(200, 0))
        .items()
        .stream()
        .filter(t -> t.channel().id().equals("lead_form"))
        .toList();
  }

  private List<Lead> leads(Actor owner) {
    return omniFlow.leads().list(owner, LeadFilter.ALL, PageRequest.of(200, 0)).items();
  }

  @Test
  @DisplayName(
      "off, the documented lead keeps its contact and touchpoint and makes no lead; on, it makes"
          + " the lead with its ad and campaign")
  void bothSettingsWithTheDocumentedLead() {
    Actor owner = newOrg("Lead Ads Realty");
    omniFlow.packs().select(owner, "generic");
    connectPage(owner);
    Map<String, String> asOwner = as(owner.orgId(), owner.userId());
    assertThat(get("/org/lead-forms", asOwner).json().path("become_leads").asBoolean()).isTrue();

    Answer off = send("PUT", "/org/lead-forms", "{\"become_leads\": false}", asOwner);
    assertThat(off.status()).as(off.body()).isEqualTo(200);
    Answer first = postLeadgen(FIRST_LEAD);
    assertThat(first.status()).as(first.body()).isEqualTo(200);
    eventually(() -> formThreads(owner).size() == 1);

    InboxThread kept = formThreads(owner).get(0);
    assertThat(omniFlow.inbox().touchpoints(owner, kept.contactId()))
        .singleElement()
        .satisfies(t -> assertThat(t.adId()).isEqualTo("120210000000003"));
    assertThat(omniFlow.contacts().contact(owner, kept.contactId()).displayName())
        .isEqualTo("Ana Lima");
    assertThat(leads(owner)).isEmpty();

    Answer on = send("PUT", "/org/lead-forms", "{\"become_leads\": true}", asOwner);
    assertThat(on.status()).as(on.body()).isEqualTo(200);
    assertThat(postLeadgen(SECOND_LEAD).status()).isEqualTo(200);
    eventually(() -> formThreads(owner).size() == 2);

    assertThat(leads(owner))
        .singleElement()
        .satisfies(
            lead -> {
              assertThat(lead.contactId()).isNotEqualTo(kept.contactId());
              assertThat(lead.sourceChannel().id()).isEqualTo("lead_form");
              assertThat(lead.adId()).isEqualTo("120210000000003");
              assertThat(lead.campaignId()).isEqualTo("120210000000005");
            });
    assertThat(omniFlow.webhooks().events(owner, WebhookStatus.FAILED, 0, 100)).isEmpty();
  }
}
