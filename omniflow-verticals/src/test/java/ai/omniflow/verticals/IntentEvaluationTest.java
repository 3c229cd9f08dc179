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
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Measures the default intent classifier on the hand-labelled messages of each shipped pack ({@code
 * src/test/resources/intents/<pack>/}, see the README there) and prints accuracy, macro-F1 and the
 * confusion matrix of the development part and of the held-out evaluation part.
 *
 * <p>The evaluation part ({@code eval.tsv}) is read only here; its messages are never printed, only
 * the aggregate figures. Setting the system property {@code omniflow.intents.devErrors} prints the
 * misclassified development messages, for tuning the pack definitions against {@code dev.tsv}.
 *
 * <p>The target, an evaluation macro-F1 of at least 0.85 per pack, is asserted as it
 * stands: at the last measured run (recorded with the dev figures in {@code docs/intents.md}) the
 * packs reached 0.892 (generic) and 0.859 (real-estate). Definitions were tuned on {@code dev.tsv};
 * eval figures were looked at three times, with two vocabulary changes in between, as the docs say.
 *
 * <p>Run with {@code mvn -B -q -pl omniflow-verticals -am verify}; the figures are in {@code
 * omniflow-verticals/target/surefire-reports/ai.omniflow.verticals.IntentEvaluationTest-output.txt}.
 */
class IntentEvaluationTest {
  private static final double TARGET_MACRO_F1 = 0.85;

  private final PackIntentClassifier classifier = PackIntentClassifier.ofDefaults();

  /** The packs that have the first sets ({@code dev}, {@code eval}, {@code fresh}). */
  static Stream<String> shippedPacks() {
    return Stream.of("generic", "real-estate");
  }

  @ParameterizedTest(name = "{0}: the development part is classified and its figures printed")
  @MethodSource("shippedPacks")
  void theDevelopmentPartIsClassifiedAndItsFiguresPrinted(String slug) {
    VerticalPack pack = pack(slug);
    Figures dev = evaluate(pack, "dev", Boolean.getBoolean("omniflow.intents.devErrors"));
    System.out.println(dev.report());
    assertThat(dev.total()).isPositive();
  }

  @ParameterizedTest(name = "{0}: the held-out evaluation part reaches the target macro-F1 of 0.85")
  @MethodSource("shippedPacks")
  void theHeldOutEvaluationPartReachesTheTargetMacroF1(String slug) {
    VerticalPack pack = pack(slug);
    Figures eval = evaluate(pack, "eval", false);
    System.out.println(eval.report());
    assertThat(eval.macroF1())
        .as("eval macro-F1 of %s", slug)
        .isGreaterThanOrEqualTo(TARGET_MACRO_F1);
  }

  /**
   * The second held-out part ({@code fresh.tsv}), written by someone else after the definitions
   * were finished and never used for tuning: the honest measure of the shipped definitions. Its
   * figures are printed and recorded in docs/intents.md; the assertion is a floor well under the
   * target that catches a broken classifier, not the target itself, which the docs compare it
   * against.
   */
  @ParameterizedTest(name = "{0}: the second held-out part is classified and its figures printed")
  @MethodSource("shippedPacks")
  void theSecondHeldOutPartIsClassifiedAndItsFiguresPrinted(String slug) {
    VerticalPack pack = pack(slug);
    Figures fresh = evaluate(pack, "fresh", false);
    System.out.println(fresh.report());
    assertThat(fresh.macroF1()).as("fresh macro-F1 of %s", slug).isGreaterThan(0.6);
  }

  private static VerticalPack pack(String slug) {
    return ClasspathPackSource.shipped().packs().stream()
        .filter(p -> p.slug().equals(slug))
        .findFirst()
        .orElseThrow();
  }

  private Figures evaluate(VerticalPack pack, String part, boolean printErrors) {
    List<String> labels = pack.intents().stream().map(VerticalPack.Intent::key).toList();
    int[][] confusion = new int[labels.size()][labels.size()];
    List<String> errors = new ArrayList<>();
    for (String[] row : rows(pack.slug(), part)) {
      int expected = labels.indexOf(row[0]);
      assertThat(expected).as("label %s is an intent of %s", row[0], pack.slug()).isNotNegative();
      IntentPrediction p = classifier.classify(row[1], pack);
      int actual = labels.indexOf(p.intent());
      confusion[expected][actual]++;
      if (printErrors && expected != actual) {
        errors.add(
            String.format(
                Locale.ROOT,
                "  want %-22s got %-22s %.2f %s  | %s",
                row[0],
                p.intent(),
                p.confidence(),
                p.matched(),
                row[1]));
      }
    }
    errors.forEach(System.out::println);
    return new Figures(pack.slug(), part, labels, confusion);
  }

  private static List<String[]> rows(String slug, String part) {
    String resource = "intents/" + slug + "/" + part + ".tsv";
    try (InputStream in =
        IntentEvaluationTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      String content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      List<String[]> rows = new ArrayList<>();
      List<String> lines = content.lines().toList();
      assertThat(lines.get(0)).isEqualTo("label\ttext");
      for (String line : lines.subList(1, lines.size())) {
        if (!line.isBlank()) {
          rows.add(line.split("\t", 2));
        }
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Accuracy, per-label F1 and the confusion matrix (rows: true label, columns: predicted). */
  record Figures(String slug, String part, List<String> labels, int[][] confusion) {
    int total() {
      int n = 0;
      for (int[] row : confusion) {
        for (int c : row) {
          n += c;
        }
      }
      return n;
    }

    double accuracy() {
      int right = 0;
      for (int i = 0; i < labels.size(); i++) {
        right += confusion[i][i];
      }
      return total() == 0 ? 0 : (double) right / total();
    }

    double f1(int label) {
      int tp = confusion[label][label];
      int predicted = 0;
      int actual = 0;
      for (int i = 0; i < labels.size(); i++) {
        predicted += confusion[i][label];
        actual += confusion[label][i];
      }
      if (tp == 0) {
        return 0;
      }
      double precision = (double) tp / predicted;
      double recall = (double) tp / actual;
      return 2 * precision * recall / (precision + recall);
    }

    /** The mean F1 over the labels that occur in the data. */
    double macroF1() {
      double sum = 0;
      int n = 0;
      for (int i = 0; i < labels.size(); i++) {
        int actual = 0;
        for (int c : confusion[i]) {
          actual += c;
        }
        if (actual > 0) {
          sum += f1(i);
          n++;
        }
      }
      return n == 0 ? 0 : sum / n;
    }

    String report() {
      StringBuilder out = new StringBuilder();
      out.append(
          String.format(
              Locale.ROOT,
              "%n=== intents %s / %s: %d messages, accuracy %.3f, macro-F1 %.3f ===%n",
              slug,
              part,
              total(),
              accuracy(),
              macroF1()));
      out.append("confusion (rows: true label, columns: predicted, in this order):\n");
      StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-24s", ""));
      for (int j = 0; j < labels.size(); j++) {
        header.append(String.format(Locale.ROOT, "%5s", "c" + (j + 1)));
      }
      out.append(header).append("    F1\n");
      for (int i = 0; i < labels.size(); i++) {
        out.append(String.format(Locale.ROOT, "%-24s", "c" + (i + 1) + " " + labels.get(i)));
        for (int j = 0; j < labels.size(); j++) {
          out.append(String.format(Locale.ROOT, "%5d", confusion[i][j]));
        }
        out.append(String.format(Locale.ROOT, "  %.3f%n", f1(i)));
      }
      return out.toString();
    }
  }
}
