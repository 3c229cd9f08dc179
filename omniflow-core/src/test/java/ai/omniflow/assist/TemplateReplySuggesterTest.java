package ai.omniflow.assist;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.pack.VerticalPack;
import ai.omniflow.pack.VerticalPack.Intent;
import ai.omniflow.testing.PropertyCheck;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TemplateReplySuggesterTest {
  /** A pack with the shipped real-estate templates and next actions. */
  static final VerticalPack HOMES =
      new VerticalPack(
          "homes",
          "Homes",
          "1.0.0",
          "For tests.",
          List.of(),
          List.of(
              new VerticalPack.Stage("new", "New", null),
              new VerticalPack.Stage("won", "Won", "won"),
              new VerticalPack.Stage("lost", "Lost", "lost")),
          List.of(
              new Intent(
                  "showing_request",
                  "Showing",
                  List.of("viewing", "showing", "see"),
                  List.of("come by")),
              new Intent(
                  "pricing_question", "Pricing", List.of("price", "cost"), List.of("how much")),
              new Intent("general_question", "General", List.of("question"), List.of()),
              new Intent("not_interested", "Not interested", List.of(), List.of("not interested")),
              new Intent(
                  "opt_out", "Opt-out", List.of("unsubscribe", "stop"), List.of(), List.of(), 3),
              new Intent("spam", "Spam", List.of("crypto"), List.of())),
          Map.of(
              "showing_request",
              "Hi {contact_first_name}, thanks for your interest! I'm {agent_name} and I'd be glad to"
                  + " show you the property. You can choose a time that suits you here:"
                  + " {booking_link}, or reply with what works best for you.",
              "pricing_question",
              "Hi {contact_first_name}, thanks for asking! I'm {agent_name}. I'll confirm the current"
                  + " details for this property and send them to you here shortly.",
              "general_question",
              "Hi {contact_first_name}, thanks for your message! {agent_name} from {org_name} will"
                  + " answer your question here shortly.",
              "not_interested",
              "Thanks for letting me know, {contact_first_name}. If your plans change, just send me"
                  + " a message. {agent_name}, {org_name}",
              "opt_out",
              "Understood, {contact_first_name}. You won't receive any more messages from {org_name}."),
          VerticalPack.DEFAULT_NEGATION_WORDS,
          Map.of(
              "showing_request",
              "book_showing",
              "pricing_question",
              "ask_budget",
              "spam",
              "ignore"));

  static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  static final Facts FULL =
      Facts.builder()
          .put(Facts.CONTACT_FIRST_NAME, "Ana")
          .put(Facts.CONTACT_NAME, "Ana Ruiz")
          .put(Facts.AGENT_NAME, "Sam Lee")
          .put(Facts.ORG_NAME, "Elm Realty")
          .put(Facts.BOOKING_LINK, "https://cal.example/sam")
          .lead("budget", "450000 EUR")
          .build();

  final TemplateReplySuggester suggester = TemplateReplySuggester.ofDefaults();

  static SuggestionRequest request(String text, Facts facts) {
    return new SuggestionRequest(HOMES, text, facts, Guardrails.of("sms", NOW, NOW));
  }

  @Nested
  @DisplayName("A reply")
  class Replies {
    @Test
    void fillsEverySlotFromTheFactsAndListsTheFactsUsed() {
      Suggestion s = suggester.suggest(request("can I come by for a viewing?", FULL));

      assertThat(s.intent()).isEqualTo("showing_request");
      assertThat(s.reply())
          .isEqualTo(
              "Hi Ana, thanks for your interest! I'm Sam Lee and I'd be glad to show you the"
                  + " property. You can choose a time that suits you here: https://cal.example/sam,"
                  + " or reply with what works best for you.");
      assertThat(s.factsUsed()).containsExactly("contact_first_name", "agent_name", "booking_link");
      assertThat(s.nextAction()).isEqualTo("book_showing");
      assertThat(s.warnings()).isEmpty();
    }

    @Test
    void rewordsAMissingContactNameAndDropsASentenceThatNeedsAMissingLink() {
      Facts facts = Facts.builder().put(Facts.AGENT_NAME, "Sam Lee").build();

      Suggestion s = suggester.suggest(request("can I come by for a viewing?", facts));

      assertThat(s.reply())
          .isEqualTo(
              "Hi, thanks for your interest! I'm Sam Lee and I'd be glad to show you the property.");
      assertThat(s.factsUsed()).containsExactly("agent_name");
    }

    @Test
    void saysOurTeamForAMissingAgentAndLeavesOutAMissingOrg() {
      Suggestion s = suggester.suggest(request("I have a question", Facts.none()));

      assertThat(s.reply())
          .isEqualTo(
              "Hi, thanks for your message! Our team will answer your question here shortly.");
      assertThat(s.factsUsed()).isEmpty();
    }

    @Test
    void dropsASignOffWhosePartsAreUnknown() {
      Facts facts = Facts.builder().put(Facts.CONTACT_FIRST_NAME, "Ana").build();

      Suggestion s = suggester.suggest(request("not interested anymore", facts));

      assertThat(s.intent()).isEqualTo("not_interested");
      assertThat(s.reply())
          .isEqualTo(
              "Thanks for letting me know, Ana. If your plans change, just send me a message.");
      assertThat(s.nextAction()).isEqualTo("handoff");
    }

    @Test
    void takesTheFirstNameFromTheFullNameWhenOnlyThatIsKnown() {
      Facts facts = Facts.builder().put(Facts.CONTACT_NAME, "Ana Ruiz").build();

      Suggestion s = suggester.suggest(request("how much is it", facts));

      assertThat(s.reply()).startsWith("Hi Ana, thanks for asking!");
      assertThat(s.factsUsed()).containsExactly("contact_name");
      assertThat(s.nextAction()).isEqualTo("ask_budget");
    }

    @Test
    void isTheSameEveryTimeForTheSameRequest() {
      SuggestionRequest r = request("how much is the house on Elm St?", FULL);

      assertThat(suggester.suggest(r)).isEqualTo(suggester.suggest(r));
    }
  }

  @Nested
  @DisplayName("Guardrails")
  class Guards {
    @Test
    void anOptOutGetsNoReplyAndStopMessaging() {
      Suggestion s = suggester.suggest(request("STOP", FULL));

      assertThat(s.intent()).isEqualTo("opt_out");
      assertThat(s.reply()).isNull();
      assertThat(s.nextAction()).isEqualTo("stop_messaging");
    }

    @Test
    void aContactWhoOptedOutGetsNoReplyAndAWarning() {
      SuggestionRequest r =
          new SuggestionRequest(
              HOMES, "how much?", FULL, Guardrails.of("sms", NOW, NOW).withOptedOut(true));

      Suggestion s = suggester.suggest(r);

      assertThat(s.reply()).isNull();
      assertThat(s.warnings()).containsExactly("contact_opted_out");
      assertThat(s.nextAction()).isEqualTo("stop_messaging");
    }

    @Test
    void aMetaChannelMoreThanADayAfterTheLastInboundNeedsATemplate() {
      Instant last = NOW.minus(Duration.ofHours(25));
      SuggestionRequest r =
          new SuggestionRequest(HOMES, "how much?", FULL, Guardrails.of("whatsapp", last, NOW));

      assertThat(suggester.suggest(r).warnings())
          .containsExactly("window_closed_template_required");
      assertThat(suggester.suggest(r).reply()).isNotNull();
    }

    @Test
    void smsAndEmailHaveNoWindow() {
      Instant last = NOW.minus(Duration.ofDays(30));
      assertThat(Guardrails.of("sms", last, NOW).windowClosed()).isFalse();
      assertThat(Guardrails.of("email", null, NOW).windowClosed()).isFalse();
      assertThat(Guardrails.of("instagram_dm", NOW.minusSeconds(3600), NOW).windowClosed())
          .isFalse();
    }

    @Test
    void quietHoursSpanningMidnightWarn() {
      Guardrails.QuietHours night =
          new Guardrails.QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0), ZoneOffset.UTC);
      Instant late = Instant.parse("2026-11-25T23:30:00Z");
      SuggestionRequest r =
          new SuggestionRequest(
              HOMES, "how much?", FULL, Guardrails.of("sms", late, late).withQuietHours(night));

      assertThat(suggester.suggest(r).warnings()).containsExactly("quiet_hours");
      assertThat(night.contains(NOW)).isFalse();
    }
  }

  @Nested
  @DisplayName("Grounding")
  class GroundingRule {
    static final String[] MESSAGE_PARTS = {
      "how much is it",
      "is it still available",
      "can I see it saturday at 3pm",
      "my budget is $450k",
      "what's the address",
      "is 12 Elm St open on 2026-12-01",
      "call me at 555-0100",
      "STOP",
      "I'd like a viewing tomorrow at 10:30",
      "price for 3 bedrooms?",
      "€ 300.000 ok?",
      "not interested",
      "question about the HOA fee of 250/month",
      "see it friday 5 march",
      "😍😍 book me in",
      "crypto giveaway 1000x"
    };
    static final String[] FACT_NAMES = {
      Facts.CONTACT_FIRST_NAME,
      Facts.CONTACT_NAME,
      Facts.AGENT_NAME,
      Facts.AGENT_FIRST_NAME,
      Facts.ORG_NAME,
      Facts.BOOKING_LINK,
      "lead.budget",
      "lead.bedrooms"
    };
    static final String[] FACT_VALUES = {
      "Ana",
      "Ana Ruiz",
      "Sam Lee 2nd",
      "Elm Realty 77",
      "https://cal.example/sam?d=2026-12-01",
      "450000 EUR",
      "3",
      "Friday",
      "Bo",
      "O'Neil & Co",
      "$"
    };

    record Case(String text, Facts facts) {}

    static Case randomCase(Random r) {
      StringBuilder text = new StringBuilder();
      for (int i = 0, n = 1 + r.nextInt(3); i < n; i++) {
        text.append(MESSAGE_PARTS[r.nextInt(MESSAGE_PARTS.length)]).append(' ');
        if (r.nextBoolean()) {
          text.append(r.nextInt(100_000)).append(' ');
        }
      }
      Facts.Builder facts = Facts.builder();
      for (String name : FACT_NAMES) {
        if (r.nextBoolean()) {
          facts.put(name, FACT_VALUES[r.nextInt(FACT_VALUES.length)]);
        }
      }
      return new Case(text.toString(), facts.build());
    }

    @Test
    void aDefaultReplyStatesNoNumberDateTimePriceOrAddressThatIsNotInTheFacts() {
      PropertyCheck.forAll(
          2_000,
          GroundingRule::randomCase,
          c -> {
            Suggestion s = suggester.suggest(request(c.text(), c.facts()));
            if (s.reply() == null) {
              assertThat(s.intent()).isEqualTo("opt_out");
              return;
            }
            assertThat(Grounding.ungrounded(s.reply(), c.facts())).isEmpty();
            assertThat(s.reply()).doesNotContain("{").doesNotContain("}");
            for (String used : s.factsUsed()) {
              assertThat(c.facts().get(used)).isNotNull();
            }
            assertThat(s.factsUsed()).allSatisfy(n -> assertThat(HOMES.slug()).isNotBlank());
          });
    }

    @Test
    void everyFactAReplyStatesIsListedAsUsed() {
      PropertyCheck.forAll(
          500,
          GroundingRule::randomCase,
          c -> {
            Suggestion s = suggester.suggest(request(c.text(), c.facts()));
            List<String> stated = new ArrayList<>();
            c.facts()
                .values()
                .forEach(
                    (name, value) -> {
                      if (s.reply() != null && value.length() > 3 && s.reply().contains(value)) {
                        stated.add(value);
                      }
                    });
            List<String> usedValues = s.factsUsed().stream().map(n -> c.facts().get(n)).toList();
            for (String value : stated) {
              assertThat(usedValues.stream().anyMatch(u -> u.contains(value) || value.contains(u)))
                  .as("fact value %s stated but not listed", value)
                  .isTrue();
            }
          });
    }

    @Test
    void theGroundingCheckFindsFiguresMissingFromTheFacts() {
      Facts facts = Facts.builder().put(Facts.BOOKING_LINK, "https://cal.example/3").build();

      assertThat(Grounding.ungrounded("See you Friday at 3pm for $450", facts))
          .containsExactly("friday", "$", "450");
    }
  }
}
