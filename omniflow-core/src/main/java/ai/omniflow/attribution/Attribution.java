package ai.omniflow.attribution;

import ai.omniflow.OmniFlowException;
import ai.omniflow.attribution.internal.Apportion;
import ai.omniflow.attribution.internal.Keys;
import ai.omniflow.attribution.internal.PathTable;
import ai.omniflow.attribution.internal.PositionShares;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The attribution engine: given models and a level, it tallies journeys as they stream past (only
 * distinct paths and their counts are kept) and then credits each model's conversions and value to
 * channels or campaigns, summing exactly to the totals.
 *
 * <pre>{@code
 * Attribution attribution = Attribution.builder().models(AttributionModel.all()).build();
 * Attribution.Tally tally = attribution.tally();
 * journeys.forEach(tally::add);
 * List<AttributionResult> results = tally.results();
 * // or, over the common path CSV:
 * List<AttributionResult> fromCsv = attribution.computeCsv(reader);
 * }</pre>
 *
 * <p>The engine is immutable and thread-safe; a {@link Tally} is not (one per computation).
 */
public final class Attribution {
  /** The most distinct channels (or channel and campaign pairs) in one computation: 10,000. */
  public static final int MAX_KEYS = 10_000;

  /** The most distinct paths in one computation: 2,000,000. */
  public static final int MAX_PATHS = 2_000_000;

  private static final long CONVERSION_UNITS = 10_000L;

  private final List<AttributionModel> models;
  private final AttributionLevel level;

  private Attribution(Builder b) {
    this.models = List.copyOf(b.models);
    this.level = b.level;
  }

  /** A builder: every model with its defaults, at channel level, unless told otherwise. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this engine's settings. */
  public Builder toBuilder() {
    return new Builder().models(models).level(level);
  }

  /** The models, in the order results come. */
  public List<AttributionModel> models() {
    return models;
  }

  /** The level credit is given at. */
  public AttributionLevel level() {
    return level;
  }

  /** A new, empty tally for one computation. */
  public Tally tally() {
    return new Tally(this);
  }

  /**
   * Every model over the rows of a CSV in the common interchange format ({@link PathCsv}).
   *
   * @throws OmniFlowException {@code invalid_csv} (invalid input) if any row is bad, naming the
   *     first 20 bad lines and why; nothing is computed then
   * @throws IOException if reading fails
   */
  public List<AttributionResult> computeCsv(Reader csv) throws IOException {
    Tally tally = tally();
    PathCsv.Outcome outcome = PathCsv.read(csv, tally);
    outcome.orThrow();
    return tally.results();
  }

  /**
   * As {@link #computeCsv(Reader)}, over UTF-8 bytes (faster: ASCII lines skip decoding).
   *
   * @throws OmniFlowException {@code invalid_csv} (invalid input) if any row is bad
   * @throws IOException if reading fails
   */
  public List<AttributionResult> computeCsv(InputStream csv) throws IOException {
    Tally tally = tally();
    PathCsv.read(csv, tally).orThrow();
    return tally.results();
  }

  /**
   * Journeys counted so far, as distinct paths with their conversions, values and non-converting
   * journeys. Not thread-safe; results may be asked for more than once.
   */
  public static final class Tally {
    private final Attribution engine;
    final Keys keys = new Keys(MAX_KEYS);
    private final PathTable paths = new PathTable(MAX_PATHS);
    private final int[] ids = new int[Journey.MAX_TOUCHES];
    private final double[] scratch = new double[Journey.MAX_TOUCHES];
    private final double[] ages = new double[Journey.MAX_TOUCHES];
    private final Map<AttributionModel.TimeDecay, double[][]> timedDecay = new HashMap<>();
    private long journeys;
    private long conversions;
    private long cents;

    private Tally(Attribution engine) {
      this.engine = engine;
      for (AttributionModel m : engine.models) {
        if (m instanceof AttributionModel.TimeDecay td) {
          timedDecay.put(td, new double[2][16]);
        }
      }
    }

    /**
     * Counts one journey.
     *
     * @throws OmniFlowException {@code invalid_journeys} (invalid input) past {@link #MAX_KEYS}
     *     keys, {@link #MAX_PATHS} paths or totals beyond a {@code long} of cents
     */
    public void add(Journey journey) {
      List<Touch> touches = journey.touches();
      int n = touches.size();
      for (int i = 0; i < n; i++) {
        Touch t = touches.get(i);
        int id = keys.id(t.channel(), engine.level.detail(t));
        if (id < 0) {
          throw tooMany();
        }
        ids[i] = id;
      }
      long conv = journey.converted() ? 1 : 0;
      long valueCents;
      try {
        valueCents = journey.value().movePointRight(2).longValueExact();
      } catch (ArithmeticException e) {
        throw tooLarge();
      }
      boolean timed = journey.timed();
      addCounts(
          ids, n, journey.leadAt(), journey.opportunityAt(), timed, conv, valueCents, 1 - conv);
      if (timed && conv > 0) {
        addTimedDecay(journey, n, valueCents);
      }
    }

    /** Counts a CSV row: its path's ids in {@code ids[0, n)}; markers unknown, no times. */
    void addCounts(
        int[] path,
        int n,
        int leadAt,
        int opportunityAt,
        boolean timed,
        long conv,
        long valueCents,
        long nulls) {
      try {
        if (!paths.add(path, n, leadAt, opportunityAt, timed, conv, valueCents, nulls)) {
          throw tooMany();
        }
        journeys = Math.addExact(journeys, Math.addExact(conv, nulls));
        conversions = Math.addExact(conversions, conv);
        Math.multiplyExact(conversions, CONVERSION_UNITS);
        cents = Math.addExact(cents, valueCents);
      } catch (ArithmeticException e) {
        throw tooLarge();
      }
    }

    private void addTimedDecay(Journey journey, int n, long valueCents) {
      List<Touch> touches = journey.touches();
      java.time.Instant end =
          Objects.requireNonNullElse(
              journey.convertedAt(), Objects.requireNonNull(touches.get(n - 1).at()));
      for (int i = 0; i < n; i++) {
        java.time.Instant at = Objects.requireNonNull(touches.get(i).at());
        ages[i] = (end.getEpochSecond() - at.getEpochSecond());
      }
      for (Map.Entry<AttributionModel.TimeDecay, double[][]> e : timedDecay.entrySet()) {
        double[][] acc = e.getValue();
        if (acc[0].length < keys.size()) {
          int c = Math.max(keys.size(), acc[0].length * 2);
          acc[0] = Arrays.copyOf(acc[0], c);
          acc[1] = Arrays.copyOf(acc[1], c);
        }
        PositionShares.decay(n, ages, e.getKey().halfLife().getSeconds(), scratch);
        for (int i = 0; i < n; i++) {
          acc[0][ids[i]] += scratch[i];
          acc[1][ids[i]] += scratch[i] * valueCents;
        }
      }
    }

    /** The journeys counted. */
    public long journeys() {
      return journeys;
    }

    /** The distinct paths they form. */
    public int paths() {
      return paths.size();
    }

    /** Each model's result over the journeys counted so far, in the engine's order of models. */
    public List<AttributionResult> results() {
      List<AttributionResult> out = new ArrayList<>(engine.models.size());
      for (AttributionModel m : engine.models) {
        out.add(compute(m));
      }
      return out;
    }

    /**
     * One model's result over the journeys counted so far.
     *
     * @throws IllegalArgumentException if the model is not one of the engine's (time decay over
     *     timed journeys is summed as they arrive, only for the engine's models)
     */
    public AttributionResult result(AttributionModel model) {
      if (!engine.models.contains(model)) {
        throw new IllegalArgumentException("model is not one of this engine's models");
      }
      return compute(model);
    }

    private AttributionResult compute(AttributionModel model) {
      return credit(
          model, ModelWeights.of(model, paths, keys, conversions, timedDecay, scratch, ages));
    }

    private AttributionResult credit(AttributionModel model, ModelWeights.Slots slots) {
      int n = slots.size;
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      Comparator<Integer> byName =
          Comparator.<Integer, String>comparing(i -> keys.channel(slots.key[i]))
              .thenComparing(i -> Objects.requireNonNullElse(keys.detail(slots.key[i]), ""))
              .thenComparingInt(i -> slots.position[i]);
      Arrays.sort(order, byName);
      double[] conv = new double[n];
      double[] value = new double[n];
      for (int i = 0; i < n; i++) {
        conv[i] = slots.conversions[order[i]];
        value[i] = slots.cents[order[i]];
      }
      long[] convUnits = Apportion.shares(conversions * CONVERSION_UNITS, conv);
      long[] centUnits = Apportion.shares(cents, value);
      List<Credit> credits = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int key = slots.key[order[i]];
        String detail = keys.detail(key);
        AttributionLevel level = engine.level;
        credits.add(
            new Credit(
                keys.channel(key),
                level == AttributionLevel.CAMPAIGN ? detail : null,
                slots.position[order[i]],
                BigDecimal.valueOf(convUnits[i], AttributionResult.CONVERSION_SCALE),
                BigDecimal.valueOf(centUnits[i], 2),
                level == AttributionLevel.CONTENT ? detail : null,
                level == AttributionLevel.AGENT ? detail : null));
      }
      return new AttributionResult(
          model,
          journeys,
          paths.size(),
          BigDecimal.valueOf(conversions * CONVERSION_UNITS, AttributionResult.CONVERSION_SCALE),
          BigDecimal.valueOf(cents, 2),
          credits);
    }

    private static OmniFlowException tooMany() {
      return OmniFlowException.invalidInput(
          AttributionErrors.INVALID_JOURNEYS,
          "journeys must have at most "
              + MAX_KEYS
              + " distinct channels or campaigns and "
              + MAX_PATHS
              + " distinct paths.");
    }

    private static OmniFlowException tooLarge() {
      return OmniFlowException.invalidInput(
          AttributionErrors.INVALID_JOURNEYS, "the journeys' totals must fit in a long of cents.");
    }
  }

  /** Builds an {@link Attribution}. Not thread-safe. */
  public static final class Builder {
    private List<AttributionModel> models = AttributionModel.all();
    private AttributionLevel level = AttributionLevel.CHANNEL;

    private Builder() {}

    /**
     * The models to compute, in the order results come; by default {@link AttributionModel#all()}.
     */
    public Builder models(List<? extends AttributionModel> models) {
      if (models.isEmpty()) {
        throw OmniFlowException.badRequest(
            AttributionErrors.INVALID_MODEL, "models must not be empty.");
      }
      this.models = List.copyOf(models);
      return this;
    }

    /** The level credit is given at; by default {@link AttributionLevel#CHANNEL}. */
    public Builder level(AttributionLevel level) {
      this.level = level;
      return this;
    }

    /** The engine. */
    public Attribution build() {
      return new Attribution(this);
    }
  }
}
