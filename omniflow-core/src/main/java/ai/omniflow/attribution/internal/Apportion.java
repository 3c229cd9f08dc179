package ai.omniflow.attribution.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * Shares a whole number of units (cents, ten-thousandths of a conversion) in proportion to
 * non-negative weights, exactly: each share is the floor of its exact quota ({@code total × w /
 * Σw}, computed in {@link BigDecimal} from the weights' exact binary values), and the units left go
 * one each to the largest remainders, ties to the lower index (callers order by name). Stateless.
 */
public final class Apportion {
  private Apportion() {}

  /**
   * @return the shares, summing to {@code total}; all zero if {@code total} is zero
   * @throws IllegalStateException if {@code total} is positive and no weight is
   */
  public static long[] shares(long total, double[] weights) {
    int n = weights.length;
    long[] out = new long[n];
    if (total == 0) {
      return out;
    }
    BigDecimal sum = BigDecimal.ZERO;
    BigDecimal[] w = new BigDecimal[n];
    for (int i = 0; i < n; i++) {
      double x = weights[i];
      if (!(x >= 0) || Double.isInfinite(x)) {
        throw new IllegalStateException("weights must be finite and non-negative");
      }
      w[i] = new BigDecimal(x);
      sum = sum.add(w[i]);
    }
    if (sum.signum() == 0) {
      throw new IllegalStateException("a positive total needs a positive weight");
    }
    BigDecimal t = BigDecimal.valueOf(total);
    BigDecimal[] remainders = new BigDecimal[n];
    long given = 0;
    for (int i = 0; i < n; i++) {
      BigDecimal q = t.multiply(w[i]);
      BigDecimal[] qr = q.divideAndRemainder(sum);
      BigInteger whole = qr[0].toBigIntegerExact();
      out[i] = whole.longValueExact();
      remainders[i] = qr[1];
      given += out[i];
    }
    long left = total - given;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(
        order,
        (a, b) -> {
          int c = remainders[b].compareTo(remainders[a]);
          return c != 0 ? c : Integer.compare(a, b);
        });
    for (int k = 0; k < left; k++) {
      out[order[k]]++;
    }
    return out;
  }
}
