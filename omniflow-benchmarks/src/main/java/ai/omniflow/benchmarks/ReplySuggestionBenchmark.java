package ai.omniflow.benchmarks;

import ai.omniflow.assist.Facts;
import ai.omniflow.assist.Guardrails;
import ai.omniflow.assist.IntentPrediction;
import ai.omniflow.assist.PackIntentClassifier;
import ai.omniflow.assist.Suggestion;
import ai.omniflow.assist.SuggestionRequest;
import ai.omniflow.assist.TemplateReplySuggester;
import ai.omniflow.pack.PackCatalog;
import ai.omniflow.pack.VerticalPack;
import ai.omniflow.verticals.ClasspathPackSource;
import java.time.Instant;
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
 * The inbox issue's target, measured: default intent classification plus a grounded suggestion
 * ({@link TemplateReplySuggester}) per message, on the shipped packs, one message per operation,
 * single-threaded, cycling through the same realistic messages as {@link
 * IntentClassifierBenchmark}. {@code classifyOnly} runs beside it so the cost of the suggestion
 * itself reads as the difference. Target: {@code suggest} ≥ 20,000 ops/s on one core.
 *
 * <p>Run:
 *
 * <pre>
 * ./mvnw -B -q -pl omniflow-benchmarks -am package -DskipTests
 * java -jar omniflow-benchmarks/target/benchmarks.jar ReplySuggestionBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ReplySuggestionBenchmark {
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  private static final List<String> MESSAGES = IntentClassifierBenchmark.MESSAGES;

  @Param({"real-estate", "generic"})
  public String packSlug;

  private PackIntentClassifier classifier;
  private TemplateReplySuggester suggester;
  private List<SuggestionRequest> requests;
  private VerticalPack pack;
  private int next;

  @Setup
  public void setUp() {
    classifier = PackIntentClassifier.ofDefaults();
    suggester = TemplateReplySuggester.builder().classifier(classifier).build();
    pack = PackCatalog.of(ClasspathPackSource.shipped()).require(packSlug);
    Facts facts =
        Facts.builder()
            .put(Facts.CONTACT_FIRST_NAME, "Ana")
            .put(Facts.CONTACT_NAME, "Ana Ruiz")
            .put(Facts.AGENT_NAME, "Sam Lee")
            .put(Facts.ORG_NAME, "Elm Realty")
            .put(Facts.BOOKING_LINK, "https://cal.example/sam")
            .lead("budget", "450000 EUR")
            .build();
    Guardrails guardrails = Guardrails.of("instagram_dm", NOW.minusSeconds(600), NOW);
    requests =
        MESSAGES.stream().map(m -> new SuggestionRequest(pack, m, facts, guardrails)).toList();
    requests.forEach(suggester::suggest);
  }

  @Benchmark
  public Suggestion suggest() {
    SuggestionRequest request = requests.get(next);
    next = next + 1 == requests.size() ? 0 : next + 1;
    return suggester.suggest(request);
  }

  @Benchmark
  public IntentPrediction classifyOnly() {
    String text = MESSAGES.get(next);
    next = next + 1 == MESSAGES.size() ? 0 : next + 1;
    return classifier.classify(text, pack);
  }
}
