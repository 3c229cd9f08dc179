package ai.omniflow.attribution;

import ai.omniflow.Limits;
import ai.omniflow.OmniFlowException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * How credit for a conversion is shared among the touches of its journey. Each model has a stable
 * wire name ({@link #wireName()}); {@link #parse(String)} reads one with its default parameters and
 * {@link #all()} lists every model with its defaults. docs/attribution.md says what each means.
 *
 * <pre>{@code
 * AttributionModel m = AttributionModel.parse("time_decay");
 * AttributionModel third = new AttributionModel.Markov(3);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface AttributionModel {
  /** The name the model is known by on the wire and in reports, such as {@code "u_shaped"}. */
  String wireName();

  /** The whole credit to the first touch. */
  record FirstTouch() implements AttributionModel {
    @Override
    public String wireName() {
      return "first_touch";
    }
  }

  /** The whole credit to the last touch. */
  record LastTouch() implements AttributionModel {
    @Override
    public String wireName() {
      return "last_touch";
    }
  }

  /**
   * The whole credit to the last touch whose channel is not direct; to the last touch if all are.
   *
   * @param directChannels the channels counted as direct, by default {@code direct}
   */
  record LastNonDirect(Set<String> directChannels) implements AttributionModel {
    /** Copies the set, sorted. */
    public LastNonDirect {
      directChannels =
          Set.copyOf(
              Limits.list("direct_channels", new TreeSet<>(directChannels), Limits.MAX_LIST));
    }

    /** Only the channel {@code direct} counts as direct. */
    public LastNonDirect() {
      this(Set.of("direct"));
    }

    @Override
    public String wireName() {
      return "last_non_direct";
    }
  }

  /** Equal credit to every touch. */
  record Linear() implements AttributionModel {
    @Override
    public String wireName() {
      return "linear";
    }
  }

  /**
   * Credit halving with every {@code halfLife} a touch lies before the conversion. Journeys without
   * times (the CSV) count each step back from the last touch as {@code untimedStep}.
   *
   * <p>Throws {@link OmniFlowException} {@code invalid_half_life} or {@code invalid_untimed_step}
   * otherwise
   *
   * @param halfLife positive, at most 365 days; by default 7 days
   * @param untimedStep positive, at most 365 days; by default 1 day
   */
  record TimeDecay(Duration halfLife, Duration untimedStep) implements AttributionModel {
    /** The longest half-life or step: 365 days. */
    public static final Duration MAX = Duration.ofDays(365);

    /** Validates the durations. */
    public TimeDecay {
      Limits.duration("half_life", halfLife, MAX);
      Limits.duration("untimed_step", untimedStep, MAX);
    }

    /** A half-life of 7 days, one day per untimed step. */
    public TimeDecay() {
      this(Duration.ofDays(7), Duration.ofDays(1));
    }

    @Override
    public String wireName() {
      return "time_decay";
    }
  }

  /** 40 % to the first touch, 40 % to the last, 20 % shared by those between. */
  record UShaped() implements AttributionModel {
    @Override
    public String wireName() {
      return "u_shaped";
    }
  }

  /**
   * 30 % each to the first touch, the lead's creation and the opportunity's, 10 % shared by the
   * rest.
   */
  record WShaped() implements AttributionModel {
    @Override
    public String wireName() {
      return "w_shaped";
    }
  }

  /**
   * 22.5 % each to the first touch, the lead's creation, the opportunity's and the conversion's
   * (last) touch, 10 % shared by the rest.
   */
  record FullPath() implements AttributionModel {
    @Override
    public String wireName() {
      return "full_path";
    }
  }

  /**
   * The removal effect of each channel in a Markov chain of the given order over the paths, solved
   * exactly as an absorbing chain.
   *
   * <p>Throws {@link OmniFlowException} {@code invalid_order} (invalid input) otherwise
   *
   * @param order 1 to 3; by default 1
   */
  record Markov(int order) implements AttributionModel {
    /** The most transient states a chain may have: 1,200 (10 channels at order 3 need 1,110). */
    public static final int MAX_STATES = 1_200;

    /** Validates the order. */
    public Markov {
      if (order < 1 || order > 3) {
        throw OmniFlowException.invalidInput(
            AttributionErrors.INVALID_ORDER, "order must be 1, 2 or 3.");
      }
    }

    /** Order 1. */
    public Markov() {
      this(1);
    }

    @Override
    public String wireName() {
      return "markov";
    }
  }

  /**
   * The simplified Shapley value over channel sets (Zhao et al. 2018): each journey's conversion is
   * shared equally by the distinct channels it touched. The ordered variant splits each channel's
   * credit further by the position at which it first appeared (1, 2, …).
   *
   * @param ordered whether credits are split by position; by default not
   */
  record Shapley(boolean ordered) implements AttributionModel {
    /** Not ordered. */
    public Shapley() {
      this(false);
    }

    @Override
    public String wireName() {
      return ordered ? "shapley_ordered" : "shapley";
    }
  }

  /** Every model with its default parameters, in a stable order. */
  static List<AttributionModel> all() {
    return List.of(
        new FirstTouch(),
        new LastTouch(),
        new LastNonDirect(),
        new Linear(),
        new TimeDecay(),
        new UShaped(),
        new WShaped(),
        new FullPath(),
        new Markov(),
        new Shapley(),
        new Shapley(true));
  }

  /**
   * The model of that wire name with its default parameters.
   *
   * @throws OmniFlowException {@code invalid_model} (bad request) for an unknown name; the message
   *     lists the names and does not repeat the one given
   */
  static AttributionModel parse(String wireName) {
    for (AttributionModel m : all()) {
      if (m.wireName().equals(wireName)) {
        return m;
      }
    }
    StringBuilder names = new StringBuilder();
    for (AttributionModel m : all()) {
      names.append(names.length() == 0 ? "" : ", ").append(m.wireName());
    }
    throw OmniFlowException.badRequest(
        AttributionErrors.INVALID_MODEL, "model must be one of " + names + ".");
  }
}
