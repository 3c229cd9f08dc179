package ai.omniflow.examples.quickstart;

import ai.omniflow.OmniFlow;
import ai.omniflow.attribution.AttributionLevel;
import ai.omniflow.attribution.AttributionModel;
import ai.omniflow.attribution.AttributionReport;
import ai.omniflow.attribution.ReportQuery;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.connector.spi.InboundEvent;
import ai.omniflow.connector.spi.Referral;
import ai.omniflow.connector.spi.Sender;
import ai.omniflow.inbox.IngestResult;
import ai.omniflow.inbox.ReplySuggestion;
import ai.omniflow.jdbc.JdbcStore;
import ai.omniflow.jdbc.OmniFlowSchema;
import ai.omniflow.leads.ExplanationLine;
import ai.omniflow.leads.Lead;
import ai.omniflow.leads.LeadOutcome;
import ai.omniflow.leads.LeadService;
import ai.omniflow.routing.Agent;
import ai.omniflow.routing.Availability;
import ai.omniflow.routing.RoutingGroup;
import ai.omniflow.routing.RoutingPolicy;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import ai.omniflow.tenancy.User;
import ai.omniflow.verticals.ClasspathPackSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The inbox-to-revenue flow in plain Java, no Spring, on an embedded PostgreSQL: one person writes
 * on three channels (a Facebook lead-ad form, WhatsApp, SMS) and becomes one contact; a reply is
 * suggested; the WhatsApp thread becomes a lead, which is scored with its explanation, routed to an
 * agent and won; attribution credits the revenue to the channels that earned it. Each step prints
 * what it did.
 *
 * <p>Run it with {@code ./mvnw -B -q -pl examples/quickstart-java -am compile exec:java}. The
 * embedded PostgreSQL lives in a temporary directory that is removed at the end.
 */
public final class Quickstart {
  /** The person of the story, known to every channel by her phone number. */
  static final String PHONE = "+14155550123";

  private Quickstart() {}

  /** Runs the flow, printing to standard output. */
  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    run(out);
  }

  /**
   * What the flow produced, for a caller (the test) to check.
   *
   * @param contacts how many contacts the org holds after the three messages
   * @param threads the threads the three messages opened
   * @param lead the lead as it ended: scored, owned, won
   * @param routedTo the user the lead was routed to
   * @param revenueByChannel per model, the revenue credited to each channel
   */
  public record Result(
      long contacts,
      List<UUID> threads,
      Lead lead,
      UUID routedTo,
      Map<String, Map<String, BigDecimal>> revenueByChannel) {}

  /** Starts an embedded PostgreSQL, runs the flow over it and stops it. */
  public static Result run(PrintStream out) {
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
      DataSource owner = pg.getPostgresDatabase();
      // A throwaway database: a fresh random password for the application role each run.
      String appPassword = UUID.randomUUID().toString();
      OmniFlowSchema.ensureAppRole(owner, OmniFlowSchema.DEFAULT_APP_ROLE, appPassword);
      OmniFlowSchema.migrate(owner, OmniFlowSchema.DEFAULT_SCHEMA, OmniFlowSchema.DEFAULT_APP_ROLE);
      DataSource app =
          pg.getDatabase(
              OmniFlowSchema.DEFAULT_APP_ROLE, "postgres", Map.of("password", appPassword));
      out.printf("PostgreSQL %d started; OmniFlow's schema migrated%n", pg.getPort());
      return run(JdbcStore.create(app, OmniFlowSchema.DEFAULT_SCHEMA), out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
    }
  }

  /** Runs the flow over a store the caller made. */
  public static Result run(ai.omniflow.store.spi.Store store, PrintStream out) {
    OmniFlow omniFlow =
        OmniFlow.builder().store(store).packSource(ClasspathPackSource.shipped()).build();
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    // 1. An org, its owner and an agent, on the real-estate pack.
    UUID orgId = UUID.randomUUID();
    User ana = new User(UUID.randomUUID(), "ana@bayrealty.test", "Ana Reyes", now);
    omniFlow.tenancy().createOrg(orgId, "Bay Realty", ana);
    Actor owner = Actor.of(orgId, ana.id(), Role.OWNER);
    omniFlow.packs().select(owner, "real-estate");
    User marco = new User(UUID.randomUUID(), "marco@bayrealty.test", "Marco Diaz", now);
    omniFlow.tenancy().addMember(owner, marco, Role.AGENT);
    Agent marcoAgent =
        omniFlow
            .routing()
            .createAgent(
                owner,
                new Agent(
                    UUID.randomUUID(),
                    marco.id(),
                    "Marco Diaz",
                    true,
                    1,
                    10,
                    Set.of("en", "es"),
                    Availability.ALWAYS));
    // The pack routes unmatched leads to the group "team"; Marco is its only member.
    omniFlow
        .routing()
        .createGroup(
            owner, RoutingGroup.of("team", RoutingPolicy.ROUND_ROBIN, List.of(marcoAgent.id())));
    out.printf("1. Org Bay Realty on the real-estate pack; agent Marco Diaz in group team%n");

    // 2. Three messages from one person on three channels.
    Actor system = Actor.system(orgId);
    Sender dana = new Sender(null, "Dana Whitfield", PHONE, "dana@example.test");
    Referral openHouseAd = new Referral("spring-open-house", "ad-42", null);
    IngestResult form =
        omniFlow
            .inbox()
            .ingest(
                system,
                null,
                new InboundEvent.LeadForm(
                    "form-1",
                    "page-1",
                    "leadgen-1",
                    "open-house-form",
                    dana,
                    Map.of(
                        "full_name", "Dana Whitfield",
                        "phone_number", PHONE,
                        "email", "dana@example.test",
                        "budget", "$450,000"),
                    now.minus(Duration.ofDays(20)),
                    openHouseAd));
    IngestResult whatsapp =
        omniFlow
            .inbox()
            .ingest(
                system,
                null,
                new InboundEvent.Message(
                    "wa-1",
                    "waba-1",
                    Channel.WHATSAPP,
                    "wamid.1",
                    new Sender(null, "Dana", PHONE, null),
                    "Hi! Is the 3 bedroom on Elm St still available? We would love to see it"
                        + " this weekend.",
                    now.minus(Duration.ofMinutes(40)),
                    Referral.NONE));
    IngestResult sms =
        omniFlow
            .inbox()
            .ingest(
                system,
                null,
                new InboundEvent.Message(
                    "sms-1",
                    "+14155550100",
                    Channel.SMS,
                    "SM1",
                    new Sender(null, null, PHONE, null),
                    "We are pre-approved up to $450k. Could we do Saturday at 11?",
                    now.minus(Duration.ofMinutes(25)),
                    Referral.NONE));
    long contacts = omniFlow.contacts().list(owner, ai.omniflow.PageRequest.first()).total();
    out.printf(
        "2. Three messages (lead-ad form, WhatsApp, SMS) → %d contact, threads %s%n",
        contacts, List.of(form.threadId(), whatsapp.threadId(), sms.threadId()));

    // 3. A suggested reply, grounded in the pack's facts.
    ReplySuggestion suggestion = omniFlow.inbox().suggestReply(owner, whatsapp.threadId());
    out.printf(
        "3. Suggested reply (intent %s, %.2f): %s%n   facts used: %s; warnings: %s%n",
        suggestion.suggestion().intent(),
        suggestion.suggestion().confidence(),
        suggestion.suggestion().reply(),
        suggestion.suggestion().factsUsed(),
        suggestion.suggestion().warnings());

    // 4. The thread becomes a lead, scored with its explanation, and is routed.
    Lead lead = omniFlow.leads().fromThread(owner, whatsapp.threadId()).lead();
    LeadService.ScoredLead scored = omniFlow.leads().score(owner, lead.id());
    out.printf("4. Lead %s scored %d:%n", lead.id(), scored.score().total());
    for (ExplanationLine line : scored.score().explanation()) {
      out.printf("     %s%n", line);
    }
    LeadService.RoutedLead routed = omniFlow.leads().route(owner, lead.id());
    out.printf(
        "   routed: %s to %s — %s%n",
        routed.decision().outcome(), routed.lead().ownerUserId(), routed.decision().explanation());

    // 5. The deal is won.
    Lead won =
        omniFlow
            .leads()
            .recordOutcome(
                owner,
                lead.id(),
                new LeadOutcome(
                    LeadOutcome.Status.WON, new BigDecimal("12500.00"), "USD", now, null));
    out.printf("5. Won: commission 12,500.00 USD, stage %s%n", won.stage());

    // 6. Which channels earned it.
    AttributionReport report =
        omniFlow
            .attribution()
            .report(
                owner,
                new ReportQuery(
                    now.minus(Duration.ofDays(30)),
                    now.plus(Duration.ofMinutes(1)),
                    AttributionLevel.CHANNEL,
                    List.of(
                        AttributionModel.parse("first_touch"),
                        AttributionModel.parse("linear"),
                        AttributionModel.parse("u_shaped"),
                        AttributionModel.parse("last_touch")),
                    "USD",
                    ReportQuery.DEFAULT_LOOKBACK));
    Map<String, Map<String, BigDecimal>> revenue = new LinkedHashMap<>();
    out.printf("6. Revenue by channel over %d journey(s):%n", report.journeys());
    for (AttributionReport.ModelCredits model : report.models()) {
      Map<String, BigDecimal> byChannel = new LinkedHashMap<>();
      for (AttributionReport.Row row : model.rows()) {
        byChannel.merge(row.channel(), row.revenue(), BigDecimal::add);
      }
      revenue.put(model.model(), byChannel);
      out.printf("     %-12s %s%n", model.model(), byChannel);
    }
    return new Result(
        contacts,
        List.of(form.threadId(), whatsapp.threadId(), sms.threadId()),
        omniFlow.leads().get(owner, lead.id()),
        routed.lead().ownerUserId(),
        revenue);
  }
}
