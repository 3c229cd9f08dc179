package ai.omniflow.scoring.model;

import ai.omniflow.store.spi.JsonValues;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a training run found, to store next to (or instead of) the model and show to people.
 *
 * <pre>{@code
 * TrainingReport report = LeadModelTrainer.train(pack.leadFields(), closed, options, now);
 * if (report.status() == TrainingStatus.TRAINED) {
 *   LeadModel model = report.model();
 * } else {
 *   log.info("no learned model: {}", report.reason());   // rules alone score this org
 * }
 * Map<String, Object> storedReport = report.toJson();     // without the model
 * Map<String, Object> storedModel = report.trained() ? report.model().toJson() : null;
 * TrainingReport same = TrainingReport.fromJson(storedReport, storedModel);
 * }</pre>
 *
 * @param status whether the model may be used
 * @param reason one sentence for people, e.g. {@code held-out AUC 0.91 ≥ 0.70} or {@code needs at
 *     least 50 won and 50 lost outcomes; has 49 won and 200 lost}
 * @param outcomes all outcomes given
 * @param training the outcomes fitted on ({@link OutcomeCounts#NONE} when too few to train)
 * @param heldOut the outcomes held out to judge the model ({@link OutcomeCounts#NONE} likewise)
 * @param heldOutAuc the held-out AUC, or {@code null} when nothing was fitted
 * @param brierScore the held-out Brier score, or {@code null} when nothing was fitted
 * @param calibration the held-out calibration table over 10 bins (empty bins left out); empty when
 *     nothing was fitted
 * @param expectedCalibrationError the table's expected calibration error, or {@code null} when
 *     nothing was fitted
 * @param options the options trained with
 * @param trainedAt when the run happened, as the caller passed it
 * @param model the model, present exactly when {@code status} is {@link TrainingStatus#TRAINED}
 */
public record TrainingReport(
    TrainingStatus status,
    String reason,
    OutcomeCounts outcomes,
    OutcomeCounts training,
    OutcomeCounts heldOut,
    @Nullable Double heldOutAuc,
    @Nullable Double brierScore,
    List<CalibrationBin> calibration,
    @Nullable Double expectedCalibrationError,
    TrainingOptions options,
    Instant trainedAt,
    @Nullable LeadModel model) {

  /** The name written in {@link #toJson()}'s {@code format}. */
  public static final String FORMAT = "omniflow.lead-model-report";

  /** The version of {@link #toJson()}'s shape. */
  public static final int FORMAT_VERSION = 1;

  /** The calibration table's number of bins. */
  public static final int CALIBRATION_BINS = 10;

  /**
   * @throws IllegalArgumentException if {@code model} is given for a refusal or missing for {@link
   *     TrainingStatus#TRAINED}, or the measures are missing for a fitted model
   */
  public TrainingReport {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(outcomes, "outcomes");
    Objects.requireNonNull(training, "training");
    Objects.requireNonNull(heldOut, "held_out");
    calibration = List.copyOf(calibration);
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(trainedAt, "trained_at");
    if ((status == TrainingStatus.TRAINED) != (model != null)) {
      throw new IllegalArgumentException("a model comes with status trained and only with it");
    }
    if (status != TrainingStatus.REFUSED_TOO_FEW_OUTCOMES
        && (heldOutAuc == null || brierScore == null || expectedCalibrationError == null)) {
      throw new IllegalArgumentException("a fitted model's report needs its held-out measures");
    }
  }

  /** Whether a model came out that may be used. */
  public boolean trained() {
    return status == TrainingStatus.TRAINED;
  }

  /**
   * This report without its model as a JSON-shaped map with {@code format} {@value #FORMAT} and
   * {@code format_version} {@value #FORMAT_VERSION}; {@code status} is the {@link
   * TrainingStatus#key()}. Store the model's own {@link LeadModel#toJson()} next to it, and read
   * both back with {@link #fromJson(Map, Map)}.
   */
  public Map<String, @Nullable Object> toJson() {
    Map<String, @Nullable Object> json = new LinkedHashMap<>();
    json.put("format", FORMAT);
    json.put("format_version", FORMAT_VERSION);
    json.put("status", status.key());
    json.put("reason", reason);
    json.put("outcomes", counts(outcomes));
    json.put("training", counts(training));
    json.put("held_out", counts(heldOut));
    json.put("held_out_auc", heldOutAuc);
    json.put("brier_score", brierScore);
    json.put("expected_calibration_error", expectedCalibrationError);
    List<Object> bins = new ArrayList<>();
    for (CalibrationBin b : calibration) {
      Map<String, Object> bin = new LinkedHashMap<>();
      bin.put("from", b.from());
      bin.put("to", b.to());
      bin.put("count", b.count());
      bin.put("mean_predicted", b.meanPredicted());
      bin.put("observed_rate", b.observedRate());
      bins.add(bin);
    }
    json.put("calibration", bins);
    json.put("options", options.toJson());
    json.put("trained_at", trainedAt.toString());
    return JsonValues.copyObject(json);
  }

  /**
   * Reads a report written by {@link #toJson()} with its model, if any, written by {@link
   * LeadModel#toJson()}.
   *
   * @param json the report
   * @param model the report's model; {@code null} for a refusal
   * @throws IllegalArgumentException if {@code json} is not a report of format version {@value
   *     #FORMAT_VERSION} or the model not a model of {@link LeadModel#FORMAT_VERSION}, either is
   *     malformed (the message names the part), or a model is given for a refusal or missing for a
   *     trained report
   */
  public static TrainingReport fromJson(Map<String, ?> json, @Nullable Map<String, ?> model) {
    JsonFields.checkFormat(json, FORMAT, FORMAT_VERSION);
    List<CalibrationBin> bins = new ArrayList<>();
    List<?> list = JsonFields.list(json, "calibration");
    for (int i = 0; i < list.size(); i++) {
      Map<String, ?> b = JsonFields.object(list.get(i), "calibration[" + i + "]");
      bins.add(
          new CalibrationBin(
              JsonFields.number(b, "from"),
              JsonFields.number(b, "to"),
              JsonFields.integer(b, "count"),
              JsonFields.number(b, "mean_predicted"),
              JsonFields.number(b, "observed_rate")));
    }
    Instant trainedAt;
    try {
      trainedAt = Instant.parse(JsonFields.string(json, "trained_at"));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'trainedAt' must be an ISO instant", e);
    }
    return new TrainingReport(
        TrainingStatus.fromKey(JsonFields.string(json, "status")),
        JsonFields.string(json, "reason"),
        counts(JsonFields.object(json, "outcomes")),
        counts(JsonFields.object(json, "training")),
        counts(JsonFields.object(json, "held_out")),
        JsonFields.optionalNumber(json, "held_out_auc"),
        JsonFields.optionalNumber(json, "brier_score"),
        bins,
        JsonFields.optionalNumber(json, "expected_calibration_error"),
        TrainingOptions.fromJson(JsonFields.object(json, "options")),
        trainedAt,
        model == null ? null : LeadModel.fromJson(model));
  }

  private static Map<String, Object> counts(OutcomeCounts c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("won", c.won());
    m.put("lost", c.lost());
    return m;
  }

  private static OutcomeCounts counts(Map<String, ?> m) {
    return new OutcomeCounts(JsonFields.integer(m, "won"), JsonFields.integer(m, "lost"));
  }
}
