package ai.omniflow.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.testing.PropertyCheck;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Markov model against a reference written here from the textbook: the full transition matrix
 * with start, conversion and null states, the fundamental matrix {@code N = (I − Q)⁻¹} by
 * Gauss–Jordan inversion, absorption probabilities {@code B = N R}, and removal as redirecting
 * every transition into a state that holds the channel to null.
 */
@DisplayName("The Markov removal effect")
class MarkovReferenceTest {
  record Case(int order, List<Journey> journeys) {}

  static Case randomCase(Random r) {
    int channels = 2 + r.nextInt(3);
    int paths = 1 + r.nextInt(30);
    List<Journey> js = new ArrayList<>();
    for (int i = 0; i < paths; i++) {
      int len = 1 + r.nextInt(5);
      List<Touch> ts = new ArrayList<>();
      for (int k = 0; k < len; k++) {
        ts.add(Touch.of(String.valueOf((char) ('a' + r.nextInt(channels)))));
      }
      js.add(
          r.nextInt(3) == 0
              ? Journey.converted(BigDecimal.valueOf(1 + r.nextInt(50_000), 2), ts)
              : Journey.notConverted(ts));
    }
    if (js.stream().noneMatch(Journey::converted)) {
      js.add(Journey.converted(new BigDecimal("1.00"), List.of(Touch.of("a"))));
    }
    return new Case(1 + r.nextInt(3), js);
  }

  @Test
  @DisplayName("matches a dense linear-algebra solve on random small chains of order 1 to 3")
  void matchesDenseReference() {
    PropertyCheck.forAll(
        300,
        MarkovReferenceTest::randomCase,
        c -> {
          AttributionResult res =
              Fixtures.run(
                  new AttributionModel.Markov(c.order()), AttributionLevel.CHANNEL, c.journeys());
          Map<String, Double> effects = referenceEffects(c.journeys(), c.order());
          double sum = effects.values().stream().mapToDouble(Double::doubleValue).sum();
          long units = res.conversions().movePointRight(4).longValueExact();
          long cents = res.value().movePointRight(2).longValueExact();
          assertThat(res.credits()).hasSize(effects.size());
          for (Credit credit : res.credits()) {
            double share = effects.get(credit.channel()) / sum;
            assertThat((double) credit.conversions().movePointRight(4).longValueExact())
                .as("conversions of %s", credit.channel())
                .isCloseTo(units * share, org.assertj.core.data.Offset.offset(1.0 + 1e-6));
            assertThat((double) credit.value().movePointRight(2).longValueExact())
                .as("value of %s", credit.channel())
                .isCloseTo(cents * share, org.assertj.core.data.Offset.offset(1.0 + 1e-6));
          }
        });
  }

  /** Each channel's removal effect, by the dense reference. */
  static Map<String, Double> referenceEffects(List<Journey> journeys, int order) {
    Map<String, Map<String, Double>> counts = new LinkedHashMap<>();
    TreeMap<String, Boolean> channels = new TreeMap<>();
    for (Journey j : journeys) {
      List<String> path = j.touches().stream().map(Touch::channel).toList();
      path.forEach(ch -> channels.put(ch, true));
      String previous = "(start)";
      for (int i = 0; i < path.size(); i++) {
        String state = String.join(">", path.subList(Math.max(0, i - order + 1), i + 1));
        counts.computeIfAbsent(previous, k -> new LinkedHashMap<>()).merge(state, 1.0, Double::sum);
        previous = state;
      }
      counts
          .computeIfAbsent(previous, k -> new LinkedHashMap<>())
          .merge(j.converted() ? "(conversion)" : "(null)", 1.0, Double::sum);
    }
    double base = conversionProbability(counts, null);
    Map<String, Double> effects = new TreeMap<>();
    for (String ch : channels.keySet()) {
      effects.put(ch, 1 - conversionProbability(counts, ch) / base);
    }
    return effects;
  }

  static double conversionProbability(Map<String, Map<String, Double>> counts, String removed) {
    List<String> states = new ArrayList<>(counts.keySet());
    int n = states.size();
    double[][] q = new double[n][n];
    double[] r = new double[n];
    for (int i = 0; i < n; i++) {
      Map<String, Double> row = counts.get(states.get(i));
      double out = row.values().stream().mapToDouble(Double::doubleValue).sum();
      for (Map.Entry<String, Double> e : row.entrySet()) {
        String to = e.getKey();
        double p = e.getValue() / out;
        if (to.equals("(conversion)")) {
          r[i] += p;
        } else if (to.equals("(null)") || holds(to, removed)) {
          continue;
        } else {
          q[i][states.indexOf(to)] += p;
        }
      }
    }
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        a[i][j] = (i == j ? 1 : 0) - q[i][j];
      }
    }
    double[][] inv = invert(a);
    int start = states.indexOf("(start)");
    double p = 0;
    for (int j = 0; j < n; j++) {
      p += inv[start][j] * r[j];
    }
    return p;
  }

  static boolean holds(String state, String removed) {
    if (removed == null || state.startsWith("(")) {
      return false;
    }
    for (String s : state.split(">")) {
      if (s.equals(removed)) {
        return true;
      }
    }
    return false;
  }

  /** Gauss–Jordan inversion with partial pivoting. */
  static double[][] invert(double[][] m) {
    int n = m.length;
    double[][] a = new double[n][2 * n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(m[i], 0, a[i], 0, n);
      a[i][n + i] = 1;
    }
    for (int c = 0; c < n; c++) {
      int p = c;
      for (int i = c + 1; i < n; i++) {
        if (Math.abs(a[i][c]) > Math.abs(a[p][c])) {
          p = i;
        }
      }
      double[] t = a[c];
      a[c] = a[p];
      a[p] = t;
      double d = a[c][c];
      for (int j = 0; j < 2 * n; j++) {
        a[c][j] /= d;
      }
      for (int i = 0; i < n; i++) {
        if (i != c && a[i][c] != 0) {
          double f = a[i][c];
          for (int j = 0; j < 2 * n; j++) {
            a[i][j] -= f * a[c][j];
          }
        }
      }
    }
    double[][] inv = new double[n][n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(a[i], n, inv[i], 0, n);
    }
    return inv;
  }
}
