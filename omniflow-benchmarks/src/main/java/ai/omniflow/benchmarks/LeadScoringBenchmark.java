package ai.omniflow.benchmarks;

import ai.omniflow.pack.PackCatalog;
import ai.omniflow.pack.VerticalPack;
import ai.omniflow.scoring.CompiledRules;
import ai.omniflow.scoring.LeadFacts;
import ai.omniflow.scoring.RuleScorer;
import ai.omniflow.scoring.Score;
import ai.omniflow.verticals.ClasspathPackSource;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
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
 * Rule scoring with explanation on the shipped real-estate pack's 20 rules, one lead per operation,
 * rotating through 1,024 varied leads (budgets in every band and missing, each timeline,
 * pre-approved or not, zips in and out of the served area, channels, intents, zero to five
 * engagement events of various ages). {@code handWritten} is the same 20 checks, caps and decay
 * written as a plain Java {@code if} chain over a plain object, building the same explanation, for
 * the ratio. The lead issue's target is 3,000,000 leads/s per core, single thread.
 *
 * <p>Run:
 *
 * <pre>
 * ./mvnw -B -q -pl omniflow-benchmarks -am package -DskipTests
 * java -jar omniflow-benchmarks/target/benchmarks.jar LeadScoringBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LeadScoringBenchmark {
  static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  static final int LEADS = 1024;

  private CompiledRules rules;
  private LeadFacts[] facts;
  private Lead[] leads;
  private int next;

  /** The plain object the hand-written baseline reads. */
  record Lead(
      BigDecimal budget,
      String area,
      String zip,
      String timeline,
      String propertyType,
      Boolean preApproved,
      String sourceChannel,
      String lastIntent,
      int inboundCount,
      long latestEngagementMillis) {}

  /** One line of the hand-written explanation. */
  record Line(String key, String group, int points) {}

  @Setup
  public void setUp() {
    VerticalPack pack = PackCatalog.of(ClasspathPackSource.shipped()).require("real-estate");
    rules = pack.compiledScoring().orElseThrow();
    Random r = new Random(42);
    String[] timelines = {
      "As soon as possible",
      "Within 3 months",
      "3 to 6 months",
      "6 to 12 months",
      "Just browsing",
      null
    };
    String[] types = {"House", "Condo", "Townhouse", "Multi-family", "Land", null};
    String[] channels = {"referral", "website", "portal_zillow", "facebook", "sms", null};
    String[] intents = {
      "showing_request",
      "pricing_question",
      "financing_question",
      "availability_question",
      "general_question",
      "not_interested",
      "opt_out",
      null
    };
    facts = new LeadFacts[LEADS];
    leads = new Lead[LEADS];
    for (int i = 0; i < LEADS; i++) {
      BigDecimal budget =
          r.nextInt(6) == 0 ? null : BigDecimal.valueOf(50_000L * (1 + r.nextInt(30)));
      String area = r.nextBoolean() ? "Pacific Heights" : null;
      String zip =
          r.nextInt(3) == 0 ? null : (r.nextBoolean() ? "941" : "950") + (10 + r.nextInt(80));
      String timeline = timelines[r.nextInt(timelines.length)];
      String type = types[r.nextInt(types.length)];
      Boolean pre = r.nextInt(3) == 0 ? null : r.nextBoolean();
      String channel = channels[r.nextInt(channels.length)];
      String intent = intents[r.nextInt(intents.length)];
      int events = r.nextInt(6);
      LeadFacts.Builder b = rules.facts();
      b.set("budget", budget).set("area", area).set("zip", zip).set("timeline", timeline);
      b.set("property_type", type).set("pre_approved", pre).set("source_channel", channel);
      b.lastIntent(intent);
      long latest = Long.MIN_VALUE;
      for (int e = 0; e < events; e++) {
        Instant at = NOW.minus(Duration.ofHours(r.nextInt(24 * 30)));
        b.engagement(at);
        latest = Math.max(latest, at.toEpochMilli());
      }
      facts[i] = b.build();
      leads[i] = new Lead(budget, area, zip, timeline, type, pre, channel, intent, events, latest);
    }
  }

  @Benchmark
  public Score compiledRules() {
    int i = next++ & (LEADS - 1);
    return RuleScorer.score(facts[i], rules, NOW);
  }

  @Benchmark
  public List<Line> handWritten() {
    int i = next++ & (LEADS - 1);
    return HandWritten.score(leads[i], NOW.toEpochMilli());
  }

  /** The real-estate pack's 20 rules, caps and decay, written by hand. */
  static final class HandWritten {
    private static final Pattern SERVED_ZIP = Pattern.compile("^94[01][0-9]{2}$");
    private static final double HALF_LIFE = Duration.ofDays(7).toMillis();

    static List<Line> score(Lead l, long now) {
      List<Line> out = new ArrayList<>(8);
      int fit = 0;
      int eng = 0;
      int intent = 0;
      double budget = l.budget() == null ? Double.NaN : l.budget().doubleValue();
      if (budget >= 1_000_000) {
        out.add(new Line("budget_luxury", "fit", 20));
        fit += 20;
      }
      if (budget >= 500_000 && budget <= 999_999) {
        out.add(new Line("budget_upper", "fit", 15));
        fit += 15;
      }
      if (budget >= 250_000 && budget <= 499_999) {
        out.add(new Line("budget_mid", "fit", 10));
        fit += 10;
      }
      if (budget < 250_000) {
        out.add(new Line("budget_low", "fit", 3));
        fit += 3;
      }
      if (l.budget() == null) {
        out.add(new Line("budget_unknown", "fit", -5));
        fit -= 5;
      }
      if (Boolean.TRUE.equals(l.preApproved())) {
        out.add(new Line("pre_approved", "fit", 15));
        fit += 15;
      }
      String t = l.timeline();
      if ("As soon as possible".equals(t) || "Within 3 months".equals(t)) {
        out.add(new Line("timeline_soon", "fit", 15));
        fit += 15;
      }
      if ("3 to 6 months".equals(t) || "6 to 12 months".equals(t)) {
        out.add(new Line("timeline_later", "fit", 5));
        fit += 5;
      }
      if ("Just browsing".equals(t)) {
        out.add(new Line("just_browsing", "fit", -10));
        fit -= 10;
      }
      if (l.zip() != null && SERVED_ZIP.matcher(l.zip()).find()) {
        out.add(new Line("served_zip", "fit", 5));
        fit += 5;
      }
      if (l.area() != null && l.zip() == null) {
        out.add(new Line("area_given", "fit", 3));
        fit += 3;
      }
      String p = l.propertyType();
      if ("House".equals(p) || "Condo".equals(p) || "Townhouse".equals(p)) {
        out.add(new Line("residential", "fit", 3));
        fit += 3;
      }
      if (Boolean.TRUE.equals(l.preApproved())
          && "As soon as possible".equals(t)
          && budget >= 400_000) {
        out.add(new Line("ready_buyer", "fit", 5));
        fit += 5;
      }
      double decay = 1.0;
      if (l.inboundCount() > 0 && now > l.latestEngagementMillis()) {
        decay = Math.pow(0.5, (now - l.latestEngagementMillis()) / HALF_LIFE);
      }
      String c = l.sourceChannel();
      if ("referral".equals(c) || "website".equals(c)) {
        int pts = (int) Math.round(5 * decay);
        out.add(new Line("referral_or_web", "engagement", pts));
        eng += pts;
      }
      if (c != null && c.startsWith("portal")) {
        int pts = (int) Math.round(3 * decay);
        out.add(new Line("portal_lead", "engagement", pts));
        eng += pts;
      }
      if (l.inboundCount() >= 1) {
        int pts = (int) Math.round(5 * decay);
        out.add(new Line("engaged_once", "engagement", pts));
        eng += pts;
      }
      if (l.inboundCount() >= 3) {
        int pts = (int) Math.round(10 * decay);
        out.add(new Line("engaged_often", "engagement", pts));
        eng += pts;
      }
      String in = l.lastIntent();
      if ("showing_request".equals(in)) {
        out.add(new Line("showing_request", "intent", 25));
        intent += 25;
      }
      if ("pricing_question".equals(in)
          || "financing_question".equals(in)
          || "availability_question".equals(in)) {
        out.add(new Line("money_questions", "intent", 10));
        intent += 10;
      }
      if ("not_interested".equals(in) || "opt_out".equals(in)) {
        out.add(new Line("not_interested", "intent", -20));
        intent -= 20;
      }
      if (fit > 50) {
        out.add(new Line("cap:fit", "fit", 50 - fit));
      }
      if (eng > 25) {
        out.add(new Line("cap:engagement", "engagement", 25 - eng));
      }
      if (intent > 30) {
        out.add(new Line("cap:intent", "intent", 30 - intent));
      }
      return out;
    }
  }
}
