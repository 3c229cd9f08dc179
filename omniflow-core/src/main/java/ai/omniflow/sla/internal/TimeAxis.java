package ai.omniflow.sla.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The one numeric axis the arithmetic runs on: nanoseconds since Monday 1999-12-27 00:00, read
 * either as an instant (UTC) or as a local wall time (a {@code LocalDateTime} taken as if it were
 * UTC). A local position is its instant plus the offset in force. A {@code long} of nanoseconds
 * from that base reaches past {@link #HORIZON}, the last instant the arithmetic answers.
 */
public final class TimeAxis {
  /** Nanoseconds in a second. */
  public static final long SECOND = 1_000_000_000L;

  /** Nanoseconds in a day of 24 wall-clock hours. */
  public static final long DAY = 86_400L * SECOND;

  /** Nanoseconds in a week of wall-clock days. */
  public static final long WEEK = 7 * DAY;

  /** A Monday, so that day index 0 is a Monday. */
  static final LocalDate BASE_DATE = LocalDate.of(1999, 12, 27);

  static final long BASE_EPOCH_SECOND = BASE_DATE.atStartOfDay().toEpochSecond(ZoneOffset.UTC);

  static final long BASE_EPOCH_DAY = BASE_DATE.toEpochDay();

  /** The latest instant any calculation may reach: 2250-01-01T00:00:00Z. */
  public static final Instant HORIZON = Instant.parse("2250-01-01T00:00:00Z");

  /** {@link #HORIZON} on the axis. */
  public static final long HORIZON_NANOS = toNanos(HORIZON);

  private TimeAxis() {}

  /** An instant on the axis; it must not be before the base. */
  public static long toNanos(Instant t) {
    return (t.getEpochSecond() - BASE_EPOCH_SECOND) * SECOND + t.getNano();
  }

  /** The instant at a position of the axis. */
  public static Instant toInstant(long nanos) {
    return Instant.ofEpochSecond(
        BASE_EPOCH_SECOND + Math.floorDiv(nanos, SECOND), Math.floorMod(nanos, SECOND));
  }

  /** The day index (0 = 1999-12-27) of a date. */
  public static long dayIndex(LocalDate date) {
    return date.toEpochDay() - BASE_EPOCH_DAY;
  }
}
