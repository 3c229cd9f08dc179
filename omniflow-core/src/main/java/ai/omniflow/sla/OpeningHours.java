package ai.omniflow.sla;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * One opening period of a day, in the calendar's local wall time, to the minute. A period whose end
 * is not after its start crosses midnight and ends on the next day ({@code 22:00–02:00} opens on
 * the day it belongs to at 22:00 and closes at 02:00 the day after); an end of {@code 00:00} means
 * midnight at the end of the day, so {@code 00:00–00:00} is the whole day.
 *
 * <pre>{@code
 * OpeningHours morning = OpeningHours.of("09:00", "12:30");
 * OpeningHours lateShift = new OpeningHours(LocalTime.of(22, 0), LocalTime.of(2, 0));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * <p>Throws {@link ai.omniflow.OmniFlowException} {@code invalid_hours} (invalid input) if a time
 * has seconds, or start equals end other than {@code 00:00–00:00} (an empty period)
 */
public record OpeningHours(LocalTime start, LocalTime end) {
  /** Minutes in a day. */
  static final int DAY_MINUTES = 24 * 60;

  public OpeningHours {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (start.getSecond() != 0
        || start.getNano() != 0
        || end.getSecond() != 0
        || end.getNano() != 0) {
      throw SlaProblems.invalid("hours", "hours must be whole minutes, such as 09:00.");
    }
    if (start.equals(end) && !start.equals(LocalTime.MIDNIGHT)) {
      throw SlaProblems.invalid("hours", "hours must not be empty: start equals end.");
    }
  }

  /**
   * Reads a period from {@code HH:mm} texts; an end of {@code 24:00} means midnight.
   *
   * @throws ai.omniflow.OmniFlowException {@code invalid_hours} if a text is not a time such as
   *     {@code 09:00}, or as the constructor
   */
  public static OpeningHours of(String start, String end) {
    return new OpeningHours(time(start), "24:00".equals(end) ? LocalTime.MIDNIGHT : time(end));
  }

  private static LocalTime time(String text) {
    if (text.length() != 5) {
      throw SlaProblems.invalid("hours", "hours must be times such as 09:00.");
    }
    try {
      return LocalTime.parse(text);
    } catch (DateTimeParseException e) {
      throw SlaProblems.invalid("hours", "hours must be times such as 09:00.");
    }
  }

  /** Whether the period runs past midnight into the next day. */
  public boolean crossesMidnight() {
    return !end.isAfter(start) && !end.equals(LocalTime.MIDNIGHT);
  }

  /** The period's length on the wall clock (a daylight-saving change inside it aside). */
  public Duration length() {
    return Duration.ofMinutes(endMinute() - startMinute());
  }

  /** Minutes after the day's midnight at which the period opens. */
  int startMinute() {
    return start.getHour() * 60 + start.getMinute();
  }

  /** Minutes after the day's midnight at which it closes: up to 2,880 when it crosses midnight. */
  int endMinute() {
    int s = startMinute();
    int e = end.getHour() * 60 + end.getMinute();
    return e > s ? e : e + DAY_MINUTES;
  }

  @Override
  public String toString() {
    return start + "–" + (end.equals(LocalTime.MIDNIGHT) ? "24:00" : end.toString());
  }
}
