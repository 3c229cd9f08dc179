package ai.omniflow.sla;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A date with opening hours of its own, replacing that weekday's usual ones (a late-opening
 * Christmas Eve, a Saturday event). Its periods may cross midnight like weekly ones.
 *
 * <pre>{@code
 * SpecialDay eve = new SpecialDay(LocalDate.of(2026, 12, 24), List.of(OpeningHours.of("09:00", "13:00")));
 * }</pre>
 *
 * <p>Immutable and thread-safe. A date closed all day is a holiday, not a special day.
 *
 * <p>Throws {@link ai.omniflow.OmniFlowException} {@code invalid_special_days} (invalid input) if
 * it has no period, more than {@link BusinessCalendar#MAX_PERIODS_PER_DAY}, overlapping ones, or a
 * date outside 2000–2199
 */
public record SpecialDay(LocalDate date, List<OpeningHours> hours) {
  public SpecialDay {
    Objects.requireNonNull(date, "date");
    hours = List.copyOf(hours);
    BusinessCalendar.checkDate("special_days", date);
    if (hours.isEmpty()) {
      throw SlaProblems.invalid(
          "special_days",
          "special_days must have at least one period; a closed date is a holiday.");
    }
    if (hours.size() > BusinessCalendar.MAX_PERIODS_PER_DAY) {
      throw SlaProblems.invalid(
          "special_days",
          "special_days must have at most "
              + BusinessCalendar.MAX_PERIODS_PER_DAY
              + " periods a day.");
    }
    int[] minutes = BusinessCalendar.minutes(hours);
    if (BusinessCalendar.overlaps(minutes)) {
      throw SlaProblems.invalid("special_days", "special_days periods on " + date + " overlap.");
    }
  }
}
