package ai.omniflow.benchmarks;

import java.util.Arrays;
import java.util.Collection;

/**
 * A sample of durations in milliseconds, sorted once, and the percentiles the runners print: the
 * nearest rank ({@link #at}), the upper middle ({@link #upperMiddle}), the least and the greatest.
 *
 * <pre>{@code
 * Percentiles p = Percentiles.ofNanos(latencies);
 * System.out.printf("p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", p.at(0.50), p.at(0.99), p.max());
 * }</pre>
 *
 * <p>Immutable; the sample is copied.
 */
final class Percentiles {
  private final double[] sorted;

  private Percentiles(double[] sorted) {
    this.sorted = sorted;
  }

  /** Milliseconds as they are. */
  static Percentiles ofMillis(double[] ms) {
    double[] s = ms.clone();
    Arrays.sort(s);
    return new Percentiles(s);
  }

  /** Milliseconds as they are. */
  static Percentiles ofMillis(Collection<Double> ms) {
    return ofMillis(ms.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** Nanoseconds, each put as milliseconds. */
  static Percentiles ofNanos(long[] nanos) {
    double[] ms = new double[nanos.length];
    for (int i = 0; i < nanos.length; i++) {
      ms[i] = nanos[i] / 1e6;
    }
    return ofMillis(ms);
  }

  /** Nanoseconds, each put as milliseconds. */
  static Percentiles ofNanos(Collection<Long> nanos) {
    return ofNanos(nanos.stream().mapToLong(Long::longValue).toArray());
  }

  int count() {
    return sorted.length;
  }

  boolean isEmpty() {
    return sorted.length == 0;
  }

  /**
   * The nearest-rank {@code q} quantile: the value at rank {@code ceil(q * count)}, the least for a
   * rank below one.
   *
   * @throws ArrayIndexOutOfBoundsException if the sample is empty
   */
  double at(double q) {
    int i = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  /**
   * The value at index {@code count / 2}: the median of an odd count, the upper of the two middle
   * values of an even one (the p50 of the SLA and nurture runners).
   *
   * @throws ArrayIndexOutOfBoundsException if the sample is empty
   */
  double upperMiddle() {
    return sorted[sorted.length / 2];
  }

  /**
   * @throws ArrayIndexOutOfBoundsException if the sample is empty
   */
  double min() {
    return sorted[0];
  }

  /**
   * @throws ArrayIndexOutOfBoundsException if the sample is empty
   */
  double max() {
    return sorted[sorted.length - 1];
  }
}
