package ai.omniflow.verticals;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.assist.IntentPrediction;
import ai.omniflow.assist.PackIntentClassifier;
import ai.omniflow.pack.VerticalPack;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The intent-quality guard of every shipped pack, in English and Spanish: classifies the pack's
 * labelled set ({@code src/test/resources/intents/<pack>/tune.tsv} and {@code holdout.tsv}, see the
 * README there and docs/intents.md) and prints, per part, accuracy, macro-F1, accuracy per
 * language, the confusion matrix and each intent's F1.
 *
 * <p>The held-out part is read only here and only its aggregate figures are printed, never its
 * messages; it fails the build when a pack's held-out macro-F1 falls below the pack's floor ({@link
 * #FLOORS}: the figure at the last look less 0.015, as docs/intents.md records). The outside-style
 * set ({@code outside.tsv}) is guarded the same way ({@link #OUTSIDE_FLOORS}). Setting the system
 * property {@code omniflow.intents.tuneErrors} prints the misclassified <em>tuning</em> messages,
 * for tuning the pack definitions against {@code tune.tsv} only.
 *
 * <p>Runs in {@code ./mvnw verify}; the figures land in {@code
 * omniflow-verticals/target/surefire-reports/ai.omniflow.verticals.IntentQualityTest-output.txt}.
 */
class IntentQualityTest {
  /** The target: every pack's held-out macro-F1 at least 0.90 (issue 17). */
  static final double TARGET = 0.90;

  /**
   * Each pack's held-out floor: the macro-F1 measured at the last look, less 0.015 (docs/intents.md
   * records every look), so a regression shows before the target is lost. Look 6 (generic 0.936,
   * real-estate 0.928, home-services 0.962, med-spa 0.908) is the first at which every pack reaches
   * the {@link #TARGET}; med-spa's floor is the target itself.
   */
  private static final Map<String, Double> FLOORS =
      Map.of("generic", 0.921, "real-estate", 0.913, "home-services", 0.947, "med-spa", 0.90);

  /**
   * Each pack's floor on its outside-style set ({@code intents/<pack>/outside.tsv}: shorthand,
   * typos, Spanish, bare keywords, written before the classifier's shorthand and word-form reading
   * and never used for tuning): the macro-F1 measured at its last run, less 0.015 (real-estate and
   * med-spa rose from 0.896 and 0.962 to 0.915 and 0.980 with the second tuning round).
   */
  private static final Map<String, Double> OUTSIDE_FLOORS =
      Map.of("generic", 0.915, "real-estate", 0.900, "home-services", 0.921, "med-spa", 0.965);

  private final PackIntentClassifier classifier = PackIntentClassifier.ofDefaults();

  static Stream<String> shippedPacks() {
    return ClasspathPackSource.shipped().packs().stream().map(VerticalPack::slug);
  }

  /**
   * The packs with a second tuning part ({@code tune2.tsv}: messages written after the first round
   * of tuning had used up {@code tune.tsv}, see the README beside them).
   */
  static Stream<String> packsWithASecondTuningPart() {
    return shippedPacks()
        .filter(
            slug ->
                IntentQualityTest.class
                        .getClassLoader()
                        .getResource("intents/" + slug + "/tune2.tsv")
                    != null);
  }

  @ParameterizedTest(name = "{0}: the labelled set has 200 messages, a fifth Spanish, parts apart")
  @MethodSource("shippedPacks")
  void theLabelledSetIsLargeEnoughPartlySpanishAndItsPartsShareNoMessage(String slug) {
    List<Row> tune = rows(slug, "tune");
    List<Row> holdout = rows(slug, "holdout");
    List<Row> all = new ArrayList<>(tune);
    all.addAll(holdout);
    long spanish = all.stream().filter(r -> r.language().equals("es")).count();
    assertThat(all).as("messages of %s", slug).hasSizeGreaterThanOrEqualTo(200);
    assertThat(spanish * 5)
        .as("Spanish messages of %s, times 5", slug)
        .isGreaterThanOrEqualTo(all.size());
    Set<String> tuneTexts = new HashSet<>();
    tune.forEach(r -> tuneTexts.add(r.normalized()));
    assertThat(holdout).noneMatch(r -> tuneTexts.contains(r.normalized()));
    assertThat(all).allMatch(r -> r.language().equals("en") || r.language().equals("es"));
  }

  @ParameterizedTest(name = "{0}: the tuning part is classified and its figures printed")
  @MethodSource("shippedPacks")
  void theTuningPartIsClassifiedAndItsFiguresPrinted(String slug) {
    Result tune = evaluate(pack(slug), "tune", Boolean.getBoolean("omniflow.intents.tuneErrors"));
    System.out.println(tune.report());
    assertThat(tune.figures().total()).isPositive();
  }

  @ParameterizedTest(name = "{0}: the second tuning part shares no message with the other parts")
  @MethodSource("packsWithASecondTuningPart")
  void theSecondTuningPartSharesNoMessageWithTheOtherParts(String slug) {
    List<Row> tune2 = rows(slug, "tune2");
    Set<String> others = new HashSet<>();
    for (String part : List.of("tune", "holdout", "outside")) {
      rows(slug, part).forEach(r -> others.add(r.normalized()));
    }
    assertThat(tune2).noneMatch(r -> others.contains(r.normalized()));
    assertThat(tune2).allMatch(r -> r.language().equals("en") || r.language().equals("es"));
  }

  @ParameterizedTest(name = "{0}: the second tuning part is classified and its figures printed")
  @MethodSource("packsWithASecondTuningPart")
  void theSecondTuningPartIsClassifiedAndItsFiguresPrinted(String slug) {
    Result tune2 = evaluate(pack(slug), "tune2", Boolean.getBoolean("omniflow.intents.tuneErrors"));
    System.out.println(tune2.report());
    assertThat(tune2.figures().total()).isPositive();
  }

  @ParameterizedTest(
      name = "{0}: the held-out part reaches the target of 0.90 and the pack's macro-F1 floor")
  @MethodSource("shippedPacks")
  void theHeldOutPartReachesTheTargetAndThePacksMacroF1Floor(String slug) {
    Result holdout = evaluate(pack(slug), "holdout", false);
    System.out.println(holdout.report());
    assertThat(holdout.figures().macroF1())
        .as("held-out macro-F1 of %s against the issue's target", slug)
        .isGreaterThanOrEqualTo(TARGET);
    assertThat(holdout.figures().macroF1())
        .as("held-out macro-F1 of %s against its floor", slug)
        .isGreaterThanOrEqualTo(FLOORS.get(slug));
  }

  @ParameterizedTest(name = "{0}: the outside-style set reaches the pack's macro-F1 floor")
  @MethodSource("shippedPacks")
  void theOutsideStyleSetReachesThePacksMacroF1Floor(String slug) {
    Result outside = evaluate(pack(slug), "outside", false);
    System.out.println(outside.report());
    assertThat(outside.figures().macroF1())
        .as("outside-style macro-F1 of %s", slug)
        .isGreaterThanOrEqualTo(OUTSIDE_FLOORS.get(slug));
  }

  private static VerticalPack pack(String slug) {
    return ClasspathPackSource.shipped().packs().stream()
        .filter(p -> p.slug().equals(slug))
        .findFirst()
        .orElseThrow();
  }

  private Result evaluate(VerticalPack pack, String part, boolean printErrors) {
    List<String> labels = pack.intents().stream().map(VerticalPack.Intent::key).toList();
    int[][] confusion = new int[labels.size()][labels.size()];
    int[] right = new int[2];
    int[] total = new int[2];
    List<String> errors = new ArrayList<>();
    for (Row row : rows(pack.slug(), part)) {
      int expected = labels.indexOf(row.label());
      assertThat(expected)
          .as("label %s is an intent of %s", row.label(), pack.slug())
          .isNotNegative();
      IntentPrediction p = classifier.classify(row.text(), pack);
      int actual = labels.indexOf(p.intent());
      confusion[expected][actual]++;
      int language = row.language().equals("es") ? 1 : 0;
      total[language]++;
      if (expected == actual) {
        right[language]++;
      } else if (printErrors) {
        errors.add(
            String.format(
                Locale.ROOT,
                "  want %-22s got %-22s %.2f %s  | %s",
                row.label(),
                p.intent(),
                p.confidence(),
                p.matched(),
                row.text()));
      }
    }
    errors.forEach(System.out::println);
    return new Result(
        new IntentEvaluationTest.Figures(pack.slug(), part, labels, confusion), right, total);
  }

  private static List<Row> rows(String slug, String part) {
    String resource = "intents/" + slug + "/" + part + ".tsv";
    try (InputStream in = IntentQualityTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      assertThat(lines.get(0)).isEqualTo("label\tlanguage\ttext");
      List<Row> rows = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        if (!line.isBlank()) {
          String[] f = line.split("\t", 3);
          assertThat(f).as("a row of %s", resource).hasSize(3);
          rows.add(new Row(f[0], f[1], f[2]));
        }
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record Row(String label, String language, String text) {
    String normalized() {
      return String.join(" ", text.toLowerCase(Locale.ROOT).strip().split("\\s+"));
    }
  }

  private record Result(IntentEvaluationTest.Figures figures, int[] right, int[] total) {
    String report() {
      return figures.report()
          + String.format(
              Locale.ROOT,
              "accuracy by language: en %s (%d messages), es %s (%d messages)%n",
              ratio(right[0], total[0]),
              total[0],
              ratio(right[1], total[1]),
              total[1]);
    }

    private static String ratio(int right, int total) {
      return total == 0 ? "-" : String.format(Locale.ROOT, "%.3f", (double) right / total);
    }
  }
}
