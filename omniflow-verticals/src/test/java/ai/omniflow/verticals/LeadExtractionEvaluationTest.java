package ai.omniflow.verticals;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.leads.Extraction;
import ai.omniflow.leads.ExtractionSource;
import ai.omniflow.leads.LeadFieldExtractor;
import ai.omniflow.pack.VerticalPack;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Measures lead field extraction with the shipped packs on hand-labelled messages ({@code
 * src/test/resources/leads/}, see the README there): precision and recall of field values, over all
 * fields and per field, for the development part and the held-out evaluation part.
 *
 * <p>The evaluation part is read only here and only its figures are printed. Setting the system
 * property {@code omniflow.leads.devErrors} prints the development messages that were read wrong.
 * The assertions are floors that catch a broken extractor; the figures are recorded in {@code
 * docs/leads.md}.
 *
 * <p>Run with {@code ./mvnw -B -q -pl omniflow-verticals -am test
 * -Dtest=LeadExtractionEvaluationTest -Dsurefire.failIfNoSpecifiedTests=false}; the figures are in
 * {@code
 * omniflow-verticals/target/surefire-reports/ai.omniflow.verticals.LeadExtractionEvaluationTest-output.txt}.
 */
class LeadExtractionEvaluationTest {
  static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
  static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
  static final Instant SENT = TODAY.atTime(12, 0).atZone(ZONE).toInstant();

  @Test
  void theDevelopmentPartIsReadWithHighPrecision() {
    Figures dev = evaluate("dev", Boolean.getBoolean("omniflow.leads.devErrors"));
    System.out.println(dev.report("dev"));
    assertThat(dev.precision()).isGreaterThanOrEqualTo(0.9);
    assertThat(dev.recall()).isGreaterThanOrEqualTo(0.6);
  }

  @Test
  void theHeldOutPartIsReadWithHighPrecision() {
    Figures eval = evaluate("eval", false);
    System.out.println(eval.report("eval"));
    assertThat(eval.precision()).isGreaterThanOrEqualTo(0.8);
    assertThat(eval.recall()).isGreaterThanOrEqualTo(0.5);
  }

  static final class Figures {
    int messages;
    final Map<String, int[]> perField = new TreeMap<>(); // tp, fp, fn

    int[] of(String field) {
      return perField.computeIfAbsent(field, k -> new int[3]);
    }

    int sum(int i) {
      return perField.values().stream().mapToInt(a -> a[i]).sum();
    }

    double precision() {
      int tp = sum(0);
      return tp + sum(1) == 0 ? 1 : (double) tp / (tp + sum(1));
    }

    double recall() {
      int tp = sum(0);
      return tp + sum(2) == 0 ? 1 : (double) tp / (tp + sum(2));
    }

    String report(String part) {
      StringBuilder b = new StringBuilder();
      b.append(
          String.format(
              "lead extraction, %s: %d messages, %d labelled values; precision %.3f (%d/%d), recall %.3f (%d/%d)%n",
              part,
              messages,
              sum(0) + sum(2),
              precision(),
              sum(0),
              sum(0) + sum(1),
              recall(),
              sum(0),
              sum(0) + sum(2)));
      perField.forEach(
          (k, a) ->
              b.append(String.format("  %-15s tp %2d  fp %2d  fn %2d%n", k, a[0], a[1], a[2])));
      return b.toString();
    }
  }

  static Figures evaluate(String part, boolean printErrors) {
    Map<String, LeadFieldExtractor> extractors = new LinkedHashMap<>();
    for (VerticalPack pack : ClasspathPackSource.shipped().packs()) {
      extractors.put(pack.slug(), LeadFieldExtractor.of(pack));
    }
    Figures figures = new Figures();
    for (String line : lines("leads/" + part + ".tsv")) {
      String[] cols = line.split("\t");
      Map<String, String> expected = new TreeMap<>();
      if (!cols[2].strip().equals("-")) {
        for (String kv : cols[2].split(" ; ")) {
          int eq = kv.indexOf('=');
          expected.put(kv.substring(0, eq).strip(), kv.substring(eq + 1).strip());
        }
      }
      Extraction x =
          Objects.requireNonNull(extractors.get(cols[0]), cols[0])
              .extract(List.of(ExtractionSource.message(cols[1], SENT)), TODAY, ZONE);
      Map<String, String> got = new TreeMap<>();
      x.values().forEach((k, v) -> got.put(k, text(v)));
      figures.messages++;
      for (Map.Entry<String, String> e : got.entrySet()) {
        if (e.getValue().equals(expected.get(e.getKey()))) {
          figures.of(e.getKey())[0]++;
        } else {
          figures.of(e.getKey())[1]++;
        }
      }
      for (Map.Entry<String, String> e : expected.entrySet()) {
        if (!e.getValue().equals(got.get(e.getKey()))) {
          figures.of(e.getKey())[2]++;
        }
      }
      if (printErrors && !got.equals(expected)) {
        System.out.println("  " + cols[1] + "\n    expected " + expected + "\n    got      " + got);
      }
    }
    return figures;
  }

  private static String text(Object value) {
    return value instanceof BigDecimal d ? d.toPlainString() : value.toString();
  }

  private static List<String> lines(String resource) {
    try (InputStream in =
        LeadExtractionEvaluationTest.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(l -> !l.isBlank() && !l.startsWith("#"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
