package ai.omniflow.leads;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.MonthDay;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a day: {@code today}, {@code tomorrow}, {@code Tuesday}, {@code next Tuesday}, {@code on
 * the 14th}, {@code 12/3} (month/day, US order), {@code March 3}, {@code 3rd of March}, {@code
 * 2026-03-03}. Relative days count from {@code reference}, the day the message was sent.
 *
 * <p>A weekday, with or without {@code this} or {@code next}, is the first such day after the
 * reference day ({@code next Tuesday} said on a Sunday is two days later). A day of the month, or a
 * month and day without a year, is the first such day on or after the reference day.
 */
final class DateReader {
  static final Map<String, Month> MONTHS =
      Map.ofEntries(
          Map.entry("january", Month.JANUARY),
          Map.entry("jan", Month.JANUARY),
          Map.entry("february", Month.FEBRUARY),
          Map.entry("feb", Month.FEBRUARY),
          Map.entry("march", Month.MARCH),
          Map.entry("mar", Month.MARCH),
          Map.entry("april", Month.APRIL),
          Map.entry("apr", Month.APRIL),
          Map.entry("may", Month.MAY),
          Map.entry("june", Month.JUNE),
          Map.entry("jun", Month.JUNE),
          Map.entry("july", Month.JULY),
          Map.entry("jul", Month.JULY),
          Map.entry("august", Month.AUGUST),
          Map.entry("aug", Month.AUGUST),
          Map.entry("september", Month.SEPTEMBER),
          Map.entry("sept", Month.SEPTEMBER),
          Map.entry("sep", Month.SEPTEMBER),
          Map.entry("october", Month.OCTOBER),
          Map.entry("oct", Month.OCTOBER),
          Map.entry("november", Month.NOVEMBER),
          Map.entry("nov", Month.NOVEMBER),
          Map.entry("december", Month.DECEMBER),
          Map.entry("dec", Month.DECEMBER));

  static final String MONTH_NAMES =
      "(?:January|Jan|February|Feb|March|Mar|April|Apr|May|June|Jun|July|Jul|August|Aug"
          + "|September|Sept|Sep|October|Oct|November|Nov|December|Dec)";
  private static final String DAY_NUMBER = "(3[01]|[12]\\d|0?[1-9])(?:st|nd|rd|th)?";
  private static final Pattern RELATIVE =
      Pattern.compile(
          "\\b(day after tomorrow|today|tomorrow|tmrw|tmr|tonight)\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern WEEKDAY =
      Pattern.compile(
          "\\b(?:(this|next|on|coming)\\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday"
              + "|tues|thurs)\\b(?!s)",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern DAY_OF_MONTH =
      Pattern.compile(
          "\\b(?:on\\s+)?the\\s+(3[01]|[12]\\d|0?[1-9])(?:st|nd|rd|th)\\b(?!\\s+of\\b)",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern NUMERIC =
      Pattern.compile(
          "(?<![\\d/])(1[0-2]|0?[1-9])/(3[01]|[12]\\d|0?[1-9])(?:/(\\d{4}|\\d{2}))?(?![\\d/])"
              + "(?!\\s*(?:bath|ba\\b|acre|mile|cup|inch|in\\b|stars?\\b|rating))",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern MONTH_DAY =
      Pattern.compile(
          "\\b("
              + MONTH_NAMES
              + ")\\.?\\s+"
              + DAY_NUMBER
              + "\\b(?:,?\\s+(\\d{4}))?(?!\\s*(?:k\\b|%|:))",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern DAY_MONTH =
      Pattern.compile(
          "\\b" + DAY_NUMBER + "\\s+(?:of\\s+)?(" + MONTH_NAMES + ")\\b(?:,?\\s+(\\d{4}))?",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern ISO = Pattern.compile("\\b(\\d{4})-(\\d{2})-(\\d{2})\\b");

  /**
   * Days that are not asked for: {@code until Monday}, {@code last Friday}, {@code thanks for
   * today}.
   */
  private static final Pattern NOT_WISHED =
      Pattern.compile(
          "(?i)\\b(?:until|till|til|since|last|past|every|each|thanks for|thank you for|thx for|ty for)"
              + "\\s+(?:the\\s+|this\\s+|on\\s+)?$");

  private static final Pattern NEXT_WORD = Pattern.compile("^\\s+([A-Za-z]+)");

  /** Words that may follow {@code the 14th} when it is a day wished for. */
  private static final java.util.Set<String> AFTER_A_DAY =
      java.util.Set.of(
          "if",
          "please",
          "pls",
          "at",
          "or",
          "and",
          "works",
          "work",
          "would",
          "could",
          "is",
          "for",
          "then",
          "instead",
          "maybe",
          "ok",
          "okay",
          "good",
          "fine",
          "too",
          "morning",
          "afternoon",
          "evening",
          "around",
          "in",
          "after",
          "before",
          "between",
          "possible",
          "preferably");

  private DateReader() {}

  static List<FoundValue> read(MessageText text, LocalDate reference) {
    List<FoundValue> found = new ArrayList<>();
    Matcher m = text.matcher(RELATIVE);
    int taken = 0;
    while (MessageText.next(m, taken++)) {
      String w = m.group(1).toLowerCase(Locale.ROOT);
      int plus = w.startsWith("day after") ? 2 : w.startsWith("tom") || w.startsWith("tm") ? 1 : 0;
      found.add(new FoundValue(reference.plusDays(plus), m.start(), m.end()));
    }
    m = text.matcher(WEEKDAY);
    taken = 0;
    while (MessageText.next(m, taken++)) {
      DayOfWeek day = weekday(m.group(2));
      found.add(new FoundValue(reference.with(TemporalAdjusters.next(day)), m.start(), m.end()));
    }
    m = text.matcher(DAY_OF_MONTH);
    taken = 0;
    while (MessageText.next(m, taken++)) {
      Matcher next = text.matcher(NEXT_WORD).region(m.end(), text.windowAfter(m.end()));
      if (next.find() && !AFTER_A_DAY.contains(next.group(1).toLowerCase(Locale.ROOT))) {
        continue; // "the 3rd photo"
      }
      int day = Integer.parseInt(m.group(1));
      LocalDate d = nextDayOfMonth(reference, day);
      if (d != null) {
        found.add(new FoundValue(d, m.start(), m.end()));
      }
    }
    m = text.matcher(NUMERIC);
    taken = 0;
    while (MessageText.next(m, taken++)) {
      add(
          found,
          m,
          reference,
          Integer.parseInt(m.group(1)),
          Integer.parseInt(m.group(2)),
          m.group(3));
    }
    m = text.matcher(MONTH_DAY);
    taken = 0;
    while (MessageText.next(m, taken++)) {
      if (isModalMay(m.group(1))) {
        continue;
      }
      add(found, m, reference, month(m.group(1)), Integer.parseInt(m.group(2)), m.group(3));
    }
    m = text.matcher(DAY_MONTH);
    taken = 0;
    while (MessageText.next(m, taken++)) {
      if (isModalMay(m.group(2))) {
        continue;
      }
      add(found, m, reference, month(m.group(2)), Integer.parseInt(m.group(1)), m.group(3));
    }
    m = text.matcher(ISO);
    taken = 0;
    while (MessageText.next(m, taken++)) {
      try {
        found.add(
            new FoundValue(
                LocalDate.of(
                    Integer.parseInt(m.group(1)),
                    Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3))),
                m.start(),
                m.end()));
      } catch (DateTimeException e) {
        // not a day
      }
    }
    found.removeIf(c -> text.findIn(NOT_WISHED, Math.max(0, c.start() - 30), c.start()));
    return found;
  }

  private static boolean isModalMay(String month) {
    return month.equals("may");
  }

  private static void add(
      List<FoundValue> found,
      Matcher m,
      LocalDate reference,
      int month,
      int day,
      @Nullable String year) {
    try {
      LocalDate d;
      if (year != null) {
        int y = Integer.parseInt(year);
        d = LocalDate.of(y < 100 ? 2000 + y : y, month, day);
      } else {
        MonthDay md = MonthDay.of(month, day);
        d = md.atYear(reference.getYear());
        if (d.isBefore(reference)) {
          d = md.atYear(reference.getYear() + 1);
        }
      }
      found.add(new FoundValue(d, m.start(), m.end()));
    } catch (DateTimeException e) {
      // not a day, e.g. 2/30
    }
  }

  private static @Nullable LocalDate nextDayOfMonth(LocalDate reference, int day) {
    for (int i = 0; i < 3; i++) {
      LocalDate month = reference.withDayOfMonth(1).plusMonths(i);
      if (day <= month.lengthOfMonth()) {
        LocalDate d = month.withDayOfMonth(day);
        if (!d.isBefore(reference)) {
          return d;
        }
      }
    }
    return null;
  }

  static int month(String name) {
    return MONTHS.get(name.toLowerCase(Locale.ROOT)).getValue();
  }

  private static DayOfWeek weekday(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return switch (n.substring(0, 3)) {
      case "mon" -> DayOfWeek.MONDAY;
      case "tue" -> DayOfWeek.TUESDAY;
      case "wed" -> DayOfWeek.WEDNESDAY;
      case "thu" -> DayOfWeek.THURSDAY;
      case "fri" -> DayOfWeek.FRIDAY;
      case "sat" -> DayOfWeek.SATURDAY;
      default -> DayOfWeek.SUNDAY;
    };
  }
}
