package ai.omniflow.assist;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.assist.spi.ReplySuggester;
import ai.omniflow.pack.VerticalPack;
import ai.omniflow.pack.VerticalPack.Intent;
import ai.omniflow.testing.PropertyCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The compatibility kit every {@link ReplySuggester} passes: the rules of the SPI, checked on a
 * small pack of its own ({@link #PACK}). An implementation's whole test is:
 *
 * <pre>{@code
 * class MySuggesterTest extends ReplySuggesterCompatibilityKit {
 *   @Override
 *   protected ReplySuggester suggester() {
 *     return new MySuggester(...);
 *   }
 * }
 * }</pre>
 *
 * <p>{@link #suggester()} may return the same instance for every test.
 */
public abstract class ReplySuggesterCompatibilityKit {

  /** The suggester under test. */
  protected abstract ReplySuggester suggester();

  /** How many random requests the grounding property tries; lower it for a slow suggester. */
  protected int tries() {
    return 300;
  }

  /** The time of every request. */
  protected static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  /** The kit's pack: intents with words, templates using every slot, next actions. */
  public static final VerticalPack PACK =
      new VerticalPack(
          "kit",
          "Kit",
          "1.0.0",
          "The reply suggester compatibility kit's pack.",
          List.of(),
          List.of(
              new VerticalPack.Stage("new", "New", null),
              new VerticalPack.Stage("won", "Won", "won"),
              new VerticalPack.Stage("lost", "Lost", "lost")),
          List.of(
              new Intent(
                  "booking_request", "Booking", List.of("book", "appointment"), List.of("come in")),
              new Intent(
                  "pricing_question", "Pricing", List.of("price", "cost"), List.of("how much")),
              new Intent("general_question", "General", List.of("question"), List.of()),
              new Intent(
                  "opt_out",
                  "Opt-out",
                  List.of("stop", "unsubscribe"),
                  List.of("remove me"),
                  List.of(),
                  3)),
          Map.of(
              "booking_request",
              "Hi {contact_first_name}, {agent_first_name} here. Pick a time at {booking_link}.",
              "pricing_question",
              "Hi {contact_first_name}, I'm {agent_name}. I'll confirm the details shortly.",
              "general_question",
              "Thanks, {contact_name}! {agent_name} from {org_name} will reply soon.",
              "opt_out",
              "Understood, {contact_first_name}. No more messages from {org_name}."),
          VerticalPack.DEFAULT_NEGATION_WORDS,
          Map.of(
              "booking_request", "book_appointment",
              "pricing_question", "ask_details",
              "opt_out", "stop_messaging"));

  private static final String[] TEXTS = {
    "how much is it",
    "can I come in tomorrow at 4pm",
    "I have a question about 12 Oak St",
    "price for 2 people?",
    "book me for friday 10:30",
    "€250 ok?",
    "call 555-0100",
    "is it open on 2026-12-01",
    "hello",
    "👍",
    "what does it cost in march"
  };
  private static final String[][] FACTS = {
    {Facts.CONTACT_FIRST_NAME, "Ana"},
    {Facts.CONTACT_NAME, "Ana Ruiz"},
    {Facts.AGENT_NAME, "Sam Lee"},
    {Facts.AGENT_FIRST_NAME, "Sam"},
    {Facts.ORG_NAME, "Oak Studio 7"},
    {Facts.BOOKING_LINK, "https://cal.example/sam?week=48"},
    {"lead.party_size", "2"}
  };

  /** A request of the kit's pack on an SMS thread the contact wrote to just now. */
  protected static SuggestionRequest request(String text, Facts facts) {
    return new SuggestionRequest(PACK, text, facts, Guardrails.of("sms", NOW, NOW));
  }

  private static Facts allFacts() {
    Facts.Builder b = Facts.builder();
    for (String[] f : FACTS) {
      b.put(f[0], f[1]);
    }
    return b.build();
  }

  record Case(String text, Facts facts) {}

  private static Case randomCase(Random r) {
    String text = TEXTS[r.nextInt(TEXTS.length)] + " " + TEXTS[r.nextInt(TEXTS.length)];
    Facts.Builder b = Facts.builder();
    for (String[] f : FACTS) {
      if (r.nextBoolean()) {
        b.put(f[0], f[1]);
      }
    }
    return new Case(text, b.build());
  }

  @Nested
  @DisplayName("Opting out")
  class OptingOut {
    @Test
    @DisplayName("an opt-out message gets no reply, and stop_messaging")
    void anOptOutMessageGetsNoReply() {
      Suggestion s = suggester().suggest(request("STOP, unsubscribe me", allFacts()));

      assertThat(s.intent()).isEqualTo("opt_out");
      assertThat(s.reply()).isNull();
      assertThat(s.nextAction()).isEqualTo("stop_messaging");
    }

    @Test
    @DisplayName("a contact who opted out gets no reply, stop_messaging and contact_opted_out")
    void aContactWhoOptedOutGetsNoReply() {
      SuggestionRequest r =
          new SuggestionRequest(
              PACK,
              "how much is it?",
              allFacts(),
              Guardrails.of("sms", NOW, NOW).withOptedOut(true));

      Suggestion s = suggester().suggest(r);

      assertThat(s.reply()).isNull();
      assertThat(s.nextAction()).isEqualTo("stop_messaging");
      assertThat(s.warnings()).contains(Suggestion.CONTACT_OPTED_OUT);
    }
  }

  @Nested
  @DisplayName("Guardrail warnings")
  class Warnings {
    @Test
    @DisplayName("a closed 24 h window warns that a template is required")
    void aClosedWindowWarns() {
      SuggestionRequest r =
          new SuggestionRequest(
              PACK,
              "how much is it?",
              allFacts(),
              Guardrails.of("whatsapp", NOW.minus(Duration.ofHours(30)), NOW));

      assertThat(suggester().suggest(r).warnings()).contains(Suggestion.WINDOW_CLOSED);
    }
  }

  @Nested
  @DisplayName("Every suggestion")
  class Every {
    @Test
    @DisplayName("has an intent of the pack, an allowed next action, and a grounded reply")
    void isWellFormedAndGrounded() {
      List<String> intents = PACK.intents().stream().map(Intent::key).toList();
      PropertyCheck.forAll(
          tries(),
          ReplySuggesterCompatibilityKit::randomCase,
          c -> {
            Suggestion s = suggester().suggest(request(c.text(), c.facts()));
            assertThat(intents).contains(s.intent());
            assertThat(VerticalPack.NEXT_ACTIONS).contains(s.nextAction());
            assertThat(s.factsUsed()).allSatisfy(n -> assertThat(c.facts().get(n)).isNotNull());
            if (s.reply() != null) {
              assertThat(s.reply()).hasSizeLessThanOrEqualTo(Suggestion.MAX_REPLY);
              assertThat(s.reply()).doesNotContain("{").doesNotContain("}");
              assertThat(Grounding.ungrounded(s.reply(), c.facts())).isEmpty();
            } else {
              assertThat(s.nextAction()).isEqualTo("stop_messaging");
            }
          });
    }

    @Test
    @DisplayName("comes from one instance serving many threads at once")
    void comesFromManyThreads() throws Exception {
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<Suggestion>> futures = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
          String text = TEXTS[i % TEXTS.length];
          futures.add(pool.submit(() -> suggester().suggest(request(text, allFacts()))));
        }
        for (Future<Suggestion> f : futures) {
          assertThat(f.get().intent()).isNotBlank();
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
