package ai.omniflow.attribution;

import ai.omniflow.attribution.internal.Keys;
import ai.omniflow.attribution.internal.MarkovChain;
import ai.omniflow.attribution.internal.PathTable;
import ai.omniflow.attribution.internal.PositionShares;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * The weights one model gives the keys of a tally's distinct paths: each key's share of the
 * conversions and of the value (in cents), before {@link Attribution.Tally} apportions the totals
 * by them. Markov by removal effects, Shapley by even shares of each path's distinct keys (ordered:
 * per key and position), the position models by their shares of each path; time decay adds what
 * timed journeys summed as they arrived.
 */
final class ModelWeights {
  private ModelWeights() {}

  /**
   * The weights {@code model} gives, one slot per key (per key and position for the ordered Shapley
   * value). {@code scratch} and {@code ages} are the tally's work arrays, overwritten here.
   */
  static Slots of(
      AttributionModel model,
      PathTable paths,
      Keys keys,
      long conversions,
      Map<AttributionModel.TimeDecay, double[][]> timedDecay,
      double[] scratch,
      double[] ages) {
    if (model instanceof AttributionModel.Shapley s && s.ordered()) {
      return orderedShapley(paths, keys);
    }
    int k = keys.size();
    Slots slots = new Slots(k);
    for (int i = 0; i < k; i++) {
      slots.add(i, 0);
    }
    fill(model, paths, keys, conversions, timedDecay, scratch, ages, slots);
    return slots;
  }

  private static void fill(
      AttributionModel model,
      PathTable paths,
      Keys keys,
      long conversions,
      Map<AttributionModel.TimeDecay, double[][]> timedDecay,
      double[] scratch,
      double[] ages,
      Slots slots) {
    double[] conv = slots.conversions;
    double[] value = slots.cents;
    if (model instanceof AttributionModel.Markov mk) {
      if (conversions == 0) {
        return;
      }
      double[] effects =
          MarkovChain.of(paths, mk.order(), AttributionModel.Markov.MAX_STATES)
              .removalEffects(keys.size());
      System.arraycopy(effects, 0, conv, 0, effects.length);
      System.arraycopy(effects, 0, value, 0, effects.length);
      return;
    }
    if (model instanceof AttributionModel.Shapley) {
      int[] seen = new int[keys.size()];
      int mark = 0;
      for (int p = 0; p < paths.size(); p++) {
        long c = paths.conversions(p);
        if (c == 0) {
          continue;
        }
        mark++;
        int distinct = 0;
        for (int i = 0; i < paths.length(p); i++) {
          int key = paths.key(p, i);
          if (seen[key] != mark) {
            seen[key] = mark;
            distinct++;
          }
        }
        double share = 1.0 / distinct;
        mark++;
        for (int i = 0; i < paths.length(p); i++) {
          int key = paths.key(p, i);
          if (seen[key] != mark) {
            seen[key] = mark;
            conv[key] += c * share;
            value[key] += paths.cents(p) * share;
          }
        }
      }
      return;
    }
    boolean[] direct = null;
    double halfLifeSteps = 0;
    if (model instanceof AttributionModel.LastNonDirect lnd) {
      direct = new boolean[keys.size()];
      for (int i = 0; i < direct.length; i++) {
        direct[i] = lnd.directChannels().contains(keys.channel(i));
      }
    }
    if (model instanceof AttributionModel.TimeDecay td) {
      halfLifeSteps = (double) td.halfLife().getSeconds() / td.untimedStep().getSeconds();
      double[][] acc = timedDecay.get(td);
      if (acc != null) {
        for (int i = 0; i < Math.min(acc[0].length, conv.length); i++) {
          conv[i] += acc[0][i];
          value[i] += acc[1][i];
        }
      }
    }
    double[] s = scratch;
    for (int p = 0; p < paths.size(); p++) {
      long c = paths.conversions(p);
      if (c == 0) {
        continue;
      }
      int n = paths.length(p);
      int lead = paths.lead(p) < 0 ? 0 : paths.lead(p);
      int opp = paths.opportunity(p) < 0 ? n - 1 : paths.opportunity(p);
      if (model instanceof AttributionModel.FirstTouch) {
        PositionShares.first(n, s);
      } else if (model instanceof AttributionModel.LastTouch) {
        PositionShares.last(n, s);
      } else if (model instanceof AttributionModel.LastNonDirect) {
        PositionShares.lastNonDirect(paths, p, Objects.requireNonNull(direct), s);
      } else if (model instanceof AttributionModel.Linear) {
        PositionShares.linear(n, s);
      } else if (model instanceof AttributionModel.TimeDecay) {
        if (paths.timed(p)) {
          continue;
        }
        for (int i = 0; i < n; i++) {
          ages[i] = n - 1 - i;
        }
        PositionShares.decay(n, ages, halfLifeSteps, s);
      } else if (model instanceof AttributionModel.UShaped) {
        PositionShares.roles(n, 0, 0, 0.4, 0, 0, 0.4, 0.2, s);
      } else if (model instanceof AttributionModel.WShaped) {
        PositionShares.roles(n, lead, opp, 0.3, 0.3, 0.3, 0, 0.1, s);
      } else if (model instanceof AttributionModel.FullPath) {
        PositionShares.roles(n, lead, opp, 0.225, 0.225, 0.225, 0.225, 0.1, s);
      } else {
        throw new IllegalStateException("unknown model");
      }
      double cents = paths.cents(p);
      for (int i = 0; i < n; i++) {
        int key = paths.key(p, i);
        conv[key] += c * s[i];
        value[key] += cents * s[i];
      }
    }
  }

  private static Slots orderedShapley(PathTable paths, Keys keys) {
    Slots slots = new Slots(keys.size());
    int width = 1;
    for (int p = 0; p < paths.size(); p++) {
      width = Math.max(width, paths.length(p) + 1);
    }
    int[] slotOf = new int[keys.size() * width];
    int[] seen = new int[keys.size()];
    int mark = 0;
    for (int p = 0; p < paths.size(); p++) {
      long c = paths.conversions(p);
      mark++;
      int distinct = 0;
      for (int i = 0; i < paths.length(p); i++) {
        int key = paths.key(p, i);
        if (seen[key] != mark) {
          seen[key] = mark;
          distinct++;
        }
      }
      double share = 1.0 / distinct;
      mark++;
      int position = 0;
      for (int i = 0; i < paths.length(p); i++) {
        int key = paths.key(p, i);
        if (seen[key] != mark) {
          seen[key] = mark;
          position++;
          int code = key * width + position;
          int slot = slotOf[code] - 1;
          if (slot < 0) {
            slot = slots.add(key, position);
            slotOf[code] = slot + 1;
          }
          slots.conversions[slot] += c * share;
          slots.cents[slot] += paths.cents(p) * share;
        }
      }
    }
    return slots;
  }

  /** Where credit goes: a key and, for the ordered Shapley value, a position; with weights. */
  static final class Slots {
    int size;
    int[] key;
    int[] position;
    double[] conversions;
    double[] cents;

    Slots(int capacity) {
      int c = Math.max(capacity, 4);
      key = new int[c];
      position = new int[c];
      conversions = new double[c];
      cents = new double[c];
    }

    int add(int k, int pos) {
      if (size == key.length) {
        int c = size * 2;
        key = Arrays.copyOf(key, c);
        position = Arrays.copyOf(position, c);
        conversions = Arrays.copyOf(conversions, c);
        cents = Arrays.copyOf(cents, c);
      }
      key[size] = k;
      position[size] = pos;
      return size++;
    }
  }
}
