package ai.omniflow.scoring.model;

import java.util.Locale;

/** What came of a training run; only {@link #TRAINED} gives a model to use. */
public enum TrainingStatus {
  /** The model met the quality threshold on the held-out split and may be used. */
  TRAINED,
  /** Fewer than {@link TrainingOptions#minPerClass()} won or lost outcomes; nothing was fitted. */
  REFUSED_TOO_FEW_OUTCOMES,
  /** The fitted model's held-out AUC was below {@link TrainingOptions#minAuc()}; not to be used. */
  REFUSED_LOW_QUALITY;

  /** The lower-case name used in JSON, e.g. {@code refused_low_quality}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException if {@code key} names no status
   */
  public static TrainingStatus fromKey(String key) {
    for (TrainingStatus s : values()) {
      if (s.key().equals(key)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown training status '" + key + "'");
  }
}
