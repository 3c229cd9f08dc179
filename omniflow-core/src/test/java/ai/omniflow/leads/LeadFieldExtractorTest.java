package ai.omniflow.leads;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.fields.FieldType;
import ai.omniflow.fields.LeadField;
import ai.omniflow.inbox.Message;
import ai.omniflow.inbox.MessageDirection;
import ai.omniflow.pack.VerticalPack;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LeadFieldExtractorTest {
  /** The real-estate pack's lead fields, as shipped (omniflow-verticals tests the file itself). */
  static final List<LeadField> REAL_ESTATE =
      List.of(
          new LeadField("budget", "Budget", FieldType.MONEY, List.of()),
          new LeadField("area", "Area or neighbourhood", FieldType.TEXT, List.of()),
          new LeadField("zip", "ZIP code", FieldType.TEXT, List.of()),
          new LeadField(
              "timeline",
              "TimelineReader to move",
              FieldType.CHOICE,
              List.of(
                  "As soon as possible",
                  "Within 3 months",
                  "3 to 6 months",
                  "6 to 12 months",
                  "Just browsing")),
          new LeadField(
              "property_type",
              "Property type",
              FieldType.CHOICE,
              List.of("House", "Condo", "Townhouse", "Multi-family", "Land", "Commercial")),
          new LeadField(
              "pre_approved", "Pre-approved for a mortgage", FieldType.BOOLEAN, List.of()));

  static final List<LeadField> GENERIC =
      List.of(
          new LeadField("service", "Service wanted", FieldType.TEXT, List.of()),
          new LeadField("preferred_date", "Preferred date", FieldType.DATE, List.of()));

  /** A Wednesday. */
  static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

  static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
  static final Instant NOON = TODAY.atTime(12, 0).atZone(ZONE).toInstant();

  static Extraction read(List<LeadField> fields, String... messages) {
    List<ExtractionSource> sources =
        java.util.stream.IntStream.range(0, messages.length)
            .mapToObj(i -> ExtractionSource.message(messages[i], NOON.plusSeconds(i)))
            .toList();
    return LeadFieldExtractor.extract(fields, sources, TODAY, ZONE);
  }

  static Object value(List<LeadField> fields, String key, String message) {
    return read(fields, message).get(key).map(ExtractedField::value).orElse(null);
  }

  @Nested
  @DisplayName("A budget")
  class Budgets {
    @ParameterizedTest(name = "is {1} in \"{0}\"")
    @CsvSource(
        delimiter = '|',
        value = {
          "Looking for something around $650k | 650000",
          "our budget is 650,000 | 650000",
          "around 1.2M in Noe Valley | 1200000",
          "budget is 500-600k | 600000",
          "$1.2 million tops | 1200000",
          "anything under 400k? | 400000",
          "between 450 and 500k | 500000",
          "$500k-$550k | 550000",
          "we can afford 700000 | 700000",
          "pre-approved for $800,000 | 800000",
          "max 1.5m, call me at 415-555-0134 | 1500000",
          "budget 1,250,000 call 4155550134 | 1250000",
          "about 900 grand | 900000",
        })
    void isReadFromMoneyPhrases(String message, String expected) {
      assertThat(value(REAL_ESTATE, "budget", message)).isEqualTo(new BigDecimal(expected));
    }

    @ParameterizedTest(name = "is absent from \"{0}\"")
    @CsvSource(
        delimiter = '|',
        value = {
          "call me at 415-555-0134",
          "my number is (415) 555 0134",
          "budget? call me on +14155550134",
          "3 bedrooms 2 baths please",
          "something in 94110",
          "we want to move in 2027",
          "can we see it at 3:30?",
          "I live at 1450 Oak Street",
          "about 1800 sqft would be nice",
          "is the open house on 12/3?",
          "we sold our last place for 900k",
          "we have 100k for the down payment",
          "unit 2301 looks nice",
          "we are a family of 4",
          "rent is 3200 a month now",
          "we'd use our 401k for part of it",
          "can we meet around 1500 Market?",
          "is there a $500 deposit?",
        })
    void isNotReadFromOtherNumbers(String message) {
      assertThat(value(REAL_ESTATE, "budget", message)).isNull();
    }

    @Test
    void takesTheAmountABudgetWordPointsAtWhenThereAreSeveral() {
      assertThat(value(REAL_ESTATE, "budget", "saw one listed at $750k but our budget is 650k"))
          .isEqualTo(new BigDecimal("650000"));
    }

    @Test
    void leavesOutSeveralAmountsThatNothingTellsApart() {
      assertThat(value(REAL_ESTATE, "budget", "the $700k one or the $750k one?")).isNull();
    }
  }

  @Nested
  @DisplayName("A ZIP code and an area")
  class Places {
    @ParameterizedTest(name = "zip is {1} in \"{0}\"")
    @CsvSource(
        delimiter = '|',
        value = {
          "zip code 94110 | 94110",
          "looking in 94114 | 94114",
          "94110 | 94110",
          "San Francisco, CA 94110-1234 | 94110-1234",
          "anything in the 94611 area? | 94611",
        })
    void zipIsReadWhenPhrasedAsOne(String message, String expected) {
      assertThat(value(REAL_ESTATE, "zip", message)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "zip is absent from \"{0}\"")
    @CsvSource(
        delimiter = '|',
        value = {
          "budget is 94110 something",
          "I live at 12345 Oak Street",
          "call 415-555-0134",
          "my order number was 55512",
          "around $95000",
        })
    void zipIsNotReadFromOtherNumbers(String message) {
      assertThat(value(REAL_ESTATE, "zip", message)).isNull();
    }

    @ParameterizedTest(name = "area is {1} in \"{0}\"")
    @CsvSource(
        delimiter = '|',
        value = {
          "something in Noe Valley please | Noe Valley",
          "around Oakland | Oakland",
          "looking in the Mission | Mission",
          "we're moving to Walnut Creek next year | Walnut Creek",
          "near Lake Merritt, 2 beds | Lake Merritt",
          "in Oakland or Berkeley | Oakland or Berkeley",
        })
    void areaIsACapitalizedPlaceAfterInAroundOrNear(String message, String expected) {
      assertThat(value(REAL_ESTATE, "area", message)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "area is absent from \"{0}\"")
    @CsvSource(
        delimiter = '|',
        value = {
          "can we move in May?",
          "I saw it in Zillow",
          "in a hurry!",
          "LOOKING IN OAKLAND",
          "we want to buy in the spring",
          "talk to Sarah about it",
          "not in Oakland, too pricey",
          "an apartment near BART",
          "I work in Palo Alto",
          "I grew up in Texas",
          "I'm in Toronto this week",
        })
    void areaIsNotReadFromOtherCapitals(String message) {
      assertThat(value(REAL_ESTATE, "area", message)).isNull();
    }
  }

  @Nested
  @DisplayName("A timeline")
  class Timelines {
    @ParameterizedTest(name = "is \"{1}\" for \"{0}\"")
    @CsvSource(
        delimiter = '|',
        value = {
          "need to move asap | As soon as possible",
          "we're ready right away | As soon as possible",
          "hoping to move next month | Within 3 months",
          "in 2 months or so | Within 3 months",
          "we'd like to be in by this spring | 3 to 6 months",
          "in 6 months | 3 to 6 months",
          "probably next year | 6 to 12 months",
          "just browsing for now | Just browsing",
          "just looking, thanks | Just browsing",
          "in 3-6 months | 3 to 6 months",
          "lease ends in a couple of months | Within 3 months",
          "we want to move by June | 6 to 12 months",
        })
    void mapsPhrasesToTheClosestOption(String message, String expected) {
      assertThat(value(REAL_ESTATE, "timeline", message)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "is absent from \"{0}\"")
    @CsvSource(
        delimiter = '|',
        value = {
          "just looking for a 3 bed condo",
          "we moved here 2 months ago",
          "in 3 years maybe",
          "how long does closing take?",
          "we got married in June",
        })
    void isNotReadFromOtherPhrases(String message) {
      assertThat(value(REAL_ESTATE, "timeline", message)).isNull();
    }

    @Test
    void countsARelativePhraseFromTheDayTheMessageWasSent() {
      Instant fourMonthsAgo = TODAY.minusMonths(4).atTime(9, 0).atZone(ZONE).toInstant();
      Extraction x =
          LeadFieldExtractor.extract(
              REAL_ESTATE,
              List.of(ExtractionSource.message("we want to move in 6 months", fourMonthsAgo)),
              TODAY,
              ZONE);
      assertThat(x.get("timeline").orElseThrow().value()).isEqualTo("Within 3 months");
    }
  }

  @Nested
  @DisplayName("A property type")
  class PropertyTypes {
    @ParameterizedTest(name = "is {1} in \"{0}\"")
    @CsvSource(
        delimiter = '|',
        value = {
          "looking for a 3 bed house | House",
          "we want a single family home | House",
          "looking to buy a home in Oakland | House",
          "a 2br condo downtown | Condo",
          "an apartment near BART | Condo",
          "townhouse or townhome is fine | Townhouse",
          "interested in a duplex | Multi-family",
          "want to build on a vacant lot | Land",
          "need office space for my firm | Commercial",
          "no condos please, a house | House",
        })
    void mapsWordsToTheOption(String message, String expected) {
      assertThat(value(REAL_ESTATE, "property_type", message)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "is absent from \"{0}\"")
    @CsvSource(
        delimiter = '|',
        value = {
          "is the open house on Saturday?",
          "condo or townhouse, not sure yet",
          "thanks a lot!",
          "we want to land a deal soon",
          "not a condo",
        })
    void isNotReadFromOtherWords(String message) {
      assertThat(value(REAL_ESTATE, "property_type", message)).isNull();
    }
  }

  @Nested
  @DisplayName("Pre-approval")
  class PreApproval {
    @ParameterizedTest(name = "is {1} in \"{0}\"")
    @CsvSource(
        delimiter = '|',
        value = {
          "we're pre-approved | true",
          "preapproved with Chase | true",
          "I have a pre-approval letter | true",
          "got pre approved last week | true",
          "not pre-approved yet | false",
          "I don't have pre-approval | false",
          "we haven't been pre-approved | false",
          "we need a lender | false",
          "we need to get pre-approved first | false",
          "no pre-approval yet, need a lender | false",
        })
    void isReadNegationAware(String message, boolean expected) {
      assertThat(value(REAL_ESTATE, "pre_approved", message)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "is absent from \"{0}\"")
    @CsvSource(
        delimiter = '|',
        value = {
          "do I need to be pre-approved?",
          "not sure if we're pre-approved",
          "what's the approval process like",
          "looking for a condo",
        })
    void isNotReadFromQuestionsOrDoubt(String message) {
      assertThat(value(REAL_ESTATE, "pre_approved", message)).isNull();
    }
  }

  @Nested
  @DisplayName("The generic pack's fields")
  class Generic {
    @ParameterizedTest(name = "preferred date is {1} for \"{0}\"")
    @CsvSource(
        delimiter = '|',
        value = {
          "can I come tomorrow? | 2026-11-26",
          "next Tuesday works | 2026-12-01",
          "how about Friday | 2026-11-27",
          "on the 14th if possible | 2026-12-14",
          "12/3 please | 2026-12-03",
          "March 3 would be ideal | 2027-03-03",
          "the 3rd of March | 2027-03-03",
          "I can't do Monday, how about Thursday? | 2026-11-26",
        })
    void preferredDateIsReadRelativeToTheDayTheMessageWasSent(String message, String expected) {
      assertThat(value(GENERIC, "preferred_date", message)).isEqualTo(LocalDate.parse(expected));
    }

    @ParameterizedTest(name = "preferred date is absent from \"{0}\"")
    @CsvSource(
        delimiter = '|',
        value = {
          "we have 2 bedrooms",
          "the 3 of us",
          "it may rain",
          "Tuesday or Thursday?",
          "open Saturdays?",
          "2/30 please",
          "thanks for today!",
          "I'm away until Monday",
          "the 3rd photo is nice",
          "5/5 stars",
        })
    void preferredDateIsNotReadFromOtherWords(String message) {
      assertThat(value(GENERIC, "preferred_date", message)).isNull();
    }

    @ParameterizedTest(name = "service is \"{1}\" in \"{0}\"")
    @CsvSource(
        delimiter = '|',
        value = {
          "I need a deep cleaning for my apartment | deep cleaning",
          "interested in teeth whitening | teeth whitening",
          "can I get a quote for a kitchen remodel? | kitchen remodel",
          "I'd like to book a haircut for Friday | haircut",
        })
    void serviceIsWhatTheyAskFor(String message, String expected) {
      assertThat(value(GENERIC, "service", message)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "service is absent from \"{0}\"")
    @CsvSource(
        delimiter = '|',
        value = {
          "I need an appointment",
          "what are your hours?",
          "I'd like to know more",
          "I need a minute to think",
          "interested in the listing on Elm"
        })
    void serviceIsNotReadFromRequestsForTimeOrInfo(String message) {
      assertThat(value(GENERIC, "service", message)).isNull();
    }
  }

  @Nested
  @DisplayName("Lead-form answers")
  class Forms {
    static final Map<String, String> META_LEAD =
        Map.of(
            "full_name", "Ana Ruiz",
            "phone_number", "+14155550134",
            "budget", "$500,000 - $750,000",
            "zip_code", "94110",
            "when_are_you_looking_to_buy?", "0-3 months",
            "are_you_pre-approved?", "Yes",
            "what_type_of_property?", "condo");

    @Test
    void mapQuestionsToFieldsAndAnswersToTypedValues() {
      Extraction x =
          LeadFieldExtractor.extract(
              REAL_ESTATE, List.of(ExtractionSource.form(META_LEAD, NOON)), TODAY, ZONE);
      assertThat(x.values())
          .containsEntry("budget", new BigDecimal("750000"))
          .containsEntry("zip", "94110")
          .containsEntry("timeline", "Within 3 months")
          .containsEntry("pre_approved", true)
          .containsEntry("property_type", "Condo")
          .doesNotContainKey("area");
      ExtractedField zip = x.get("zip").orElseThrow();
      assertThat(zip.origin()).isEqualTo(ExtractedField.Origin.FORM);
      assertThat(zip.question()).isEqualTo("zip_code");
      assertThat(zip.sourceIndex()).isZero();
    }

    @Test
    void aBooleanQuestionMustNameTheField() {
      Extraction x =
          LeadFieldExtractor.extract(
              REAL_ESTATE,
              List.of(ExtractionSource.form(Map.of("do_you_have_a_mortgage?", "yes"), NOON)),
              TODAY,
              ZONE);
      assertThat(x.isEmpty()).isTrue();
    }

    @Test
    void questionsInOtherWordsFindTheirFields() {
      Extraction x =
          LeadFieldExtractor.extract(
              REAL_ESTATE,
              List.of(
                  ExtractionSource.form(
                      Map.of(
                          "what_is_your_price_range?", "400-450k",
                          "postal_code", "94703",
                          "preferred_neighborhood", "Rockridge",
                          "how_soon_do_you_want_to_move?", "just_browsing",
                          "pre-approved_for_a_mortgage?", "not yet"),
                      NOON)),
              TODAY,
              ZONE);
      assertThat(x.values())
          .containsEntry("budget", new BigDecimal("450000"))
          .containsEntry("zip", "94703")
          .containsEntry("area", "Rockridge")
          .containsEntry("timeline", "Just browsing")
          .containsEntry("pre_approved", false);
    }

    @Test
    void contactAndAttributionAnswersFillNoLeadField() {
      Map<String, String> answers =
          Map.of(
              "full_name", "Ana",
              "phone_number", "415",
              "where_did_you_hear_about_us?", "Instagram");
      Extraction x =
          LeadFieldExtractor.extract(
              REAL_ESTATE, List.of(ExtractionSource.form(answers, NOON)), TODAY, ZONE);
      assertThat(x.isEmpty()).isTrue();
    }

    @Test
    void answersWinOverMessagesWhateverTheirOrder() {
      Extraction x =
          LeadFieldExtractor.extract(
              REAL_ESTATE,
              List.of(
                  ExtractionSource.form(Map.of("budget", "500k"), NOON),
                  ExtractionSource.message("actually our budget is 650k", NOON.plusSeconds(3600))),
              TODAY,
              ZONE);
      ExtractedField budget = x.get("budget").orElseThrow();
      assertThat(budget.value()).isEqualTo(new BigDecimal("500000"));
      assertThat(budget.origin()).isEqualTo(ExtractedField.Origin.FORM);
      assertThat(budget.snippet()).isEqualTo("500k");
    }
  }

  @Nested
  @DisplayName("Several messages")
  class SeveralMessages {
    @Test
    void theLaterMessageWinsForAField() {
      Extraction x = read(REAL_ESTATE, "budget around 500k, a condo", "sorry, I meant 550k");
      assertThat(x.values())
          .containsEntry("budget", new BigDecimal("550000"))
          .containsEntry("property_type", "Condo");
      assertThat(x.get("budget").orElseThrow().sourceIndex()).isEqualTo(1);
      assertThat(x.get("property_type").orElseThrow().sourceIndex()).isZero();
    }

    @Test
    void laterIsByTimeNotByPlaceInTheList() {
      Extraction x =
          LeadFieldExtractor.extract(
              REAL_ESTATE,
              List.of(
                  ExtractionSource.message("budget is 700k", NOON.plusSeconds(60)),
                  ExtractionSource.message("budget is 600k", NOON)),
              TODAY,
              ZONE);
      assertThat(x.values()).containsEntry("budget", new BigDecimal("700000"));
    }

    @Test
    void givesTheSnippetAndSourceOfEachValue() {
      Extraction x = read(REAL_ESTATE, "hi!", "We're pre-approved up to $650k in Noe Valley");
      assertThat(x.get("budget").orElseThrow().snippet()).isEqualTo("$650k");
      assertThat(x.get("area").orElseThrow().snippet()).isEqualTo("Noe Valley");
      assertThat(x.get("pre_approved").orElseThrow().snippet()).isEqualTo("pre-approved");
      assertThat(x.get("pre_approved").orElseThrow().origin())
          .isEqualTo(ExtractedField.Origin.MESSAGE);
      assertThat(x.get("pre_approved").orElseThrow().at()).isEqualTo(NOON.plusSeconds(1));
    }

    @Test
    void negationFollowsThePacksWords() {
      LeadFieldExtractor noNegation = LeadFieldExtractor.of(REAL_ESTATE, List.of());
      Extraction x =
          noNegation.extract(
              List.of(ExtractionSource.message("not pre-approved", NOON)), TODAY, ZONE);
      assertThat(x.values()).containsEntry("pre_approved", true);
    }
  }

  @Test
  void onlyInboundMessagesOfAThreadAreSources() {
    UUID org = UUID.randomUUID();
    UUID thread = UUID.randomUUID();
    BiFunction<MessageDirection, String, Message> message =
        (direction, text) ->
            new Message(
                UUID.randomUUID(),
                org,
                thread,
                direction,
                text,
                List.of(),
                null,
                null,
                null,
                null,
                NOON,
                NOON);
    List<ExtractionSource> sources =
        ExtractionSource.inbound(
            List.of(
                message.apply(MessageDirection.OUTBOUND, "what's your budget?"),
                message.apply(MessageDirection.INBOUND, "about 600k")));
    assertThat(sources).containsExactly(ExtractionSource.message("about 600k", NOON));
    assertThat(LeadFieldExtractor.extract(REAL_ESTATE, sources, TODAY, ZONE).values())
        .containsEntry("budget", new BigDecimal("600000"));
  }

  @Test
  void aPacksFieldsAreReadWithItsNegationWords() {
    VerticalPack pack =
        new VerticalPack(
            "dentist",
            "Dentist",
            "1.0.0",
            "d",
            List.of(
                new LeadField(
                    "treatment",
                    "Treatment",
                    FieldType.CHOICE,
                    List.of("Check-up", "Cleaning", "Whitening")),
                new LeadField("insured", "Has dental insurance", FieldType.BOOLEAN, List.of())),
            List.of(
                new VerticalPack.Stage("new", "New", null),
                new VerticalPack.Stage("won", "Won", "won"),
                new VerticalPack.Stage("lost", "Lost", "lost")),
            List.of(new VerticalPack.Intent("hi", "Hi", List.of("hi"), List.of())),
            Map.of(),
            List.of("nunca", "sin"));
    Extraction x =
        LeadFieldExtractor.of(pack)
            .extract(
                List.of(ExtractionSource.message("a whitening, sin insurance", NOON)), TODAY, ZONE);
    assertThat(x.values()).containsEntry("treatment", "Whitening").containsEntry("insured", false);
  }

  @Test
  void optionsThatAreAnswersAreReadFromFormsOnly() {
    List<LeadField> fields =
        List.of(new LeadField("has_pets", "Has pets", FieldType.CHOICE, List.of("Yes", "No")));
    assertThat(read(fields, "yes, can I see it tomorrow?").isEmpty()).isTrue();
    Extraction form =
        LeadFieldExtractor.extract(
            fields, List.of(ExtractionSource.form(Map.of("has_pets", "yes"), NOON)), TODAY, ZONE);
    assertThat(form.values()).containsEntry("has_pets", "Yes");
  }
}
