package ai.omniflow.benchmarks;

import ai.omniflow.fields.LeadField;
import ai.omniflow.leads.Extraction;
import ai.omniflow.leads.ExtractionSource;
import ai.omniflow.leads.LeadFieldExtractor;
import ai.omniflow.pack.PackCatalog;
import ai.omniflow.pack.VerticalPack;
import ai.omniflow.verticals.ClasspathPackSource;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Lead field extraction (every field of the real-estate and generic packs) of one adversarial
 * message, for each reader pattern that used to be quadratic, at 5,000, 10,000 and 20,000
 * characters: the target is at most 50 ms at 20,000 characters and time growing linearly with
 * length (issue 9, item 5). Figures are in docs/performance.md, "Text readers on hostile input".
 *
 * <p>Run:
 *
 * <pre>
 * ./mvnw -B -q -pl omniflow-benchmarks -am package -DskipTests
 * java -jar omniflow-benchmarks/target/benchmarks.jar TextReaderBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class TextReaderBenchmark {
  private static final Instant SENT = Instant.parse("2026-03-01T10:00:00Z");
  private static final LocalDate TODAY = LocalDate.of(2026, 3, 2);

  /** Which adversarial message: a unit repeated to the length. */
  @Param({"fractions", "weekdays", "negatedWeekdays", "moveInJune", "amounts", "runOnWord"})
  public String pattern;

  @Param({"5000", "10000", "20000"})
  public int length;

  private LeadFieldExtractor extractor;
  private String message;

  @Setup
  public void setUp() {
    PackCatalog catalog = PackCatalog.of(ClasspathPackSource.shipped());
    List<LeadField> fields = new ArrayList<>();
    fields.addAll(catalog.require("real-estate").leadFields());
    fields.addAll(catalog.require("generic").leadFields());
    extractor = LeadFieldExtractor.of(fields, VerticalPack.DEFAULT_NEGATION_WORDS);
    String unit =
        switch (pattern) {
          case "fractions" -> "1/2 ";
          case "weekdays" -> "monday ";
          case "negatedWeekdays" -> "not monday ";
          case "moveInJune" -> "move in June ";
          case "amounts" -> "$5k ";
          case "runOnWord" -> "a";
          default -> throw new IllegalArgumentException(pattern);
        };
    message = unit.repeat(length / unit.length());
  }

  @Benchmark
  public Extraction extract() {
    return extractor.extract(
        List.of(ExtractionSource.message(message, SENT)), TODAY, ZoneOffset.UTC);
  }
}
