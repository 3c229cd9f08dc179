package ai.omniflow.attribution.internal;

import java.util.Arrays;

/**
 * The share of one conversion each touch of a path gets under the rule-based models, written into a
 * scratch array. Stateless.
 */
public final class PositionShares {
  private PositionShares() {}

  /** First touch. */
  public static void first(int n, double[] s) {
    Arrays.fill(s, 0, n, 0);
    s[0] = 1;
  }

  /** Last touch. */
  public static void last(int n, double[] s) {
    Arrays.fill(s, 0, n, 0);
    s[n - 1] = 1;
  }

  /** Last touch not on a direct channel, or the last touch if all are. */
  public static void lastNonDirect(PathTable t, int p, boolean[] direct, double[] s) {
    int n = t.length(p);
    Arrays.fill(s, 0, n, 0);
    for (int i = n - 1; i >= 0; i--) {
      if (!direct[t.key(p, i)]) {
        s[i] = 1;
        return;
      }
    }
    s[n - 1] = 1;
  }

  /** Equal shares. */
  public static void linear(int n, double[] s) {
    Arrays.fill(s, 0, n, 1.0 / n);
  }

  /** Shares halving every half-life of age, ages given in any one unit; normalised. */
  public static void decay(int n, double[] ages, double halfLife, double[] s) {
    double sum = 0;
    for (int i = 0; i < n; i++) {
      s[i] = Math.pow(2, -ages[i] / halfLife);
      sum += s[i];
    }
    if (!(sum > 0)) {
      linear(n, s);
      return;
    }
    for (int i = 0; i < n; i++) {
      s[i] /= sum;
    }
  }

  /**
   * Role weights on the first touch, the lead's, the opportunity's and the last touch (a touch with
   * several roles sums them), {@code rest} shared equally by touches with no role; with no such
   * touch, the role weights are scaled to sum to 1.
   */
  public static void roles(
      int n,
      int leadAt,
      int opportunityAt,
      double first,
      double lead,
      double opportunity,
      double last,
      double rest,
      double[] s) {
    Arrays.fill(s, 0, n, 0);
    s[0] += first;
    s[leadAt] += lead;
    s[opportunityAt] += opportunity;
    s[n - 1] += last;
    int others = 0;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      if (s[i] == 0) {
        others++;
      }
      sum += s[i];
    }
    if (others > 0) {
      double each = rest / others;
      for (int i = 0; i < n; i++) {
        if (s[i] == 0) {
          s[i] = each;
        }
      }
    } else {
      for (int i = 0; i < n; i++) {
        s[i] /= sum;
      }
    }
  }
}
