package ai.omniflow.scoring.model;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the learned model reads about one lead, independent of how it is stored.
 *
 * <pre>{@code
 * ModelInput input = new ModelInput(
 *     Map.of("budget", new BigDecimal("650000"), "pre_approved", true,
 *            "timeline", "Within 3 months"),
 *     "instagram",
 *     Set.of("showing_request"),
 *     Duration.ofMinutes(12),
 *     4,
 *     3);
 * }</pre>
 *
 * <p>Field values are checked against the pack's field types when a model reads them (by {@link
 * FeatureEncoder#encode}), not here: a {@link Number} (e.g. {@link java.math.BigDecimal}) for
 * number and money fields, a {@link Boolean} for boolean fields, a {@link String} for text and
 * choice fields, a {@link java.time.LocalDate} or ISO date text for date fields. A {@code null}
 * value is a missing value. Keys that are not lead fields of the model's pack are ignored, so a
 * model trained before the pack gained a field still scores leads that have it.
 *
 * @param fields pack lead field key to value; may hold {@code null} values
 * @param sourceChannel the channel the lead came from ({@code instagram}, {@code facebook}, {@code
 *     whatsapp}, {@code sms}, {@code lead_ad}, {@code email}, …), or {@code null} if unknown
 * @param intents the intent keys seen on the lead's messages
 * @param firstResponseTime from the lead's first inbound message to the first reply, or {@code
 *     null} if nobody has replied
 * @param inboundCount messages from the lead
 * @param outboundCount messages to the lead
 */
public record ModelInput(
    Map<String, @Nullable Object> fields,
    @Nullable String sourceChannel,
    Set<String> intents,
    @Nullable Duration firstResponseTime,
    int inboundCount,
    int outboundCount) {

  /**
   * @throws IllegalArgumentException if a count or the response time is negative
   */
  public ModelInput {
    Objects.requireNonNull(fields, "fields");
    // Map.copyOf refuses null values, which mean "missing" here
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    intents = Set.copyOf(intents);
    if (firstResponseTime != null && firstResponseTime.isNegative()) {
      throw new IllegalArgumentException("firstResponseTime must not be negative");
    }
    if (inboundCount < 0 || outboundCount < 0) {
      throw new IllegalArgumentException("message counts must not be negative");
    }
  }
}
