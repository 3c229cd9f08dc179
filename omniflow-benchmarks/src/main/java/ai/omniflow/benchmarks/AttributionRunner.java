package ai.omniflow.benchmarks;

import ai.omniflow.attribution.Attribution;
import ai.omniflow.attribution.AttributionModel;
import ai.omniflow.attribution.AttributionResult;
import ai.omniflow.attribution.Credit;
import ai.omniflow.attribution.PathCsv;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Times attribution the way an analyst's upload runs it: a deterministic CSV of journeys (one row
 * each, {@link AttributionData}) is written to a temporary file, then, in each round, read in one
 * pass and every model computed; it prints the wall time of each step and each model, the distinct
 * paths, and the heap: the peak used over the round (all heap pools) and what stays live after. The
 * issue's target: 1,000,000 journeys, all models, at most 1.0 s and 300 MiB on 2 cores.
 *
 * <pre>
 * ./mvnw -B -q -pl omniflow-benchmarks -am package -DskipTests
 * java -Xmx300m -cp omniflow-benchmarks/target/benchmarks.jar \
 *     ai.omniflow.benchmarks.AttributionRunner [journeys] [rounds]
 * </pre>
 */
public final class AttributionRunner {
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private AttributionRunner() {}

  /** Runs; arguments: journeys (default 1,000,000), rounds (default 5). */
  public static void main(String[] args) throws IOException {
    long journeys = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    long t0 = System.nanoTime();
    Path csv = AttributionData.write(journeys, 42L);
    System.out.printf(
        Locale.ROOT,
        "wrote %,d journeys to %s (%,d bytes) in %.0f ms; max heap %d MiB, %d processors%n",
        journeys,
        csv,
        Files.size(csv),
        ms(System.nanoTime() - t0),
        Runtime.getRuntime().maxMemory() >> 20,
        Runtime.getRuntime().availableProcessors());
    Attribution attribution = Attribution.builder().build();
    for (int round = 1; round <= rounds; round++) {
      System.gc();
      resetPeaks();
      long cpuStart = CPU.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      Attribution.Tally tally = attribution.tally();
      try (InputStream in = Files.newInputStream(csv)) {
        PathCsv.read(in, tally).orThrow();
      }
      long read = System.nanoTime();
      long readCpu = CPU.getCurrentThreadCpuTime() - cpuStart;
      StringBuilder perModel = new StringBuilder();
      long previous = CPU.getCurrentThreadCpuTime();
      AttributionResult last = null;
      for (AttributionModel m : attribution.models()) {
        last = tally.result(m);
        long now = CPU.getCurrentThreadCpuTime();
        perModel.append(String.format(Locale.ROOT, " %s %.1f", m.wireName(), ms(now - previous)));
        previous = now;
      }
      long end = System.nanoTime();
      long cpu = CPU.getCurrentThreadCpuTime() - cpuStart;
      long peak = peakHeap();
      System.out.printf(
          Locale.ROOT,
          "round %d: %.0f ms wall, %.0f ms CPU; read %.0f ms wall, %.0f ms CPU, %,d distinct"
              + " paths; models %.0f ms wall, CPU ms each:%s; peak heap used %d MiB%n",
          round,
          ms(end - start),
          ms(cpu),
          ms(read - start),
          ms(readCpu),
          tally.paths(),
          ms(end - read),
          perModel,
          peak >> 20);
      if (round == rounds && last != null) {
        System.gc();
        long live = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        System.out.printf(
            Locale.ROOT, "heap live after the last round (tally held): %d MiB%n", live >> 20);
        for (Credit c : tally.result(new AttributionModel.Markov()).credits()) {
          System.out.printf(
              Locale.ROOT,
              "  markov %-18s %14s conv %16s%n",
              c.channel(),
              c.conversions(),
              c.value());
        }
      }
    }
    System.out.printf(Locale.ROOT, "peak resident set (VmHWM): %s%n", vmHwm());
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  private static long peakHeap() {
    long sum = 0;
    List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans();
    for (MemoryPoolMXBean pool : pools) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  private static String vmHwm() throws IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.exists(status)) {
      return "unknown";
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("VmHWM:")) {
        return line.substring(6).strip();
      }
    }
    return "unknown";
  }
}
