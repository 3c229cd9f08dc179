package ai.omniflow.examples.server;

import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.connector.spi.InboundEvent;
import ai.omniflow.connector.spi.Referral;
import ai.omniflow.connector.spi.Sender;
import ai.omniflow.connectors.ConnectorAccount;
import ai.omniflow.inbox.Draft;
import ai.omniflow.inbox.IngestResult;
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
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A month of a real-estate brokerage, written through OmniFlow's public services only (no SQL):
 * agents who are members, routing groups for the pack's rules, a mock connector account, and
 * contacts writing on Instagram, Facebook comments, lead-ad forms, WhatsApp and SMS over the last
 * four weeks; most are answered (every text and comment), about half become leads, which are
 * scored, routed, moved along the pipeline, and some won with an amount or lost. Last, a few
 * ({@link #RECENT}) who wrote on SMS, Messenger or WhatsApp in the last two hours and wait for an
 * answer, which their channel still takes.
 *
 * <p>Deterministic: one {@link Random} with a fixed seed draws every name, text, channel and
 * amount, so two runs write the same story (times are offsets from the moment of the first run's
 * messages, and ids of contacts, threads and leads are OmniFlow's own). Idempotent: each message
 * has a fixed dedupe key, so a second run finds every message already there and changes nothing for
 * that person (agents and groups are looked up by their fixed ids and keys first). A run cut short
 * between a person's messages and their lead leaves that person without one. Needs mock connector
 * mode (sends go through the mock connector).
 */
final class DemoData {
  private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);

  /** The seed every run draws from. */
  static final long SEED = 20_261_205L;

  /** Contacts in the full demo. */
  static final int CONTACTS = 240;

  /**
   * Contacts who wrote in the last two hours and are not answered yet, each an open lead: on SMS,
   * Messenger and WhatsApp, whose reply window is open, so the dashboard's urgent list has
   * conversations a person can answer (the month's stale ones on Instagram or WhatsApp cannot be).
   */
  static final int RECENT = 6;

  private static final Channel[] RECENT_CHANNELS = {
    Channel.SMS,
    Channel.FACEBOOK_DM,
    Channel.WHATSAPP,
    Channel.SMS,
    Channel.WHATSAPP,
    Channel.FACEBOOK_DM
  };

  /**
   * Where the recent contacts' numbers start, past any of the month's ({@code contacts <= 1000}).
   */
  private static final int RECENT_FIRST = 9_000;

  private static final String[] FIRST = {
    "Ava", "Liam", "Sofia", "Noah", "Mia", "Ethan", "Isabella", "Mateo", "Emma", "Lucas", "Olivia",
    "Diego", "Chloe", "Aiden", "Grace", "Carlos", "Zoe", "Jamal", "Hannah", "Wei", "Priya", "Omar",
    "Elena", "Marcus"
  };
  private static final String[] LAST = {
    "Johnson", "Garcia", "Nguyen", "Smith", "Patel", "Rodriguez", "Kim", "Brown", "Martinez",
    "Lee", "Walker", "Lopez", "Harris", "Clark", "Lewis", "Young", "Hernandez", "King"
  };
  private static final String[] AREAS = {
    "Riverside", "Oak Hill", "Downtown", "Maple Grove", "Lakeview", "Westfield"
  };
  private static final String[] ZIPS = {"78704", "78745", "78701", "78731", "78759", "78613"};
  private static final String[] FIRST_MESSAGES = {
    "Hi! Is the 3-bedroom on %s Street still available?",
    "Can I schedule a showing this weekend? We're looking in %s.",
    "What's the asking price for the house in %s?",
    "We're pre-approved and looking for a house in %s, budget around $%sk.",
    "Thinking of selling our condo in %s — what could it list for?",
    "Do you have anything in %s under $%sk? Moving within 3 months.",
    "Is the open house in %s still on for Sunday?",
    "Just browsing for now, love the listings in %s!"
  };
  private static final String[] FOLLOW_UPS = {
    "Our budget is about $%sk and we'd like to move as soon as possible.",
    "Also, are HOA fees included?",
    "We're pre-approved with our bank already.",
    "Could we see it Saturday morning?",
    "Zip code is %s if that helps."
  };
  private static final String[] REPLIES = {
    "Thanks for reaching out! Yes, it's available — would Saturday at 10 work for a showing?",
    "Happy to help! I'll send you the listings that match your budget today.",
    "Great question — I'll check and get back to you within the hour.",
    "Thanks! Let's set up a quick call to talk about your plans."
  };
  private static final String[][] AGENTS = {
    {"Maya Chen", "maya.chen"},
    {"Luis Ortega", "luis.ortega"},
    {"Priya Shah", "priya.shah"},
    {"Tom Becker", "tom.becker"}
  };

  private final OmniFlow omniFlow;
  private final Actor owner;
  private final int contacts;
  private final Random random = new Random(SEED);
  private final Instant now;

  DemoData(OmniFlow omniFlow, Actor owner, int contacts) {
    if (contacts < 1 || contacts > 1_000) {
      throw new IllegalArgumentException("contacts must be between 1 and 1000");
    }
    this.omniFlow = omniFlow;
    this.owner = owner;
    this.contacts = contacts;
    this.now = omniFlow.clock().instant();
  }

  /** What a run wrote: messages taken (not duplicates), replies sent, leads made, outcomes. */
  record Written(int messages, int replies, int leads, int outcomes) {}

  /** Writes the story; whatever is there already is left as it is. */
  Written seed() {
    if (!"real-estate".equals(omniFlow.tenancy().org(owner).packSlug())) {
      omniFlow.packs().select(owner, "real-estate");
    }
    if (omniFlow.tenancy().org(owner).timeZone() == null) {
      omniFlow.tenancy().setTimeZone(owner, "America/Chicago");
    }
    String account = mockAccount();
    List<UUID> agents = agents();
    groups(agents);
    int messages = 0;
    int replies = 0;
    int leads = 0;
    int outcomes = 0;
    for (int i = 0; i < contacts; i++) {
      Person p = person(i, random);
      UUID thread = null;
      boolean fresh = false;
      Instant at = p.start();
      for (int m = 0; m < p.texts().size(); m++) {
        IngestResult r =
            omniFlow.inbox().ingest(owner, account, event(p, i, m, p.texts().get(m), at));
        thread = r.threadId();
        if (!r.duplicate()) {
          messages++;
          fresh = true;
        }
        at = at.plus(Duration.ofMinutes(3 + random.nextInt(50)));
      }
      if (thread == null) {
        continue;
      }
      // A lead-ad form has no reply channel: it is answered by phone, outside OmniFlow.
      if (p.answered() && fresh && p.channel() != Channel.LEAD_FORM) {
        Draft d = omniFlow.inbox().draft(owner, thread, p.reply());
        try {
          omniFlow.inbox().send(owner, thread, d.id());
          replies++;
        } catch (OmniFlowException | IllegalArgumentException e) {
          LOG.debug("Demo reply to {} not sent: {}", p.name(), e.getMessage());
        }
      }
      // Only a thread that got its messages in this run is converted: a second run must not make a
      // new lead for a contact whose demo lead is closed already. A lead-ad form became its lead as
      // it was ingested (the org setting is on by default), so its conversion finds that lead: it
      // is this run's too, and is worked like one just made.
      if (p.stage() != null && fresh) {
        LeadService.Conversion c = omniFlow.leads().fromThread(owner, thread);
        if (c.created() || p.channel() == Channel.LEAD_FORM) {
          leads++;
          outcomes += work(c.lead(), p, thread);
        }
      }
    }
    // The recent ones draw from a random of their own, so the month's story stays as it was.
    Random recentRandom = new Random(SEED + 1);
    for (int k = 0; k < RECENT; k++) {
      Person p = recent(k, recentRandom);
      IngestResult r =
          omniFlow
              .inbox()
              .ingest(owner, account, event(p, p.seq(), 0, p.texts().get(0), p.start()));
      if (!r.duplicate()) {
        messages++;
        LeadService.Conversion c = omniFlow.leads().fromThread(owner, r.threadId());
        if (c.created()) {
          leads++;
          work(c.lead(), p, r.threadId());
        }
      }
    }
    return new Written(messages, replies, leads, outcomes);
  }

  /**
   * The {@code k}th recent contact: one message {@code 20 + 17 k} minutes ago on {@link
   * #RECENT_CHANNELS}, unanswered, a new lead.
   */
  private Person recent(int k, Random from) {
    Person p = person(RECENT_FIRST + k, from);
    return new Person(
        p.seq(),
        p.name(),
        p.handle(),
        p.phone(),
        RECENT_CHANNELS[k % RECENT_CHANNELS.length],
        p.area(),
        p.zip(),
        p.budgetK(),
        now.minus(Duration.ofMinutes(20 + 17L * k)),
        List.of(p.texts().get(0)),
        false,
        p.reply(),
        "new",
        p.amount(),
        null);
  }

  /** Scores, routes, moves along and closes a new lead as the person's story says. */
  private int work(Lead lead, Person p, UUID thread) {
    omniFlow.leads().score(owner, lead.id());
    omniFlow.leads().route(owner, lead.id());
    String stage = p.stage();
    if (stage == null || stage.equals("new")) {
      return 0;
    }
    if (stage.equals("won") || stage.equals("lost")) {
      boolean won = stage.equals("won");
      Instant closed = p.start().plus(Duration.ofDays(2 + (long) (p.seq() % 9)));
      if (closed.isAfter(now.minusSeconds(60))) {
        closed = now.minusSeconds(60);
      }
      omniFlow
          .leads()
          .recordOutcome(
              owner,
              lead.id(),
              new LeadOutcome(
                  won ? LeadOutcome.Status.WON : LeadOutcome.Status.LOST,
                  won ? p.amount() : null,
                  won ? "USD" : null,
                  closed,
                  won ? "Closed on a " + p.area() + " home" : "Bought with another agency"));
      omniFlow.inbox().close(owner, thread);
      return 1;
    }
    omniFlow.leads().update(owner, lead.id(), new LeadService.Patch(null, stage, null, false));
    return 0;
  }

  /** One person's part of the story, all drawn from the seeded random in order. */
  private record Person(
      int seq,
      String name,
      String handle,
      String phone,
      Channel channel,
      String area,
      String zip,
      int budgetK,
      Instant start,
      List<String> texts,
      boolean answered,
      String reply,
      @Nullable String stage,
      BigDecimal amount,
      @Nullable String campaign) {}

  private Person person(int i, Random draw) {
    String first = FIRST[draw.nextInt(FIRST.length)];
    String last = LAST[draw.nextInt(LAST.length)];
    int area = draw.nextInt(AREAS.length);
    int budgetK = 250 + 25 * draw.nextInt(70);
    int roll = draw.nextInt(100);
    Channel channel =
        roll < 30
            ? Channel.INSTAGRAM_DM
            : roll < 45
                ? Channel.FACEBOOK_COMMENT
                : roll < 65 ? Channel.LEAD_FORM : roll < 85 ? Channel.WHATSAPP : Channel.SMS;
    Instant start =
        now.minus(Duration.ofHours(3 + draw.nextInt(26 * 24))).minusSeconds(draw.nextInt(3600));
    List<String> texts = new ArrayList<>();
    String opening = FIRST_MESSAGES[draw.nextInt(FIRST_MESSAGES.length)];
    texts.add(String.format(java.util.Locale.ROOT, opening, AREAS[area], budgetK));
    int more = channel == Channel.LEAD_FORM ? 0 : draw.nextInt(3);
    for (int m = 0; m < more; m++) {
      String f = FOLLOW_UPS[draw.nextInt(FOLLOW_UPS.length)];
      texts.add(String.format(java.util.Locale.ROOT, f, f.contains("Zip") ? ZIPS[area] : budgetK));
    }
    // Texts and comments, which take a reply at any time, were all answered in the month: the ones
    // left unanswered are those whose channel no longer takes one (a closed window, a form), so the
    // answerable urgent conversations are the recent ones, each a lead.
    boolean answered =
        draw.nextInt(100) < 75 || channel == Channel.SMS || channel == Channel.FACEBOOK_COMMENT;
    String reply = REPLIES[draw.nextInt(REPLIES.length)];
    int fate = draw.nextInt(100);
    String stage =
        fate < 45
            ? null
            : fate < 57
                ? "new"
                : fate < 67
                    ? "contacted"
                    : fate < 75
                        ? "qualified"
                        : fate < 82 ? "appointment" : fate < 93 ? "won" : "lost";
    BigDecimal amount = BigDecimal.valueOf(budgetK * 1000L + 1000L * draw.nextInt(40)).setScale(2);
    String campaign =
        channel == Channel.LEAD_FORM || channel == Channel.FACEBOOK_COMMENT
            ? (draw.nextBoolean() ? "spring_open_house" : "first_time_buyers")
            : null;
    String handle =
        (first + "." + last + "." + i).toLowerCase(java.util.Locale.ROOT).replace(' ', '_');
    String phone = String.format(java.util.Locale.ROOT, "+1512555%04d", i);
    return new Person(
        i,
        first + " " + last,
        handle,
        phone,
        channel,
        AREAS[area],
        ZIPS[area],
        budgetK,
        start,
        texts,
        answered,
        reply,
        stage,
        amount,
        campaign);
  }

  private static InboundEvent event(Person p, int i, int m, String text, Instant at) {
    String key = "demo:" + i + ":" + m;
    Referral referral =
        new Referral(p.campaign(), p.campaign() == null ? null : "ad_" + i % 7, null);
    boolean phoneChannel = p.channel() == Channel.WHATSAPP || p.channel() == Channel.SMS;
    Sender sender =
        new Sender(
            phoneChannel ? null : p.handle(), p.name(), phoneChannel ? p.phone() : null, null);
    return switch (p.channel()) {
      case FACEBOOK_COMMENT ->
          new InboundEvent.Comment(
              key,
              "mock-demo",
              p.channel(),
              "c_" + key,
              null,
              sender,
              text,
              at,
              new Referral(referral.campaignId(), referral.adId(), "post_" + p.area()));
      case LEAD_FORM -> {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("full_name", p.name());
        fields.put("phone_number", p.phone());
        fields.put("budget", "$" + p.budgetK() + ",000");
        fields.put("zip_code", p.zip());
        fields.put("timeline", p.seq() % 3 == 0 ? "As soon as possible" : "Within 3 months");
        fields.put("pre_approved", p.seq() % 2 == 0 ? "yes" : "no");
        fields.put("message", text);
        yield new InboundEvent.LeadForm(
            key,
            "mock-demo",
            "l_" + key,
            "form_" + p.campaign(),
            new Sender(null, p.name(), p.phone(), null),
            fields,
            at,
            referral);
      }
      default ->
          new InboundEvent.Message(
              key, "mock-demo", p.channel(), "m_" + key, sender, text, at, referral);
    };
  }

  /** The org's first mock account, connected through the mock OAuth flow when there is none. */
  private String mockAccount() {
    for (ConnectorAccount a : omniFlow.connectors().accounts(owner)) {
      if (a.provider().equals("mock")) {
        return a.accountRef();
      }
    }
    String state = omniFlow.connectors().start(owner, "mock").state();
    return omniFlow.connectors().complete(owner, "mock", "demo", state).get(0).accountRef();
  }

  /** Four agents, each a member with the agent role and a routing agent on shift at all times. */
  private List<UUID> agents() {
    Set<UUID> members =
        omniFlow.tenancy().members(owner).stream()
            .map(m -> m.userId())
            .collect(java.util.stream.Collectors.toSet());
    Set<UUID> existing =
        omniFlow.routing().agents(owner).stream()
            .map(Agent::id)
            .collect(java.util.stream.Collectors.toSet());
    List<UUID> ids = new ArrayList<>();
    for (String[] a : AGENTS) {
      UUID user = id(owner.orgId() + ":user:" + a[1]);
      UUID agent = id(owner.orgId() + ":agent:" + a[1]);
      if (!members.contains(user)) {
        omniFlow
            .tenancy()
            .addMember(
                owner,
                new User(user, a[1] + "." + owner.orgId() + "@demo.invalid", a[0], now),
                Role.AGENT);
      }
      if (!existing.contains(agent)) {
        omniFlow
            .routing()
            .createAgent(
                owner,
                new Agent(
                    agent,
                    user,
                    a[0],
                    true,
                    1,
                    500,
                    a[1].startsWith("luis") ? Set.of("en", "es") : Set.of("en"),
                    Availability.ALWAYS));
      }
      ids.add(agent);
    }
    return ids;
  }

  /** The groups the real-estate pack's routing rules name. */
  private void groups(List<UUID> agents) {
    Set<String> keys =
        omniFlow.routing().groups(owner).stream()
            .map(RoutingGroup::key)
            .collect(java.util.stream.Collectors.toSet());
    Map<String, List<UUID>> wanted = new LinkedHashMap<>();
    wanted.put("team", agents);
    wanted.put("luxury", List.of(agents.get(0), agents.get(2)));
    wanted.put("spanish", List.of(agents.get(1)));
    wanted.put("hot", List.of(agents.get(0), agents.get(3)));
    wanted.forEach(
        (key, members) -> {
          if (!keys.contains(key)) {
            omniFlow
                .routing()
                .createGroup(
                    owner,
                    new RoutingGroup(
                        key,
                        Character.toUpperCase(key.charAt(0)) + key.substring(1),
                        RoutingPolicy.ROUND_ROBIN,
                        members,
                        RoutingGroup.DEFAULT_OFFER_TIMEOUT,
                        key.equals("team") ? null : "team"));
          }
        });
  }

  private static UUID id(String name) {
    return UUID.nameUUIDFromBytes(("omniflow-demo:" + name).getBytes(StandardCharsets.UTF_8));
  }
}
