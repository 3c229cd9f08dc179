package ai.omniflow.scoring.model;

import ai.omniflow.fields.LeadField;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;

/**
 * Trains an org's {@link LeadModel} on its closed leads: L2-regularized logistic regression fitted
 * by Newton's method (iteratively reweighted least squares), judged on a stratified, seeded
 * held-out split.
 *
 * <ol>
 *   <li>With fewer than {@link TrainingOptions#minPerClass()} won or lost outcomes, refuses ({@link
 *       TrainingStatus#REFUSED_TOO_FEW_OUTCOMES}) and fits nothing.
 *   <li>Holds out {@link TrainingOptions#holdoutFraction()} of the won and of the lost outcomes (at
 *       least one of each, chosen by a {@link Random} seeded with {@link TrainingOptions#seed()})
 *       and fits a {@link FeatureEncoder} and the weights on the rest.
 *   <li>Measures AUC, Brier score and calibration on the held-out outcomes; with an AUC below
 *       {@link TrainingOptions#minAuc()}, refuses ({@link TrainingStatus#REFUSED_LOW_QUALITY}).
 *       Otherwise the report carries the model fitted on the training split, the one measured.
 * </ol>
 *
 * <pre>{@code
 * TrainingReport report = LeadModelTrainer.train(
 *     pack.leadFields(), closedLeads, TrainingOptions.defaults().withSeed(7), clock.instant());
 * }</pre>
 *
 * <p>Deterministic: the same outcomes (in the same order), fields and options give an equal report.
 * Reads no clock. Stateless and thread-safe.
 */
public final class LeadModelTrainer {
  private static final int MAX_ITERATIONS = 100;
  private static final double TOLERANCE = 1e-9;

  private LeadModelTrainer() {}

  /**
   * Trains and judges a model; see the class description.
   *
   * @param fields the pack's lead fields
   * @param outcomes the org's closed leads
   * @param options thresholds, penalty, split and seed
   * @param trainedAt when this run happens, recorded in the report
   * @throws IllegalArgumentException naming the field if an input has a value of the wrong type
   */
  public static TrainingReport train(
      List<LeadField> fields,
      List<ClosedLead> outcomes,
      TrainingOptions options,
      Instant trainedAt) {
    Objects.requireNonNull(fields, "fields");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(trainedAt, "trained_at");
    List<Integer> won = new ArrayList<>();
    List<Integer> lost = new ArrayList<>();
    for (int i = 0; i < outcomes.size(); i++) {
      (outcomes.get(i).won() ? won : lost).add(i);
    }
    OutcomeCounts all = new OutcomeCounts(won.size(), lost.size());
    if (won.size() < options.minPerClass() || lost.size() < options.minPerClass()) {
      return new TrainingReport(
          TrainingStatus.REFUSED_TOO_FEW_OUTCOMES,
          "needs at least "
              + options.minPerClass()
              + " won and "
              + options.minPerClass()
              + " lost outcomes; has "
              + all,
          all,
          OutcomeCounts.NONE,
          OutcomeCounts.NONE,
          null,
          null,
          List.of(),
          null,
          options,
          trainedAt,
          null);
    }

    Random random = new Random(options.seed());
    boolean[] heldOut = new boolean[outcomes.size()];
    int heldWon = holdOut(won, options.holdoutFraction(), random, heldOut);
    int heldLost = holdOut(lost, options.holdoutFraction(), random, heldOut);
    List<ClosedLead> train = new ArrayList<>();
    List<ClosedLead> test = new ArrayList<>();
    for (int i = 0; i < outcomes.size(); i++) {
      (heldOut[i] ? test : train).add(outcomes.get(i));
    }

    FeatureEncoder encoder =
        FeatureEncoder.fit(fields, train.stream().map(ClosedLead::input).toList());
    LeadModel model = fit(encoder, train, options.l2());

    double[] p = new double[test.size()];
    boolean[] y = new boolean[test.size()];
    for (int i = 0; i < test.size(); i++) {
      p[i] = model.probability(test.get(i).input());
      y[i] = test.get(i).won();
    }
    double auc = ModelQuality.auc(p, y);
    double brier = ModelQuality.brierScore(p, y);
    List<CalibrationBin> table = ModelQuality.calibration(p, y, TrainingReport.CALIBRATION_BINS);
    double ece = ModelQuality.expectedCalibrationError(table);
    boolean good = auc >= options.minAuc();
    String reason =
        String.format(
            Locale.ROOT,
            "held-out AUC %.3f is %s the minimum %.3f",
            auc,
            good ? "at least" : "below",
            options.minAuc());
    return new TrainingReport(
        good ? TrainingStatus.TRAINED : TrainingStatus.REFUSED_LOW_QUALITY,
        reason,
        all,
        new OutcomeCounts(won.size() - heldWon, lost.size() - heldLost),
        new OutcomeCounts(heldWon, heldLost),
        auc,
        brier,
        table,
        ece,
        options,
        trainedAt,
        good ? model : null);
  }

  /** Marks a seeded random share of one class as held out, keeping at least one on each side. */
  private static int holdOut(
      List<Integer> indexes, double fraction, Random random, boolean[] heldOut) {
    List<Integer> shuffled = new ArrayList<>(indexes);
    Collections.shuffle(shuffled, random);
    int n = (int) Math.round(indexes.size() * fraction);
    n = Math.max(1, Math.min(indexes.size() - 1, n));
    for (int i = 0; i < n; i++) {
      heldOut[shuffled.get(i)] = true;
    }
    return n;
  }

  /**
   * Minimizes the negative log-likelihood plus {@code l2 / 2 · |w|²} (intercept unpenalized) over
   * standardized features by Newton's method, halving a step that does not lower the objective.
   */
  static LeadModel fit(FeatureEncoder encoder, List<ClosedLead> train, double l2) {
    int n = train.size();
    int d = encoder.size();
    int k = d + 1; // parameter 0 is the intercept
    double[][] x = new double[n][];
    double[] y = new double[n];
    double wonCount = 0;
    for (int i = 0; i < n; i++) {
      x[i] = encoder.standardized(train.get(i).input());
      y[i] = train.get(i).won() ? 1 : 0;
      wonCount += y[i];
    }
    double[] theta = new double[k];
    double rate = Math.min(Math.max(wonCount / n, 1e-6), 1 - 1e-6);
    theta[0] = Math.log(rate / (1 - rate));
    double objective = objective(x, y, theta, l2);
    double[][] h = new double[k][k];
    double[] g = new double[k];
    for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
      for (double[] row : h) {
        java.util.Arrays.fill(row, 0);
      }
      java.util.Arrays.fill(g, 0);
      for (int i = 0; i < n; i++) {
        double[] xi = x[i];
        double p = LeadModel.sigmoid(dot(theta, xi));
        double r = p - y[i];
        double w = Math.max(p * (1 - p), 1e-12);
        g[0] += r;
        h[0][0] += w;
        for (int a = 0; a < d; a++) {
          double xa = xi[a];
          if (xa == 0) {
            continue;
          }
          g[a + 1] += r * xa;
          double wxa = w * xa;
          h[0][a + 1] += wxa;
          double[] ha = h[a + 1];
          for (int b = a; b < d; b++) {
            ha[b + 1] += wxa * xi[b];
          }
        }
      }
      for (int a = 1; a < k; a++) {
        g[a] += l2 * theta[a];
        h[a][a] += l2;
      }
      for (int a = 0; a < k; a++) {
        for (int b = a + 1; b < k; b++) {
          h[b][a] = h[a][b];
        }
      }
      double[] step = solve(h, g);
      double scale = 1;
      double[] next = new double[k];
      double nextObjective;
      do {
        for (int a = 0; a < k; a++) {
          next[a] = theta[a] - scale * step[a];
        }
        nextObjective = objective(x, y, next, l2);
        scale /= 2;
      } while (nextObjective > objective + 1e-12 && scale > 1e-10);
      double change = 0;
      for (int a = 0; a < k; a++) {
        change = Math.max(change, Math.abs(next[a] - theta[a]));
      }
      theta = next;
      objective = nextObjective;
      if (change < TOLERANCE) {
        break;
      }
    }
    double[] weights = new double[d];
    System.arraycopy(theta, 1, weights, 0, d);
    return new LeadModel(encoder, theta[0], weights);
  }

  private static double dot(double[] theta, double[] xi) {
    double z = theta[0];
    for (int a = 0; a < xi.length; a++) {
      z += theta[a + 1] * xi[a];
    }
    return z;
  }

  private static double objective(double[][] x, double[] y, double[] theta, double l2) {
    double loss = 0;
    for (int i = 0; i < x.length; i++) {
      double z = dot(theta, x[i]);
      // log(1 + e^z) − y·z, computed without overflow
      loss += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y[i] * z;
    }
    double penalty = 0;
    for (int a = 1; a < theta.length; a++) {
      penalty += theta[a] * theta[a];
    }
    return loss + l2 / 2 * penalty;
  }

  /** Solves {@code h · s = g} for symmetric positive definite {@code h} by Cholesky. */
  static double[] solve(double[][] h, double[] g) {
    int k = g.length;
    double[][] l = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j <= i; j++) {
        double sum = h[i][j];
        for (int m = 0; m < j; m++) {
          sum -= l[i][m] * l[j][m];
        }
        if (i == j) {
          // the ridge keeps this positive; the floor guards the unpenalized intercept
          l[i][i] = Math.sqrt(Math.max(sum, 1e-12));
        } else {
          l[i][j] = sum / l[j][j];
        }
      }
    }
    double[] z = new double[k];
    for (int i = 0; i < k; i++) {
      double sum = g[i];
      for (int m = 0; m < i; m++) {
        sum -= l[i][m] * z[m];
      }
      z[i] = sum / l[i][i];
    }
    double[] s = new double[k];
    for (int i = k - 1; i >= 0; i--) {
      double sum = z[i];
      for (int m = i + 1; m < k; m++) {
        sum -= l[m][i] * s[m];
      }
      s[i] = sum / l[i][i];
    }
    return s;
  }
}
