package ai.omniflow.scoring;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * What the scorer reads about one lead: field values, engagement events and the last intent. Values
 * sit in arrays indexed by the field index {@link CompiledRules} resolved when it was compiled, so
 * a rule reads a field with one array load. Made by {@link CompiledRules#facts()}.
 *
 * <pre>{@code
 * LeadFacts facts = rules.facts()
 *     .set("budget", new BigDecimal("650000"))
 *     .set("pre_approved", true)
 *     .engagement(Instant.parse("2026-01-02T10:00:00Z"))
 *     .lastIntent("showing_request")
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe; usable only with the {@link CompiledRules} that made its builder.
 */
public final class LeadFacts {
  final FieldLayout layout;
  final @Nullable Object[] values;
  final double[] numbers;
  final long latestEngagementMillis;
  final int engagementCount;

  private LeadFacts(Builder b) {
    this.layout = b.layout;
    this.values = b.values.clone();
    this.numbers = b.numbers.clone();
    this.latestEngagementMillis = b.latest;
    this.engagementCount = b.count;
  }

  /** The number of engagement events (inbound messages, form fills, replies). */
  public int engagementCount() {
    return engagementCount;
  }

  /** When the latest engagement event happened, or {@code null} if there was none. */
  public @Nullable Instant latestEngagement() {
    return engagementCount == 0 ? null : Instant.ofEpochMilli(latestEngagementMillis);
  }

  /** Builds {@link LeadFacts}; not thread-safe. */
  public static final class Builder {
    private final FieldLayout layout;
    private final @Nullable Object[] values;
    private final double[] numbers;
    private long latest = Long.MIN_VALUE;
    private int count;

    Builder(FieldLayout layout) {
      this.layout = layout;
      this.values = new Object[layout.size()];
      this.numbers = new double[layout.size()];
      Arrays.fill(numbers, Double.NaN);
    }

    /**
     * Sets a field: a {@link Number} for number and money fields, a {@link LocalDate} or ISO date
     * text for date fields, a {@link Boolean} for boolean fields, text otherwise; {@code null}
     * clears it.
     *
     * @throws IllegalArgumentException if there is no such field, it is a built-in the builder
     *     derives ({@code inbound_count}, {@code last_intent}), or the value has the wrong type
     */
    public Builder set(String field, @Nullable Object value) {
      int i = layout.index(field);
      if (i < 0) {
        throw new IllegalArgumentException("no field '" + field + "'");
      }
      if (field.equals(FieldLayout.INBOUND_COUNT) || field.equals(FieldLayout.LAST_INTENT)) {
        throw new IllegalArgumentException(field + " is derived; use engagement() or lastIntent()");
      }
      put(i, value);
      return this;
    }

    /** Records an engagement event at {@code at}; {@code inbound_count} counts them. */
    public Builder engagement(Instant at) {
      count++;
      latest = Math.max(latest, at.toEpochMilli());
      numbers[layout.index(FieldLayout.INBOUND_COUNT)] = count;
      return this;
    }

    /** Sets the intent of the lead's latest message, e.g. {@code showing_request}. */
    public Builder lastIntent(@Nullable String intent) {
      values[layout.index(FieldLayout.LAST_INTENT)] = intent;
      return this;
    }

    public LeadFacts build() {
      if (count == 0) {
        numbers[layout.index(FieldLayout.INBOUND_COUNT)] = 0;
      }
      return new LeadFacts(this);
    }

    private void put(int i, @Nullable Object value) {
      FieldLayout.Kind kind = layout.kind(i);
      values[i] = null;
      numbers[i] = Double.NaN;
      if (value == null) {
        return;
      }
      switch (kind) {
        case NUMBER -> {
          if (value instanceof BigDecimal d) {
            numbers[i] = d.doubleValue();
          } else if (value instanceof Number n) {
            numbers[i] = n.doubleValue();
          } else {
            throw wrong(i, "a number", value);
          }
        }
        case DATE -> {
          if (value instanceof LocalDate d) {
            numbers[i] = d.toEpochDay();
          } else if (value instanceof String s) {
            try {
              numbers[i] = LocalDate.parse(s).toEpochDay();
            } catch (DateTimeParseException e) {
              throw wrong(i, "an ISO date", value);
            }
          } else {
            throw wrong(i, "a date", value);
          }
        }
        case BOOLEAN -> {
          if (!(value instanceof Boolean)) {
            throw wrong(i, "a boolean", value);
          }
          values[i] = value;
        }
        case TEXT -> {
          if (!(value instanceof String)) {
            throw wrong(i, "text", value);
          }
          values[i] = value;
        }
      }
    }

    private IllegalArgumentException wrong(int i, String what, Object value) {
      return new IllegalArgumentException(
          "field '" + layout.key(i) + "' takes " + what + ", not " + value);
    }
  }
}
