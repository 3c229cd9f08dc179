package ai.omniflow.attribution.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.attribution.AttributionErrors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The absorbing Markov chain of order {@code k} over a path table and each key's removal effect,
 * solved exactly: the probability of conversion from the start is {@code π·x} where {@code (I − Q)
 * x = r} over the transient states, solved by Gaussian elimination with partial pivoting (a direct
 * method: no sampling, no iteration to convergence). Removing a key makes every state that holds it
 * lead to no conversion, which is the same system without those states.
 *
 * <p>States are the last up to {@code k} keys of a path prefix (shorter ones only at the start).
 * Each distinct path weighs in with its journeys, converting or not. Not thread-safe.
 */
public final class MarkovChain {
  private final int states;
  private final double[][] q;
  private final double[] r;
  private final double[] start;
  private final int[][] members;

  private MarkovChain(int states, double[][] q, double[] r, double[] start, int[][] members) {
    this.states = states;
    this.q = q;
    this.r = r;
    this.start = start;
    this.members = members;
  }

  /**
   * The chain of order {@code order} over the table.
   *
   * @throws OmniFlowException {@code invalid_order} (invalid input) if it has more than {@code
   *     maxStates} transient states
   */
  public static MarkovChain of(PathTable t, int order, int maxStates) {
    Map<Long, Integer> ids = new HashMap<>();
    List<int[]> members = new ArrayList<>();
    int paths = t.size();
    int[][] stateOf = new int[paths][];
    for (int p = 0; p < paths; p++) {
      int n = t.length(p);
      int[] seq = new int[n];
      for (int i = 0; i < n; i++) {
        if (order == 1) {
          seq[i] = t.key(p, i);
          continue;
        }
        int from = Math.max(0, i - order + 1);
        long code = 0;
        for (int j = from; j <= i; j++) {
          code = code * 1_000_003L + t.key(p, j) + 1;
        }
        Integer id = ids.get(code);
        if (id == null) {
          if (ids.size() == maxStates) {
            throw tooMany(order, maxStates);
          }
          id = ids.size();
          ids.put(code, id);
          int[] m = new int[i - from + 1];
          for (int j = from; j <= i; j++) {
            m[j - from] = t.key(p, j);
          }
          members.add(m);
        }
        seq[i] = id;
      }
      stateOf[p] = seq;
    }
    int s = ids.size();
    if (order == 1) {
      int keys = 0;
      for (int p = 0; p < paths; p++) {
        for (int i = 0; i < t.length(p); i++) {
          keys = Math.max(keys, t.key(p, i) + 1);
        }
      }
      if (keys > maxStates) {
        throw tooMany(order, maxStates);
      }
      s = keys;
      members.clear();
      for (int k = 0; k < keys; k++) {
        members.add(new int[] {k});
      }
    }
    double[][] counts = new double[s][s];
    double[] conv = new double[s];
    double[] out = new double[s];
    double[] start = new double[s];
    for (int p = 0; p < paths; p++) {
      double w = (double) t.conversions(p) + t.nulls(p);
      if (w == 0) {
        continue;
      }
      int[] seq = stateOf[p];
      start[seq[0]] += w;
      for (int i = 1; i < seq.length; i++) {
        counts[seq[i - 1]][seq[i]] += w;
        out[seq[i - 1]] += w;
      }
      int end = seq[seq.length - 1];
      conv[end] += t.conversions(p);
      out[end] += w;
    }
    double total = 0;
    for (double x : start) {
      total += x;
    }
    for (int i = 0; i < s; i++) {
      start[i] = total > 0 ? start[i] / total : 0;
      if (out[i] > 0) {
        for (int j = 0; j < s; j++) {
          counts[i][j] /= out[i];
        }
        conv[i] /= out[i];
      }
    }
    return new MarkovChain(s, counts, conv, start, members.toArray(new int[0][]));
  }

  private static OmniFlowException tooMany(int order, int maxStates) {
    return OmniFlowException.invalidInput(
        AttributionErrors.INVALID_ORDER,
        "the Markov chain of order "
            + order
            + " has more than "
            + maxStates
            + " states; use a lower order or fewer channels.");
  }

  /** The number of transient states. */
  public int states() {
    return states;
  }

  /** The probability of reaching conversion from the start with key {@code removed} removed. */
  public double conversionProbability(int removed) {
    int[] keep = new int[states];
    int m = 0;
    for (int i = 0; i < states; i++) {
      if (!holds(members[i], removed)) {
        keep[m++] = i;
      }
    }
    double[][] a = new double[m][m + 1];
    for (int i = 0; i < m; i++) {
      double[] qi = q[keep[i]];
      double[] ai = a[i];
      for (int j = 0; j < m; j++) {
        ai[j] = -qi[keep[j]];
      }
      ai[i] += 1;
      ai[m] = r[keep[i]];
    }
    double[] x = solve(a, m);
    double p = 0;
    for (int i = 0; i < m; i++) {
      p += start[keep[i]] * x[i];
    }
    return p;
  }

  /**
   * Each key's removal effect {@code 1 − P(without it) / P}, in {@code [0, 1]}; all zero if nothing
   * converts.
   */
  public double[] removalEffects(int keyCount) {
    double[] effects = new double[keyCount];
    double base = conversionProbability(-1);
    if (!(base > 0)) {
      return effects;
    }
    boolean[] seen = new boolean[keyCount];
    for (int[] m : members) {
      for (int k : m) {
        seen[k] = true;
      }
    }
    for (int k = 0; k < keyCount; k++) {
      if (seen[k]) {
        double e = 1 - conversionProbability(k) / base;
        effects[k] = Math.max(0, Math.min(1, e));
      }
    }
    return effects;
  }

  private static boolean holds(int[] m, int key) {
    for (int k : m) {
      if (k == key) {
        return true;
      }
    }
    return false;
  }

  /** Solves the augmented system {@code a} (m rows, m + 1 columns) in place. */
  static double[] solve(double[][] a, int m) {
    for (int k = 0; k < m; k++) {
      int pivot = k;
      double best = Math.abs(a[k][k]);
      for (int i = k + 1; i < m; i++) {
        double v = Math.abs(a[i][k]);
        if (v > best) {
          best = v;
          pivot = i;
        }
      }
      if (best == 0) {
        throw new IllegalStateException("singular chain");
      }
      double[] tmp = a[k];
      a[k] = a[pivot];
      a[pivot] = tmp;
      double[] ak = a[k];
      double d = ak[k];
      for (int i = k + 1; i < m; i++) {
        double[] ai = a[i];
        double f = ai[k];
        if (f == 0) {
          continue;
        }
        f /= d;
        ai[k] = 0;
        for (int j = k + 1; j <= m; j++) {
          ai[j] -= f * ak[j];
        }
      }
    }
    double[] x = new double[m];
    for (int i = m - 1; i >= 0; i--) {
      double[] ai = a[i];
      double v = ai[m];
      for (int j = i + 1; j < m; j++) {
        v -= ai[j] * x[j];
      }
      x[i] = v / ai[i];
    }
    return x;
  }
}
