package ai.omniflow.sla;

import ai.omniflow.Limits;
import ai.omniflow.sla.internal.CompiledCalendar;
import ai.omniflow.sla.internal.TimeAxis;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Business hours in an IANA time zone, with holidays and special days, and the business-time
 * arithmetic on them: when a window of business time ends ({@link #dueAt}), how much business time
 * lies between two instants ({@link #businessTimeBetween}), whether it is open ({@link #isOpen})
 * and when it next opens ({@link #nextOpening}).
 *
 * <pre>{@code
 * BusinessCalendar office = BusinessCalendar.builder()
 *     .zone("America/New_York")
 *     .open(DayOfWeek.MONDAY, "09:00", "17:00")   // … and the other weekdays
 *     .open(DayOfWeek.FRIDAY, "22:00", "02:00")   // crosses midnight into Saturday
 *     .holiday("2026-12-25")
 *     .build();
 * Instant due = office.dueAt(firstInbound, Duration.ofHours(2));
 * }</pre>
 *
 * <h2>Rules</h2>
 *
 * <ul>
 *   <li>Periods are local wall time. Every period belongs to the date it starts on: the weekly
 *       periods of that weekday, none on a holiday, a special day's own instead of the weekly ones.
 *       A period that crosses midnight runs into the next date whatever that date is (the tail of
 *       Thursday 22:00–02:00 still runs on a Friday holiday). Where the tail of one date and the
 *       periods of the next overlap, the calendar is open once (their union).
 *   <li>The calendar is open at an instant when the wall clock of its zone then shows a time inside
 *       an open period. Business time is the real time that passes while it is open. So a
 *       spring-forward gap, which the wall clock skips, adds nothing (a day open 00:00–24:00 has 23
 *       hours that day), and a fall-back overlap, which the wall clock shows twice, counts twice
 *       (25 hours). A period starting or ending in a gap opens or closes at the jump.
 *   <li>{@code businessTimeBetween(start, dueAt(start, w))} equals {@code w} exactly, to the
 *       nanosecond, and {@code dueAt} is the earliest such instant: a window that is used up as a
 *       period closes is due at the closing, not at the next opening. {@code dueAt} never decreases
 *       when {@code start} or the window grows.
 * </ul>
 *
 * <p>Bounds: at most {@value #MAX_PERIODS_PER_DAY} periods a weekday or special day, {@value
 * #MAX_HOLIDAYS} holidays and {@value #MAX_SPECIAL_DAYS} special days, dates in 2000–2199, and at
 * least one weekly period (a calendar never open would have no due times). Instants passed in must
 * lie between {@link Limits#EARLIEST} and 2250-01-01; windows are positive and at most {@link
 * #MAX_WINDOW}.
 *
 * <p>Immutable and thread-safe; compiled once when built, so keep and share instances.
 */
public final class BusinessCalendar {
  /** The most opening periods on one weekday or special day. */
  public static final int MAX_PERIODS_PER_DAY = 8;

  /** The most holidays one calendar holds (ten years of a country's public holidays and more). */
  public static final int MAX_HOLIDAYS = 500;

  /** The most special days one calendar holds. */
  public static final int MAX_SPECIAL_DAYS = 500;

  /** The longest window {@link #dueAt} accepts: 30 days. */
  public static final Duration MAX_WINDOW = Duration.ofDays(30);

  /** The longest zone id read: 64 characters. */
  public static final int MAX_ZONE_ID = 64;

  private static final LocalDate FIRST_DATE = LocalDate.of(2000, 1, 1);
  private static final LocalDate LAST_DATE = LocalDate.of(2199, 12, 31);
  private static final int WEEK_MINUTES = 7 * OpeningHours.DAY_MINUTES;
  private static final BusinessCalendar ALWAYS_OPEN = new BusinessCalendar();

  private final ZoneId zone;
  private final Map<DayOfWeek, List<OpeningHours>> weeklyHours;
  private final SortedSet<LocalDate> holidays;
  private final List<SpecialDay> specialDays;
  private final boolean alwaysOpen;
  private final CompiledCalendar compiled;

  private BusinessCalendar() {
    this.zone = ZoneOffset.UTC;
    Map<DayOfWeek, List<OpeningHours>> all = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek d : DayOfWeek.values()) {
      all.put(d, List.of(new OpeningHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT)));
    }
    this.weeklyHours = Collections.unmodifiableMap(all);
    this.holidays = Collections.unmodifiableSortedSet(new TreeSet<>());
    this.specialDays = List.of();
    this.alwaysOpen = true;
    this.compiled = CompiledCalendar.alwaysOpen();
  }

  private BusinessCalendar(Builder b) {
    if (b.zone == null) {
      throw SlaProblems.invalid(
          "zone", "zone is required, an IANA time zone such as Europe/London.");
    }
    this.zone = b.zone;
    Map<DayOfWeek, List<OpeningHours>> weekly = new EnumMap<>(DayOfWeek.class);
    int[][] weeklyMinutes = new int[7][];
    List<int[]> onWeek = new ArrayList<>();
    for (DayOfWeek d : DayOfWeek.values()) {
      List<OpeningHours> hours = List.copyOf(b.weekly.getOrDefault(d, List.of()));
      weekly.put(d, hours);
      weeklyMinutes[d.ordinal()] = minutes(hours);
      for (OpeningHours h : hours) {
        int s = d.ordinal() * OpeningHours.DAY_MINUTES + h.startMinute();
        int e = d.ordinal() * OpeningHours.DAY_MINUTES + h.endMinute();
        onWeek.add(new int[] {s, Math.min(e, WEEK_MINUTES), d.ordinal()});
        if (e > WEEK_MINUTES) {
          onWeek.add(new int[] {0, e - WEEK_MINUTES, d.ordinal()});
        }
      }
    }
    if (onWeek.isEmpty()) {
      throw SlaProblems.invalid("hours", "hours must have at least one weekly opening period.");
    }
    onWeek.sort((x, y) -> Integer.compare(x[0], y[0]));
    for (int i = 1; i < onWeek.size(); i++) {
      if (onWeek.get(i)[0] < onWeek.get(i - 1)[1]) {
        throw SlaProblems.invalid(
            "hours", "hours overlap on " + DayOfWeek.values()[onWeek.get(i)[2]] + ".");
      }
    }
    this.weeklyHours = Collections.unmodifiableMap(weekly);
    this.holidays = Collections.unmodifiableSortedSet(new TreeSet<>(b.holidays));
    List<SpecialDay> specials = new ArrayList<>(b.specialDays.values());
    this.specialDays = List.copyOf(specials);
    Map<Long, int[]> exceptions = new HashMap<>();
    for (LocalDate h : holidays) {
      exceptions.put(TimeAxis.dayIndex(h), new int[0]);
    }
    for (SpecialDay s : specialDays) {
      if (holidays.contains(s.date())) {
        throw SlaProblems.invalid(
            "special_days", "special_days must not repeat a holiday's date (" + s.date() + ").");
      }
      exceptions.put(TimeAxis.dayIndex(s.date()), minutes(s.hours()));
    }
    this.alwaysOpen = false;
    this.compiled = CompiledCalendar.compile(zone, weeklyMinutes, exceptions);
  }

  /** A new builder of a calendar. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The calendar open at every instant, for policies whose clock runs in wall time: business time
   * between two instants is the time between them.
   */
  public static BusinessCalendar alwaysOpen() {
    return ALWAYS_OPEN;
  }

  /**
   * Monday to Friday, {@code open} to {@code close}, in {@code zone}: the shape of a default
   * office.
   *
   * @throws ai.omniflow.OmniFlowException as the builder
   */
  public static BusinessCalendar weekdays(ZoneId zone, LocalTime open, LocalTime close) {
    Builder b = builder().zone(zone);
    for (DayOfWeek d : DayOfWeek.values()) {
      if (d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY) {
        b.open(d, new OpeningHours(open, close));
      }
    }
    return b.build();
  }

  /** A builder holding this calendar's definition, to derive a changed copy. */
  public Builder toBuilder() {
    if (alwaysOpen) {
      throw SlaProblems.invalid("calendar", "the always-open calendar cannot be changed.");
    }
    Builder b = builder().zone(zone);
    weeklyHours.forEach((d, hours) -> hours.forEach(h -> b.open(d, h)));
    holidays.forEach(b::holiday);
    specialDays.forEach(b::specialDay);
    return b;
  }

  /** The time zone whose wall clock the periods are read on (UTC for {@link #alwaysOpen()}). */
  public ZoneId zone() {
    return zone;
  }

  /** The periods of each weekday, every weekday present (empty when closed). */
  public Map<DayOfWeek, List<OpeningHours>> weeklyHours() {
    return weeklyHours;
  }

  /** The dates closed all day (their periods do not start; see the class rules). */
  public SortedSet<LocalDate> holidays() {
    return holidays;
  }

  /** The dates with periods of their own, by date. */
  public List<SpecialDay> specialDays() {
    return specialDays;
  }

  /** Whether this is the calendar of {@link #alwaysOpen()}. */
  public boolean isAlwaysOpen() {
    return alwaysOpen;
  }

  /** The business time of a week without holidays or special days, on the wall clock. */
  public Duration openPerWeek() {
    return Duration.ofNanos(compiled.weekOpen());
  }

  /**
   * The instant at which {@code window} of business time has passed since {@code start}: the
   * earliest instant {@code due} with {@code businessTimeBetween(start, due).equals(window)}.
   *
   * @throws ai.omniflow.OmniFlowException {@code invalid_start} if start is outside 2000–2250;
   *     {@code invalid_window} if the window is not positive, exceeds {@link #MAX_WINDOW}, or would
   *     end after 2250 on a calendar open that little
   */
  public Instant dueAt(Instant start, Duration window) {
    SlaProblems.instant("start", start);
    Limits.duration("window", window, MAX_WINDOW);
    long due = compiled.dueAt(TimeAxis.toNanos(start), window.toNanos());
    if (due < 0) {
      throw SlaProblems.invalid("window", "window would end after " + TimeAxis.HORIZON + ".");
    }
    return TimeAxis.toInstant(due);
  }

  /**
   * The business time from {@code from} to {@code to}: the real time between them during which the
   * calendar is open; negative (the same amount) when {@code to} is before {@code from}.
   *
   * @throws ai.omniflow.OmniFlowException {@code invalid_from} or {@code invalid_to} if outside
   *     2000–2250
   */
  public Duration businessTimeBetween(Instant from, Instant to) {
    long a = TimeAxis.toNanos(SlaProblems.instant("from", from));
    long b = TimeAxis.toNanos(SlaProblems.instant("to", to));
    return a <= b
        ? Duration.ofNanos(compiled.between(a, b))
        : Duration.ofNanos(-compiled.between(b, a));
  }

  /**
   * Whether the calendar is open at {@code at}.
   *
   * @throws ai.omniflow.OmniFlowException {@code invalid_at} if outside 2000–2250
   */
  public boolean isOpen(Instant at) {
    return compiled.isOpen(TimeAxis.toNanos(SlaProblems.instant("at", at)));
  }

  /**
   * The first instant at or after {@code at} at which the calendar is open ({@code at} itself when
   * open).
   *
   * @throws ai.omniflow.OmniFlowException {@code invalid_at} if outside 2000–2250, or if the
   *     calendar does not open again before 2250
   */
  public Instant nextOpening(Instant at) {
    long next = compiled.nextOpening(TimeAxis.toNanos(SlaProblems.instant("at", at)));
    if (next < 0) {
      throw SlaProblems.invalid(
          "at", "the calendar does not open again before " + TimeAxis.HORIZON + ".");
    }
    return TimeAxis.toInstant(next);
  }

  static void checkDate(String field, LocalDate date) {
    if (date.isBefore(FIRST_DATE) || date.isAfter(LAST_DATE)) {
      throw SlaProblems.invalid(field, field + " must be dates from 2000-01-01 to 2199-12-31.");
    }
  }

  static LocalDate parseDate(String field, String text) {
    if (text.length() != 10) {
      throw SlaProblems.invalid(field, field + " must be dates such as 2026-12-25.");
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw SlaProblems.invalid(field, field + " must be dates such as 2026-12-25.");
    }
  }

  /** The periods as pairs of start and end minutes after the day's midnight, sorted by start. */
  static int[] minutes(List<OpeningHours> hours) {
    int[] m = new int[hours.size() * 2];
    List<OpeningHours> sorted = new ArrayList<>(hours);
    sorted.sort((x, y) -> Integer.compare(x.startMinute(), y.startMinute()));
    for (int i = 0; i < sorted.size(); i++) {
      m[2 * i] = sorted.get(i).startMinute();
      m[2 * i + 1] = sorted.get(i).endMinute();
    }
    return m;
  }

  /** Whether sorted minute pairs overlap (touching is fine). */
  static boolean overlaps(int[] sortedPairs) {
    for (int i = 2; i < sortedPairs.length; i += 2) {
      if (sortedPairs[i] < sortedPairs[i - 1]) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BusinessCalendar c
        && alwaysOpen == c.alwaysOpen
        && zone.equals(c.zone)
        && weeklyHours.equals(c.weeklyHours)
        && holidays.equals(c.holidays)
        && specialDays.equals(c.specialDays);
  }

  @Override
  public int hashCode() {
    return Objects.hash(alwaysOpen, zone, weeklyHours, holidays, specialDays);
  }

  @Override
  public String toString() {
    return alwaysOpen
        ? "BusinessCalendar[always open]"
        : "BusinessCalendar[zone="
            + zone
            + ", weekly="
            + weeklyHours
            + ", holidays="
            + holidays.size()
            + ", specialDays="
            + specialDays.size()
            + "]";
  }

  /**
   * Builds a {@link BusinessCalendar}. Texts are parsed, and bounds checked, as they are added;
   * overlaps and the rest when {@link #build()} is called. Not thread-safe.
   */
  public static final class Builder {
    private @org.jspecify.annotations.Nullable ZoneId zone;
    private final Map<DayOfWeek, List<OpeningHours>> weekly = new EnumMap<>(DayOfWeek.class);
    private final SortedSet<LocalDate> holidays = new TreeSet<>();
    private final SortedMap<LocalDate, SpecialDay> specialDays = new TreeMap<>();

    private Builder() {}

    /** The calendar's time zone. */
    public Builder zone(ZoneId zone) {
      this.zone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    /**
     * The calendar's time zone by IANA id, such as {@code Europe/London}.
     *
     * @throws ai.omniflow.OmniFlowException {@code invalid_zone} if no such zone is known
     */
    public Builder zone(String id) {
      if (id.length() > MAX_ZONE_ID) {
        throw unknownZone();
      }
      try {
        return zone(ZoneId.of(id));
      } catch (DateTimeException e) {
        throw unknownZone();
      }
    }

    private static RuntimeException unknownZone() {
      return SlaProblems.invalid(
          "zone", "zone must be a known IANA time zone such as Europe/London.");
    }

    /**
     * Adds an opening period to a weekday.
     *
     * @throws ai.omniflow.OmniFlowException {@code invalid_hours} past {@link #MAX_PERIODS_PER_DAY}
     */
    public Builder open(DayOfWeek day, OpeningHours hours) {
      List<OpeningHours> list = weekly.computeIfAbsent(day, d -> new ArrayList<>());
      if (list.size() >= MAX_PERIODS_PER_DAY) {
        throw SlaProblems.invalid(
            "hours", "hours must have at most " + MAX_PERIODS_PER_DAY + " periods a day.");
      }
      list.add(Objects.requireNonNull(hours, "hours"));
      return this;
    }

    /**
     * Adds an opening period to a weekday from {@code HH:mm} texts.
     *
     * @throws ai.omniflow.OmniFlowException {@code invalid_hours} as {@link OpeningHours#of}
     */
    public Builder open(DayOfWeek day, String start, String end) {
      return open(day, OpeningHours.of(start, end));
    }

    /**
     * Adds a holiday: the date's periods do not start.
     *
     * @throws ai.omniflow.OmniFlowException {@code invalid_holidays} outside 2000–2199 or past
     *     {@link #MAX_HOLIDAYS}
     */
    public Builder holiday(LocalDate date) {
      checkDate("holidays", date);
      if (holidays.size() >= MAX_HOLIDAYS && !holidays.contains(date)) {
        throw SlaProblems.invalid(
            "holidays", "holidays must have at most " + MAX_HOLIDAYS + " dates.");
      }
      holidays.add(date);
      return this;
    }

    /**
     * Adds a holiday from an ISO date such as {@code 2026-12-25}.
     *
     * @throws ai.omniflow.OmniFlowException {@code invalid_holidays} if the text is not such a
     *     date, or as {@link #holiday(LocalDate)}
     */
    public Builder holiday(String date) {
      return holiday(parseDate("holidays", date));
    }

    /**
     * Adds a special day.
     *
     * @throws ai.omniflow.OmniFlowException {@code invalid_special_days} if its date already has
     *     one, or past {@link #MAX_SPECIAL_DAYS}
     */
    public Builder specialDay(SpecialDay day) {
      if (specialDays.containsKey(day.date())) {
        throw SlaProblems.invalid(
            "special_days", "special_days has two entries for " + day.date() + ".");
      }
      if (specialDays.size() >= MAX_SPECIAL_DAYS) {
        throw SlaProblems.invalid(
            "special_days", "special_days must have at most " + MAX_SPECIAL_DAYS + " dates.");
      }
      specialDays.put(day.date(), day);
      return this;
    }

    /**
     * Adds a special day from an ISO date text.
     *
     * @throws ai.omniflow.OmniFlowException {@code invalid_special_days} as {@link
     *     #specialDay(SpecialDay)} or if the text is not a date such as {@code 2026-12-24}
     */
    public Builder specialDay(String date, List<OpeningHours> hours) {
      return specialDay(new SpecialDay(parseDate("special_days", date), hours));
    }

    /**
     * The calendar, compiled.
     *
     * @throws ai.omniflow.OmniFlowException {@code invalid_zone} without a zone; {@code
     *     invalid_hours} without any weekly period or with overlapping ones (crossing midnight
     *     included); {@code invalid_special_days} for a date that is also a holiday
     */
    public BusinessCalendar build() {
      return new BusinessCalendar(this);
    }
  }
}
