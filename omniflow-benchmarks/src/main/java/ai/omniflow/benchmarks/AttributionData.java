package ai.omniflow.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes a deterministic path CSV for the attribution benchmarks: one row per journey, over ten
 * channels, paths of 1 to 8 touches (short ones commoner), about 5 % converting with values from
 * 20.00 to 2,000.00. Channels are drawn with skewed popularity (the first channel about ten times
 * as often as the last) and a touch repeats the previous channel a third of the time, as real
 * journeys do; so the rows form far fewer distinct paths than journeys.
 */
final class AttributionData {
  static final String[] CHANNELS = {
    "facebook_ad",
    "instagram_dm",
    "direct",
    "google_search",
    "facebook_comment",
    "whatsapp",
    "email",
    "sms",
    "tiktok_ad",
    "referral"
  };

  private static final double[] LENGTH_WEIGHTS = {0.30, 0.22, 0.15, 0.11, 0.08, 0.06, 0.045, 0.035};

  private AttributionData() {}

  /** Writes {@code journeys} rows drawn from {@code seed} into a new temporary file. */
  static Path write(long journeys, long seed) throws IOException {
    Path file = Files.createTempFile("omniflow-attribution-", ".csv");
    file.toFile().deleteOnExit();
    Random r = new Random(seed);
    double[] channelCdf = cdf(channelWeights());
    double[] lengthCdf = cdf(LENGTH_WEIGHTS);
    StringBuilder row = new StringBuilder(256);
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("path,total_conversions,total_conversion_value,total_null\n");
      for (long i = 0; i < journeys; i++) {
        row.setLength(0);
        int len = 1 + draw(r, lengthCdf);
        int previous = -1;
        for (int k = 0; k < len; k++) {
          int c = previous >= 0 && r.nextDouble() < 0.33 ? previous : draw(r, channelCdf);
          if (k > 0) {
            row.append(" > ");
          }
          row.append(CHANNELS[c]);
          previous = c;
        }
        boolean converted = r.nextDouble() < 0.03 + 0.008 * len;
        if (converted) {
          long cents = 2_000 + (long) r.nextInt(198_001);
          row.append(",1,").append(cents / 100).append('.');
          long frac = cents % 100;
          row.append(frac < 10 ? "0" : "").append(frac).append(",0\n");
        } else {
          row.append(",0,0,1\n");
        }
        w.append(row);
      }
    }
    return file;
  }

  private static double[] channelWeights() {
    double[] w = new double[CHANNELS.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = 1.0 / (i + 1);
    }
    return w;
  }

  private static double[] cdf(double[] weights) {
    double sum = 0;
    for (double x : weights) {
      sum += x;
    }
    double[] out = new double[weights.length];
    double acc = 0;
    for (int i = 0; i < weights.length; i++) {
      acc += weights[i] / sum;
      out[i] = acc;
    }
    out[out.length - 1] = 1;
    return out;
  }

  private static int draw(Random r, double[] cdf) {
    double u = r.nextDouble();
    for (int i = 0; i < cdf.length; i++) {
      if (u < cdf[i]) {
        return i;
      }
    }
    return cdf.length - 1;
  }
}
