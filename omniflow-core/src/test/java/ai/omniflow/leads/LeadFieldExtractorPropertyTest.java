package ai.omniflow.leads;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.fields.FieldType;
import ai.omniflow.fields.LeadField;
import ai.omniflow.testing.PropertyCheck;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Properties of extraction over generated messages and forms: nothing is invented. */
class LeadFieldExtractorPropertyTest {
  private static final List<LeadField> FIELDS =
      new ArrayList<>(LeadFieldExtractorTest.REAL_ESTATE) {
        {
          addAll(LeadFieldExtractorTest.GENERIC);
          add(new LeadField("bedrooms", "Bedrooms", FieldType.NUMBER, List.of()));
        }
      };

  private static final String[] FRAGMENTS = {
    "hi",
    "budget is",
    "around",
    "under",
    "$",
    "k",
    "M",
    "million",
    ",",
    ".",
    "?",
    "!",
    "-",
    "to",
    "in",
    "near",
    "the",
    "Noe Valley",
    "Oakland",
    "Mission",
    "zip",
    "code",
    "CA",
    "pre-approved",
    "not",
    "don't",
    "need a lender",
    "condo",
    "house",
    "open house",
    "townhome",
    "lot",
    "land",
    "asap",
    "next month",
    "in 2 months",
    "this spring",
    "next year",
    "just browsing",
    "tomorrow",
    "next Tuesday",
    "on the 14th",
    "March",
    "May",
    "3rd",
    "12/3",
    "call me at",
    "bedrooms",
    "baths",
    "sqft",
    "I need a",
    "deep cleaning",
    "interested in",
    "for",
    "Friday",
    "sold",
    "down payment",
    "we",
    "are",
    "looking",
    "for",
    "a",
    "and",
    "or",
    "but",
    "I",
    "can't",
    "do",
    "🏡",
    "é",
    "\n"
  };

  private static String number(Random r) {
    return switch (r.nextInt(6)) {
      case 0 -> String.valueOf(r.nextInt(10));
      case 1 -> String.valueOf(10000 + r.nextInt(90000));
      case 2 -> String.format("%,d", r.nextInt(2_000_000));
      case 3 -> r.nextInt(10) + "." + r.nextInt(10);
      case 4 -> "415-555-0" + (100 + r.nextInt(900));
      default -> String.valueOf(r.nextInt(3000));
    };
  }

  private static String text(Random r) {
    StringBuilder b = new StringBuilder();
    int words = 1 + r.nextInt(14);
    for (int i = 0; i < words; i++) {
      if (i > 0 && r.nextInt(4) > 0) {
        b.append(' ');
      }
      b.append(r.nextInt(4) == 0 ? number(r) : FRAGMENTS[r.nextInt(FRAGMENTS.length)]);
    }
    return b.toString();
  }

  private static final String[] QUESTIONS = {
    "budget", "zip_code", "when_are_you_looking_to_buy?", "full_name", "phone_number",
    "are_you_pre-approved?", "what_type_of_property?", "preferred_date", "service", "area",
    "how_many_bedrooms?"
  };

  record Input(List<ExtractionSource> sources) {}

  private static Input input(Random r) {
    List<ExtractionSource> sources = new ArrayList<>();
    Instant t = Instant.parse("2026-06-01T10:00:00Z");
    int n = 1 + r.nextInt(4);
    for (int i = 0; i < n; i++) {
      Instant at = t.plusSeconds(r.nextInt(90 * 86400));
      if (r.nextInt(4) == 0) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (int q = 0; q < 1 + r.nextInt(4); q++) {
          answers.put(QUESTIONS[r.nextInt(QUESTIONS.length)], text(r));
        }
        sources.add(ExtractionSource.form(answers, at));
      } else {
        sources.add(ExtractionSource.message(text(r), at));
      }
    }
    return new Input(sources);
  }

  @Test
  void everyValueComesWithASnippetThatOccursInItsSource() {
    PropertyCheck.forAll(
        1000,
        LeadFieldExtractorPropertyTest::input,
        in -> {
          Extraction x =
              LeadFieldExtractor.extract(
                  FIELDS, in.sources(), LocalDate.of(2026, 11, 25), ZoneId.of("Europe/Madrid"));
          for (ExtractedField f : x.fields().values()) {
            ExtractionSource source = in.sources().get(f.sourceIndex());
            assertThat(source.at()).isEqualTo(f.at());
            String said =
                switch (f.origin()) {
                  case MESSAGE -> ((ExtractionSource.InboundText) source).text();
                  case FORM -> ((ExtractionSource.FormAnswers) source).answers().get(f.question());
                };
            assertThat(said).as("source of %s", f).isNotNull().contains(f.snippet());
            if (f.value() instanceof String s && f.origin() == ExtractedField.Origin.MESSAGE) {
              LeadField field =
                  FIELDS.stream().filter(l -> l.key().equals(f.key())).findFirst().orElseThrow();
              if (field.type() == FieldType.CHOICE) {
                assertThat(field.options()).contains(s);
              } else {
                assertThat(f.snippet()).as("text value of %s", f).contains(s);
              }
            }
            if (f.value() instanceof BigDecimal d) {
              assertThat(f.snippet()).as("amount of %s", f).containsPattern("\\d");
              assertThat(d.signum()).isNotNegative();
            }
          }
        });
  }

  @Test
  void aFormAnswerBeatsEveryMessageForItsField() {
    PropertyCheck.forAll(
        300,
        LeadFieldExtractorPropertyTest::input,
        in -> {
          List<ExtractionSource> withForm = new ArrayList<>(in.sources());
          withForm.add(
              0,
              ExtractionSource.form(
                  Map.of("budget", "$400,000"), Instant.parse("2020-01-01T00:00:00Z")));
          List<ExtractionSource> messagesOnly =
              new ArrayList<>(
                  withForm.stream()
                      .filter(s -> !(s instanceof ExtractionSource.FormAnswers))
                      .toList());
          messagesOnly.add(0, withForm.get(0));
          Extraction x =
              LeadFieldExtractor.extract(
                  FIELDS, messagesOnly, LocalDate.of(2026, 11, 25), ZoneId.of("UTC"));
          assertThat(x.values()).containsEntry("budget", new BigDecimal("400000"));
          assertThat(x.get("budget").orElseThrow().origin()).isEqualTo(ExtractedField.Origin.FORM);
        });
  }
}
