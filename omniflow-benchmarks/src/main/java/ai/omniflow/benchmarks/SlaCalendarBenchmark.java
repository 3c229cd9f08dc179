package ai.omniflow.benchmarks;

import ai.omniflow.sla.BusinessCalendar;
import ai.omniflow.sla.OpeningHours;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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
 * Due-time computation on a business calendar, one per operation: a New York week of split days
 * (Monday to Friday 09:00–12:30 and 13:30–18:00, Friday 22:00–02:00 across midnight, Saturday
 * 10:00–14:00) with twenty US holidays and a special day over 2026–2027, which crosses two
 * daylight-saving changes a year. Starts rotate through 1,024 random instants of 2026–2027 and
 * windows through 5 minutes, 15 minutes, 1 hour, 4 hours, 1 day and 3 days of business time, so
 * walks cross closings, nights, weekends, holidays and DST changes. {@code businessTimeBetween}
 * measures the span back from each start to its due time; {@code wallClock} is the same rotation on
 * the always-open calendar, the floor. The SLA issue's target is 1,000,000 due times/s per core.
 *
 * <p>Run:
 *
 * <pre>
 * ./mvnw -B -q -pl omniflow-benchmarks -am package -DskipTests
 * java -jar omniflow-benchmarks/target/benchmarks.jar SlaCalendarBenchmark -f 1 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SlaCalendarBenchmark {
  static final int STARTS = 1024;
  static final List<Duration> WINDOWS =
      List.of(
          Duration.ofMinutes(5),
          Duration.ofMinutes(15),
          Duration.ofHours(1),
          Duration.ofHours(4),
          Duration.ofDays(1),
          Duration.ofDays(3));

  private BusinessCalendar calendar;
  private BusinessCalendar always;
  private Instant[] starts;
  private Duration[] windows;
  private Instant[] dues;
  private int next;

  @Setup
  public void setUp() {
    BusinessCalendar.Builder b = BusinessCalendar.builder().zone("America/New_York");
    for (DayOfWeek d :
        List.of(
            DayOfWeek.MONDAY,
            DayOfWeek.TUESDAY,
            DayOfWeek.WEDNESDAY,
            DayOfWeek.THURSDAY,
            DayOfWeek.FRIDAY)) {
      b.open(d, "09:00", "12:30").open(d, "13:30", "18:00");
    }
    b.open(DayOfWeek.FRIDAY, "22:00", "02:00").open(DayOfWeek.SATURDAY, "10:00", "14:00");
    for (String h :
        List.of(
            "2026-01-01",
            "2026-01-19",
            "2026-02-16",
            "2026-05-25",
            "2026-06-19",
            "2026-07-03",
            "2026-09-07",
            "2026-11-26",
            "2026-11-27",
            "2026-12-25",
            "2027-01-01",
            "2027-01-18",
            "2027-02-15",
            "2027-05-31",
            "2027-06-18",
            "2027-07-05",
            "2027-09-06",
            "2027-11-25",
            "2027-11-26",
            "2027-12-24")) {
      b.holiday(LocalDate.parse(h));
    }
    b.specialDay("2026-12-24", List.of(OpeningHours.of("09:00", "13:00")));
    calendar = b.build();
    always = BusinessCalendar.alwaysOpen();

    Random r = new Random(13);
    long from = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();
    long span = Instant.parse("2027-12-01T00:00:00Z").getEpochSecond() - from;
    starts = new Instant[STARTS];
    windows = new Duration[STARTS];
    dues = new Instant[STARTS];
    for (int i = 0; i < STARTS; i++) {
      starts[i] = Instant.ofEpochSecond(from + (long) (r.nextDouble() * span));
      windows[i] = WINDOWS.get(i % WINDOWS.size());
      dues[i] = calendar.dueAt(starts[i], windows[i]);
    }
  }

  @Benchmark
  public Instant dueAt() {
    int i = next++ & (STARTS - 1);
    return calendar.dueAt(starts[i], windows[i]);
  }

  @Benchmark
  public Duration businessTimeBetween() {
    int i = next++ & (STARTS - 1);
    return calendar.businessTimeBetween(starts[i], dues[i]);
  }

  @Benchmark
  public boolean isOpen() {
    int i = next++ & (STARTS - 1);
    return calendar.isOpen(starts[i]);
  }

  @Benchmark
  public Instant wallClock() {
    int i = next++ & (STARTS - 1);
    return always.dueAt(starts[i], windows[i]);
  }
}
