package ai.omniflow.benchmarks;

import ai.omniflow.fields.Condition;
import ai.omniflow.fields.FieldType;
import ai.omniflow.fields.LeadField;
import ai.omniflow.fields.Operator;
import ai.omniflow.routing.Agent;
import ai.omniflow.routing.Availability;
import ai.omniflow.routing.LastResort;
import ai.omniflow.routing.RoutingConfig;
import ai.omniflow.routing.RoutingCounter;
import ai.omniflow.routing.RoutingDecision;
import ai.omniflow.routing.RoutingEngine;
import ai.omniflow.routing.RoutingGroup;
import ai.omniflow.routing.RoutingPolicy;
import ai.omniflow.routing.RoutingRequest;
import ai.omniflow.routing.RoutingRule;
import ai.omniflow.routing.RoutingSnapshot;
import ai.omniflow.routing.Shift;
import ai.omniflow.routing.TimeOff;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One routing decision per operation for a 50-agent org: five groups (round robin, weighted,
 * least-loaded, first-to-claim, and a catch-all round robin), six attribute rules over zip, budget,
 * language, channel and score, sticky routing on, and mixed availability (shifts in three time
 * zones, some agents paused, out of office, inactive or full). The lead rotates through 1,024
 * varied requests (a quarter with a previous owner) and the clock advances one second per
 * operation, so availability windows are crossed as in real traffic. {@code decideAndExplain} also
 * builds the explanation lines. {@code decideWithLanguage} gives each request the lead's language
 * ({@code en}, {@code es}, {@code fr}; a third of the agents speak Spanish, nobody French), so the
 * chain is walked for speakers first and, for French, walked again for everyone (decision 0053).
 * The routing issue's target is 1,000,000 decisions/s per core, single thread.
 *
 * <p>Run:
 *
 * <pre>
 * ./mvnw -B -q -pl omniflow-benchmarks -am package -DskipTests
 * java -jar omniflow-benchmarks/target/benchmarks.jar RoutingBenchmark -f 1 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RoutingBenchmark {
  static final Instant START = Instant.parse("2026-06-01T16:00:00Z");
  static final int LEADS = 1024;

  private RoutingEngine engine;
  private RoutingSnapshot snapshot;
  private RoutingRequest[] requests;
  private RoutingRequest[] withLanguage;
  private int next;
  private long tick;

  @Setup
  public void setUp() {
    List<LeadField> fields =
        List.of(
            new LeadField("zip", "Zip", FieldType.TEXT, List.of()),
            new LeadField("budget", "Budget", FieldType.MONEY, List.of()));
    engine =
        RoutingEngine.compile(
            new RoutingConfig(
                List.of(
                    rule("luxury", leaf("budget", Operator.GTE, 2_000_000), "luxury"),
                    rule("zip_941", leaf("zip", Operator.STARTS_WITH, "941"), "sf"),
                    rule("spanish", leaf("language", Operator.EQ, "es"), "spanish"),
                    rule("referral", leaf("source_channel", Operator.EQ, "referral"), "sf"),
                    rule("hot", leaf("score", Operator.GTE, 80), "hot"),
                    rule(
                        "east_bay",
                        new Condition.Any(
                            List.of(
                                leaf("zip", Operator.STARTS_WITH, "946"),
                                leaf("zip", Operator.STARTS_WITH, "945"))),
                        "spanish")),
                "team",
                true,
                LastResort.POND,
                null),
            fields);
    Random r = new Random(42);
    List<Agent> agents = new ArrayList<>();
    Map<UUID, Integer> open = new HashMap<>();
    List<ZoneId> zones =
        List.of(
            ZoneId.of("America/Los_Angeles"),
            ZoneId.of("America/New_York"),
            ZoneId.of("Europe/Madrid"));
    for (int n = 0; n < 50; n++) {
      ZoneId zone = zones.get(n % 3);
      List<Shift> shifts = new ArrayList<>();
      if (n % 2 == 0) {
        for (DayOfWeek d : DayOfWeek.values()) {
          shifts.add(new Shift(d, LocalTime.of(6 + n % 4, 0), LocalTime.of(20 + n % 3, 0)));
        }
      }
      List<TimeOff> off =
          n % 11 == 0
              ? List.of(
                  new TimeOff(START.minus(Duration.ofDays(1)), START.plus(Duration.ofDays(3))))
              : List.of();
      Agent a =
          new Agent(
              new UUID(7, n),
              null,
              "Agent " + n,
              n % 17 != 0,
              1 + n % 4,
              10 + n % 5,
              n % 3 == 0 ? Set.of("en", "es") : Set.of("en"),
              new Availability(zone, shifts, off, n % 13 == 0));
      agents.add(a);
      open.put(a.id(), n % 9 == 0 ? a.capacity() : r.nextInt(a.capacity()));
    }
    List<RoutingGroup> groups = new ArrayList<>();
    groups.add(group("luxury", RoutingPolicy.WEIGHTED, agents, 0, 8, "hot"));
    groups.add(group("sf", RoutingPolicy.ROUND_ROBIN, agents, 8, 20, "team"));
    groups.add(group("spanish", RoutingPolicy.LEAST_LOADED, agents, 20, 30, "team"));
    groups.add(group("hot", RoutingPolicy.FIRST_TO_CLAIM, agents, 30, 38, "team"));
    groups.add(group("team", RoutingPolicy.ROUND_ROBIN, agents, 0, 50, null));
    List<RoutingCounter> counters = new ArrayList<>();
    for (RoutingGroup g : groups) {
      for (UUID m : g.members()) {
        counters.add(new RoutingCounter(g.key(), m, r.nextInt(100)));
      }
    }
    snapshot = RoutingSnapshot.of(agents, groups, counters, open);
    String[] zips = {"94110", "94607", "94501", "10001", "90210", "94103"};
    String[] languages = {"en", "es", "en", "fr"};
    String[] channels = {"referral", "instagram", "website", "sms"};
    requests = new RoutingRequest[LEADS];
    withLanguage = new RoutingRequest[LEADS];
    for (int k = 0; k < LEADS; k++) {
      var f = engine.facts();
      if (r.nextInt(5) != 0) {
        f.set("zip", zips[r.nextInt(zips.length)]);
      }
      f.set("budget", r.nextInt(10) == 0 ? 2_500_000 : 300_000 + r.nextInt(900_000));
      String language = languages[r.nextInt(languages.length)];
      f.set("language", language);
      f.set("source_channel", channels[r.nextInt(channels.length)]);
      f.set("score", r.nextInt(100));
      RoutingRequest req = RoutingRequest.of(f.build());
      if (r.nextInt(4) == 0) {
        req = req.withPreviousOwner(agents.get(r.nextInt(50)).id());
      }
      requests[k] = req;
      withLanguage[k] = req.withLanguage(language);
    }
  }

  private static RoutingRule rule(String key, Condition when, String group) {
    return new RoutingRule(key, when, group);
  }

  private static Condition leaf(String field, Operator op, Object value) {
    return new Condition.Leaf(field, op, List.of(value));
  }

  private static RoutingGroup group(
      String key, RoutingPolicy policy, List<Agent> agents, int from, int to, String fallback) {
    return new RoutingGroup(
        key,
        key,
        policy,
        agents.subList(from, to).stream().map(Agent::id).toList(),
        Duration.ofMinutes(5),
        fallback);
  }

  private RoutingRequest nextRequest() {
    RoutingRequest req = requests[next];
    next = (next + 1) & (LEADS - 1);
    return req;
  }

  private RoutingRequest nextWithLanguage() {
    RoutingRequest req = withLanguage[next];
    next = (next + 1) & (LEADS - 1);
    return req;
  }

  @Benchmark
  public RoutingDecision decide() {
    return engine.decide(nextRequest(), snapshot, START.plusSeconds(tick++));
  }

  /** As {@link #decide}, each lead carrying its language: routing prefers its speakers first. */
  @Benchmark
  public RoutingDecision decideWithLanguage() {
    return engine.decide(nextWithLanguage(), snapshot, START.plusSeconds(tick++));
  }

  @Benchmark
  public List<String> decideAndExplain() {
    return engine.decide(nextRequest(), snapshot, START.plusSeconds(tick++)).explanation();
  }
}
