package ai.omniflow.leads;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One lead field's value as read from a source, with where it came from.
 *
 * <pre>{@code
 * ExtractedField budget = extraction.get("budget").orElseThrow();
 * budget.value();    // new BigDecimal("650000")
 * budget.snippet();  // "$650k"
 * budget.origin();   // MESSAGE
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param key the lead field's key
 * @param value {@link BigDecimal} for money and number fields, {@link String} for text, the exact
 *     option for choice fields, {@link Boolean} for boolean and {@link LocalDate} for date fields
 * @param origin whether a form answer or a message said it
 * @param sourceIndex the index of that source in the list given to the extractor
 * @param question for a form answer, the question key it answered; {@code null} for a message
 * @param snippet the text the value was read from, exactly as it occurs in the message or answer
 * @param at when that source was sent or submitted
 */
public record ExtractedField(
    String key,
    Object value,
    Origin origin,
    int sourceIndex,
    @Nullable String question,
    String snippet,
    Instant at) {

  /** Where a value was read from. */
  public enum Origin {
    /** An answer of a lead form: the contact chose or typed it for this question. */
    FORM,
    /** The text of an inbound message: read from what the contact wrote. */
    MESSAGE
  }

  /**
   * @throws NullPointerException if a non-null component is null
   * @throws IllegalArgumentException if the snippet is blank, the index negative, or a value of a
   *     type no field has
   */
  public ExtractedField {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(snippet, "snippet");
    Objects.requireNonNull(at, "at");
    if (snippet.isBlank()) {
      throw new IllegalArgumentException("snippet must not be blank");
    }
    if (sourceIndex < 0) {
      throw new IllegalArgumentException("sourceIndex must not be negative");
    }
    if (!(value instanceof BigDecimal
        || value instanceof String
        || value instanceof Boolean
        || value instanceof LocalDate)) {
      throw new IllegalArgumentException(
          "value must be a BigDecimal, String, Boolean or LocalDate");
    }
  }
}
