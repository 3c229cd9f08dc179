package ai.omniflow.leads;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.fields.FieldType;
import ai.omniflow.fields.LeadField;
import ai.omniflow.pack.VerticalPack;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fuzz targets for the lead field readers: any message or form is read without an exception and
 * with work in proportion to its length. In {@code ./mvnw verify} each runs over its seeds ({@code
 * src/test/resources/ai/omniflow/leads/LeadReadingFuzzTestInputs}); {@code scripts/fuzz.sh
 * LeadReadingFuzzTest 300} fuzzes for five minutes.
 */
class LeadReadingFuzzTest {
  private static final List<LeadField> FIELDS =
      new ArrayList<>(LeadFieldExtractorTest.REAL_ESTATE) {
        {
          addAll(LeadFieldExtractorTest.GENERIC);
          add(new LeadField("bedrooms", "Bedrooms", FieldType.NUMBER, List.of()));
        }
      };
  private static final LeadFieldExtractor EXTRACTOR =
      LeadFieldExtractor.of(FIELDS, VerticalPack.DEFAULT_NEGATION_WORDS);
  private static final LocalDate TODAY = LocalDate.of(2026, 3, 2);
  private static final Instant SENT = Instant.parse("2026-03-01T10:00:00Z");

  /**
   * The most characters examined per character of a message, plus a constant for short ones. Ten
   * times {@link ReaderWorkTest}'s bound: under jazzer its regex hooks read the text through the
   * same counter (13,000 per character on the {@code fractions} seed, 2,000 without them), so this
   * catches runaway work, and {@link ReaderWorkTest} holds the tight bound and the linear growth.
   */
  private static final long WORK_PER_CHAR = 20_000;

  private static final long WORK_FLOOR = 200_000;

  @FuzzTest(maxDuration = "10s")
  void anyMessageIsReadWithoutErrorAndWithBoundedWork(FuzzedDataProvider data) {
    String message = data.consumeRemainingAsString();
    MessageText text = MessageText.counting(message);

    Map<String, ExtractedField> found = EXTRACTOR.readMessage(text, 0, SENT, TODAY, TODAY);

    assertThat(text.examined()).isLessThanOrEqualTo(WORK_FLOOR + WORK_PER_CHAR * message.length());
    found.values().forEach(f -> assertThat(message).contains(f.snippet()));
  }

  @FuzzTest(maxDuration = "10s")
  void anyMessagesAndFormsAreExtractedWithoutError(FuzzedDataProvider data) {
    List<ExtractionSource> sources = new ArrayList<>();
    int n = data.consumeInt(0, 4);
    for (int i = 0; i < n; i++) {
      Instant at = SENT.plusSeconds(data.consumeInt(-100_000, 100_000));
      if (data.consumeBoolean()) {
        Map<String, String> answers = new LinkedHashMap<>();
        int k = data.consumeInt(0, 4);
        for (int j = 0; j < k; j++) {
          answers.put(data.consumeString(40), data.consumeString(400));
        }
        if (!answers.isEmpty()) {
          sources.add(ExtractionSource.form(answers, at));
        }
      } else {
        String text = data.consumeString(4_000);
        if (!text.isBlank()) {
          sources.add(ExtractionSource.message(text, at));
        }
      }
    }

    Extraction x = EXTRACTOR.extract(sources, TODAY, ZoneOffset.UTC);

    assertThat(x.values().keySet()).isSubsetOf(FIELDS.stream().map(LeadField::key).toList());
  }
}
