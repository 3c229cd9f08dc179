package ai.omniflow.leads;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.fields.FieldType;
import ai.omniflow.fields.LeadField;
import ai.omniflow.pack.VerticalPack;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reading is linear: for each reader's pattern, a generated adversarial message is read with work
 * (characters examined, by the readers and by their patterns) in proportion to its length, not to
 * its length squared. Work is counted, not timed.
 */
class ReaderWorkTest {
  private static final List<LeadField> FIELDS =
      new ArrayList<>(LeadFieldExtractorTest.REAL_ESTATE) {
        {
          addAll(LeadFieldExtractorTest.GENERIC);
          add(new LeadField("bedrooms", "Bedrooms", FieldType.NUMBER, List.of()));
        }
      };

  private static final LocalDate TODAY = LocalDate.of(2026, 3, 2);

  /** Most characters examined per character of a message, over every field's reader. */
  private static final long MAX_WORK_PER_CHAR = 2_000;

  /** Adversarial messages, one per reader pattern, each of about {@code n} characters. */
  static List<Adversary> adversaries() {
    return List.of(
        new Adversary("fractions (dates, money masks)", n -> repeat("1/2 ", n)),
        new Adversary("weekdays (dates, negation, opening hours)", n -> repeat("monday ", n)),
        new Adversary("negated weekdays", n -> repeat("not monday ", n)),
        new Adversary("months in a move sentence (timeline)", n -> repeat("move in June ", n)),
        new Adversary("timeline spans", n -> repeat("in 2 months ", n)),
        new Adversary("amounts (money)", n -> repeat("$5k ", n)),
        new Adversary("amount ranges joined by and", n -> repeat("between 5 and 6k ", n)),
        new Adversary("bare budget digits", n -> repeat("budget 650000 ", n)),
        new Adversary("zip codes", n -> repeat("zip 94110 ", n)),
        new Adversary("areas", n -> repeat("in Oakland ", n)),
        new Adversary("pre-approval words", n -> repeat("pre-approved ", n)),
        new Adversary("services", n -> repeat("i need a haircut ", n)),
        new Adversary("property types", n -> repeat("condo ", n)),
        new Adversary("numbers near a word", n -> repeat("3 bedrooms ", n)),
        new Adversary("days of the month", n -> repeat("on the 3rd ", n)),
        new Adversary("one run-on word", n -> "a".repeat(n)),
        new Adversary("digits with no break", n -> "1".repeat(n)),
        new Adversary("spaces then a date", n -> " ".repeat(n - 6) + "monday"),
        new Adversary("negation words then a date", n -> repeat("dont ", n - 7) + " monday"));
  }

  @DisplayName("an adversarial message is read with work in proportion to its length")
  @ParameterizedTest(name = "{0}")
  @MethodSource("adversaries")
  void adversarialMessageIsReadWithBoundedWorkPerCharacter(Adversary adversary) {
    long small = work(adversary.text(5_000));
    long large = work(adversary.text(20_000));

    assertThat(large).isLessThanOrEqualTo(MAX_WORK_PER_CHAR * 20_000);
    // four times the text, about four times the work (not sixteen)
    assertThat(large).isLessThanOrEqualTo(5 * Math.max(small, 1));
  }

  @DisplayName("the count includes what the patterns themselves read")
  @ParameterizedTest(name = "{0}")
  @MethodSource("adversaries")
  void workIsCountedWhereTheReadersLook(Adversary adversary) {
    // the counter sees the patterns' own reading, so it is never zero for a non-empty text
    assertThat(work(adversary.text(1_000))).isGreaterThan(1_000);
  }

  @Test
  void aConversationPastTheTextBudgetIsReadFromItsLatestMessagesOnly() {
    String budget = "budget is $500k";
    String filler = "la ".repeat(LeadFieldExtractor.MAX_TEXT_PER_SOURCE / 3);
    Instant t = Instant.parse("2026-03-01T10:00:00Z");
    List<ExtractionSource> twoFillers =
        List.of(
            ExtractionSource.message(budget, t),
            ExtractionSource.message(filler, t.plusSeconds(1)),
            ExtractionSource.message(filler, t.plusSeconds(2)));
    List<ExtractionSource> threeFillers = new ArrayList<>(twoFillers);
    threeFillers.add(ExtractionSource.message(filler, t.plusSeconds(3)));
    LeadFieldExtractor extractor =
        LeadFieldExtractor.of(FIELDS, VerticalPack.DEFAULT_NEGATION_WORDS);

    assertThat(extractor.extract(twoFillers, TODAY, ZoneOffset.UTC).values())
        .containsEntry("budget", new BigDecimal("500000"));
    assertThat(extractor.extract(threeFillers, TODAY, ZoneOffset.UTC).values())
        .doesNotContainKey("budget");
  }

  static long work(String message) {
    MessageText text = MessageText.counting(message);
    LeadFieldExtractor.of(FIELDS, VerticalPack.DEFAULT_NEGATION_WORDS)
        .readMessage(text, 0, Instant.parse("2026-03-01T10:00:00Z"), TODAY, TODAY);
    return text.examined();
  }

  private static String repeat(String unit, int length) {
    return unit.repeat(Math.max(1, length / unit.length()));
  }

  record Adversary(String name, IntFunction<String> generator) {
    String text(int length) {
      return generator.apply(length);
    }

    @Override
    public String toString() {
      return name;
    }
  }
}
