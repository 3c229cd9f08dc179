package ai.omniflow.benchmarks;

import ai.omniflow.connector.spi.Channel;
import ai.omniflow.guardrails.ConsentState;
import ai.omniflow.guardrails.ContactFacts;
import ai.omniflow.guardrails.GuardrailDecision;
import ai.omniflow.guardrails.Guardrails;
import ai.omniflow.guardrails.MessageKind;
import ai.omniflow.guardrails.OutboundMessage;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
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
 * The guardrails issue's target, measured: one {@link Guardrails#check} per operation,
 * single-threaded, for a marketing SMS (every rule runs: consent, window, caps, quiet hours) at
 * times spread over the day, so that about half the decisions are blocked and compute their {@code
 * until}. The paths differ in how the recipient's zones are found:
 *
 * <ul>
 *   <li>{@code contactZone}: the contact's own zone (1,024 contacts in 64 zones);
 *   <li>{@code phoneSoleRegion}: no zone, a number whose calling code has one region (+34, +49,
 *       +52…: no parsing, the region's precomputed zones);
 *   <li>{@code phoneSharedRegion}: no zone, 1,024 North American numbers (+1: parsed once, then
 *       found in the bounded cache, as a contact's number is at every send);
 *   <li>{@code phoneColdMisses}: the same with 200,000 numbers, more than the cache keeps, so most
 *       are parsed: the worst case;
 *   <li>{@code orgZones}: neither zone nor phone, three org zones;
 *   <li>{@code agentReply}: a conversational WhatsApp reply (consent and window only).
 * </ul>
 *
 * Target: ≥ 500,000 decisions/s on one core.
 *
 * <p>Run:
 *
 * <pre>
 * ./mvnw -B -q -pl omniflow-benchmarks -am package -DskipTests
 * java -jar omniflow-benchmarks/target/benchmarks.jar GuardrailBenchmark -f 1 -wi 3 -i 5 -w 1s -r 2s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GuardrailBenchmark {
  private static final int N = 1_024;
  private static final Instant DAY = Instant.parse("2026-06-01T00:00:00Z");
  private static final OutboundMessage PROMO =
      new OutboundMessage(Channel.SMS, MessageKind.MARKETING, false, false);
  private static final OutboundMessage REPLY = OutboundMessage.agentReply(Channel.WHATSAPP);
  private static final List<String> SOLE_PREFIXES =
      List.of("+346", "+49151", "+3361", "+3934", "+5255", "+5511", "+9198", "+8190");

  private Guardrails guardrails;
  private ContactFacts[] byZone;
  private ContactFacts[] bySolePhone;
  private ContactFacts[] bySharedPhone;
  private ContactFacts[] coldPhones;
  private ContactFacts[] byOrg;
  private ContactFacts[] replying;
  private Instant[] nows;
  private int next;
  private int nextCold;

  @Setup
  public void setUp() {
    Random r = new Random(42);
    guardrails =
        Guardrails.builder()
            .orgZones(
                List.of(
                    ZoneId.of("America/New_York"),
                    ZoneId.of("Europe/Madrid"),
                    ZoneId.of("America/Mexico_City")))
            .build();
    List<ZoneId> zones =
        ZoneId.getAvailableZoneIds().stream().sorted().limit(400).map(ZoneId::of).toList();
    byZone = new ContactFacts[N];
    bySolePhone = new ContactFacts[N];
    bySharedPhone = new ContactFacts[N];
    byOrg = new ContactFacts[N];
    replying = new ContactFacts[N];
    nows = new Instant[N];
    for (int i = 0; i < N; i++) {
      nows[i] = DAY.plusSeconds(r.nextInt(86_400));
      byZone[i] = consenting().zone(zones.get(r.nextInt(64) * 6)).sends(r.nextInt(2), 3).build();
      bySolePhone[i] =
          consenting()
              .phone(SOLE_PREFIXES.get(r.nextInt(SOLE_PREFIXES.size())) + digits(r, 7))
              .sends(r.nextInt(2), 3)
              .build();
      bySharedPhone[i] = consenting().phone(northAmerican(r)).sends(r.nextInt(2), 3).build();
      byOrg[i] = consenting().sends(r.nextInt(2), 3).build();
      replying[i] =
          consenting()
              .lastInbound(Channel.WHATSAPP, nows[i].minusSeconds(r.nextInt(172_800)))
              .build();
    }
    coldPhones = new ContactFacts[200_000];
    for (int i = 0; i < coldPhones.length; i++) {
      coldPhones[i] = consenting().phone(northAmerican(r)).build();
    }
  }

  private static ContactFacts.Builder consenting() {
    return ContactFacts.builder().consentEverywhere(ConsentState.GIVEN);
  }

  private static String northAmerican(Random r) {
    return "+1" + (200 + r.nextInt(800)) + (200 + r.nextInt(800)) + digits(r, 4);
  }

  private static String digits(Random r, int n) {
    StringBuilder s = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      s.append((char) ('0' + r.nextInt(10)));
    }
    return s.toString();
  }

  private int step() {
    int i = next;
    next = (i + 1) & (N - 1);
    return i;
  }

  @Benchmark
  public GuardrailDecision contactZone() {
    int i = step();
    return guardrails.check(PROMO, byZone[i], nows[i]);
  }

  @Benchmark
  public GuardrailDecision phoneSoleRegion() {
    int i = step();
    return guardrails.check(PROMO, bySolePhone[i], nows[i]);
  }

  @Benchmark
  public GuardrailDecision phoneSharedRegion() {
    int i = step();
    return guardrails.check(PROMO, bySharedPhone[i], nows[i]);
  }

  @Benchmark
  public GuardrailDecision phoneColdMisses() {
    int c = nextCold;
    nextCold = c + 1 == coldPhones.length ? 0 : c + 1;
    return guardrails.check(PROMO, coldPhones[c], nows[c & (N - 1)]);
  }

  @Benchmark
  public GuardrailDecision orgZones() {
    int i = step();
    return guardrails.check(PROMO, byOrg[i], nows[i]);
  }

  @Benchmark
  public GuardrailDecision agentReply() {
    int i = step();
    return guardrails.check(REPLY, replying[i], nows[i]);
  }
}
