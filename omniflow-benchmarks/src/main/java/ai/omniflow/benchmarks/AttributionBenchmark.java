package ai.omniflow.benchmarks;

import ai.omniflow.attribution.Attribution;
import ai.omniflow.attribution.AttributionModel;
import ai.omniflow.attribution.AttributionResult;
import ai.omniflow.attribution.PathCsv;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Attribution over a CSV of journeys ({@link AttributionData}, seed 42), one whole computation per
 * operation: {@code readCsv} reads and tallies the file only; {@code allModels} reads it and
 * computes every model with its defaults (the target: 1,000,000 journeys in at most 1.0 s
 * on 2 cores); {@code heuristics} the eight rule-based models and {@code markov}, {@code markov3}
 * and {@code shapley} the data-driven ones, each over a tally read once in setup. {@link
 * AttributionRunner} prints the same per model with the heap.
 *
 * <pre>
 * ./mvnw -B -q -pl omniflow-benchmarks -am package -DskipTests
 * java -Xmx300m -jar omniflow-benchmarks/target/benchmarks.jar AttributionBenchmark -f 1 -wi 2 -i 3
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx300m")
public class AttributionBenchmark {
  @Param("1000000")
  public long journeys;

  private Path csv;
  private Attribution all;
  private Attribution.Tally tally;
  private final List<AttributionModel> heuristics =
      List.of(
          new AttributionModel.FirstTouch(),
          new AttributionModel.LastTouch(),
          new AttributionModel.LastNonDirect(),
          new AttributionModel.Linear(),
          new AttributionModel.TimeDecay(),
          new AttributionModel.UShaped(),
          new AttributionModel.WShaped(),
          new AttributionModel.FullPath());
  private final AttributionModel markov3 = new AttributionModel.Markov(3);

  @Setup
  public void setUp() throws IOException {
    csv = AttributionData.write(journeys, 42L);
    all = Attribution.builder().build();
    tally =
        Attribution.builder()
            .models(
                List.<AttributionModel>of(
                    new AttributionModel.FirstTouch(),
                    new AttributionModel.LastTouch(),
                    new AttributionModel.LastNonDirect(),
                    new AttributionModel.Linear(),
                    new AttributionModel.TimeDecay(),
                    new AttributionModel.UShaped(),
                    new AttributionModel.WShaped(),
                    new AttributionModel.FullPath(),
                    new AttributionModel.Markov(),
                    markov3,
                    new AttributionModel.Shapley(),
                    new AttributionModel.Shapley(true)))
            .build()
            .tally();
    try (InputStream in = Files.newInputStream(csv)) {
      PathCsv.read(in, tally).orThrow();
    }
  }

  @Benchmark
  public int readCsv() throws IOException {
    Attribution.Tally t = all.tally();
    try (InputStream in = Files.newInputStream(csv)) {
      PathCsv.read(in, t).orThrow();
    }
    return t.paths();
  }

  @Benchmark
  public List<AttributionResult> allModels() throws IOException {
    try (InputStream in = Files.newInputStream(csv)) {
      return all.computeCsv(in);
    }
  }

  @Benchmark
  public int heuristics() {
    int n = 0;
    for (AttributionModel m : heuristics) {
      n += tally.result(m).credits().size();
    }
    return n;
  }

  @Benchmark
  public AttributionResult markov() {
    return tally.result(new AttributionModel.Markov());
  }

  @Benchmark
  public AttributionResult markov3() {
    return tally.result(markov3);
  }

  @Benchmark
  public AttributionResult shapley() {
    return tally.result(new AttributionModel.Shapley());
  }
}
