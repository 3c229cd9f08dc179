package ai.omniflow.leads;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A timeline choice field: its options read as spans of time ({@code As soon as possible}, {@code
 * Within 3 months}, {@code 3 to 6 months}, {@code 6 to 12 months}, {@code Just browsing}), and
 * phrases of a message read as a point in time ({@code asap}, {@code next month}, {@code in 2
 * months}, {@code this spring}, {@code next year}, {@code just browsing}) that falls in one option.
 *
 * <p>A phrase gives a day counted from the day the message was sent; the option is the one whose
 * span holds the months from {@code today} to that day. Spans are {@code (lower, upper]} months,
 * except that a span from 0 holds 0. {@code next year} is 12 months; a season is the 15th of its
 * middle month (spring April, summer July, fall October, winter January).
 */
final class TimelineReader {
  /** What a timeline phrase means. */
  sealed interface Signal {}

  record Asap() implements Signal {}

  record Browsing() implements Signal {}

  record By(LocalDate day) implements Signal {}

  private static final Map<String, Integer> NUMBERS =
      Map.ofEntries(
          Map.entry("a", 1),
          Map.entry("an", 1),
          Map.entry("one", 1),
          Map.entry("two", 2),
          Map.entry("three", 3),
          Map.entry("four", 4),
          Map.entry("five", 5),
          Map.entry("six", 6),
          Map.entry("seven", 7),
          Map.entry("eight", 8),
          Map.entry("nine", 9),
          Map.entry("ten", 10),
          Map.entry("eleven", 11),
          Map.entry("twelve", 12),
          Map.entry("a couple", 2),
          Map.entry("a couple of", 2),
          Map.entry("couple", 2),
          Map.entry("couple of", 2),
          Map.entry("a few", 3),
          Map.entry("few", 3));

  private static final String COUNT =
      "(\\d{1,2}|a couple of|a couple|couple of|couple|a few|few|an|a|one|two|three|four|five|six"
          + "|seven|eight|nine|ten|eleven|twelve)";
  private static final Pattern ASAP =
      Pattern.compile(
          "\\b(?:asap|a\\.s\\.a\\.p|as soon as (?:possible|we can|i can)|right away|immediately"
              + "|urgently|ready to (?:buy|move) now|ready now)\\b",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern BROWSING =
      Pattern.compile(
          "\\b(?:just (?:looking|browsing)(?!\\s+(?:for(?! now)|at|to|in|into|around for)\\b)"
              + "|(?:only|just) window shopping|window shopping|just started looking"
              + "|just curious|just seeing what'?s out there|no (?:real )?timeline)\\b",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern SPAN =
      Pattern.compile(
          "\\b(?:in|within|in the next|next|over the next|in about|in around|in roughly|about|around)\\s+"
              + "(?:the next\\s+|about\\s+|around\\s+|another\\s+)?"
              + "(?:"
              + COUNT
              + "\\s*(?:-|–|to|or)\\s*)?"
              + COUNT
              + "\\s+(weeks?|months?|years?|yrs?)\\b"
              + "(?!\\s+ago)",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern BARE_RANGE =
      Pattern.compile(
          "(?<![\\w$])(\\d{1,2})\\s*(?:-|–|to)\\s*(\\d{1,2})\\s*(weeks?|months?|years?|mos?)\\b(?!\\s+ago)",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern NEXT =
      Pattern.compile(
          "\\b(?:next|this|by|in the|this coming|by the)\\s+(month|year|spring|summer|fall|autumn|winter)\\b"
              + "|\\b(?:end of (?:the )?|by end of (?:the )?|before the end of (?:the )?)(year)\\b",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern IN_MONTH =
      Pattern.compile(
          "\\b(?:in|by|around|before)\\s+(?:early\\s+|mid\\s*-?\\s*|late\\s+)?("
              + DateReader.MONTH_NAMES
              + ")\\b(?!\\s+\\d)");

  /** Words that make {@code in June} a move date rather than any date. */
  private static final Pattern MOVE_CONTEXT =
      Pattern.compile(
          "(?i)\\b(?:move|moving|buy|buying|purchase|close|closing|relocat\\w*|settled|ready|start|"
              + "looking|lease|timeline|want|hoping|hope|plan|planning|list|listing|sell|selling)\\b");

  /** Whether the sentence of {@code [start, end)}, within a window either side, is about a move. */
  private static boolean aboutMoving(MessageText text, int start, int end) {
    return text.findIn(MOVE_CONTEXT, text.before(start, ".!?\n"), text.after(end, ".!?\n"));
  }

  private TimelineReader() {}

  /** The timeline phrases of {@code text}, as signals, with where they are. */
  static List<FoundValue> read(MessageText text, LocalDate sent) {
    List<FoundValue> found = new ArrayList<>();
    Matcher m = text.matcher(ASAP);
    int taken = 0;
    while (MessageText.next(m, taken++)) {
      found.add(new FoundValue(new Asap(), m.start(), m.end()));
    }
    m = text.matcher(BROWSING);
    taken = 0;
    while (MessageText.next(m, taken++)) {
      found.add(new FoundValue(new Browsing(), m.start(), m.end()));
    }
    m = text.matcher(SPAN);
    taken = 0;
    while (MessageText.next(m, taken++)) {
      found.add(
          new FoundValue(new By(plus(sent, count(m.group(2)), m.group(3))), m.start(), m.end()));
    }
    m = text.matcher(BARE_RANGE);
    taken = 0;
    while (MessageText.next(m, taken++)) {
      found.add(
          new FoundValue(
              new By(plus(sent, Integer.parseInt(m.group(2)), m.group(3))), m.start(), m.end()));
    }
    m = text.matcher(NEXT);
    taken = 0;
    while (MessageText.next(m, taken++)) {
      String what = (m.group(1) != null ? m.group(1) : m.group(2)).toLowerCase(Locale.ROOT);
      String lead = m.group().toLowerCase(Locale.ROOT);
      LocalDate day =
          switch (what) {
            case "month" -> lead.startsWith("this") ? sent : sent.plusMonths(1);
            case "year" ->
                lead.startsWith("next")
                    ? sent.plusMonths(12)
                    : LocalDate.of(sent.getYear(), 12, 31);
            default -> season(sent, what, lead.startsWith("next"));
          };
      found.add(new FoundValue(new By(day), m.start(), m.end()));
    }
    m = text.matcher(IN_MONTH);
    taken = 0;
    while (MessageText.next(m, taken++)) {
      if (!aboutMoving(text, m.start(), m.end())) {
        continue; // "we got married in June"
      }
      int month = DateReader.month(m.group(1));
      LocalDate day = sent.withDayOfMonth(1).withMonth(month).withDayOfMonth(15);
      if (day.isBefore(sent.withDayOfMonth(1))) {
        day = day.plusYears(1);
      }
      found.add(new FoundValue(new By(day), m.start(), m.end()));
    }
    return found;
  }

  private static int count(String word) {
    String w = word.toLowerCase(Locale.ROOT);
    Integer n = NUMBERS.get(w);
    return n != null ? n : Integer.parseInt(w);
  }

  private static LocalDate plus(LocalDate sent, int n, String unit) {
    String u = unit.toLowerCase(Locale.ROOT);
    if (u.startsWith("w")) {
      return sent.plusWeeks(n);
    }
    if (u.startsWith("y")) {
      return sent.plusYears(n);
    }
    return sent.plusMonths(n);
  }

  private static LocalDate season(LocalDate sent, String season, boolean next) {
    int month =
        switch (season) {
          case "spring" -> 4;
          case "summer" -> 7;
          case "fall", "autumn" -> 10;
          default -> 1;
        };
    LocalDate day = LocalDate.of(sent.getYear(), month, 15);
    // "this summer" said in August is this one; said in December it is next year's
    if (day.isBefore(sent.minusMonths(2))) {
      day = day.plusYears(1);
    }
    if (next && day.isBefore(sent.plusMonths(2))) {
      day = day.plusYears(1);
    }
    return day;
  }

  /** One option read as a span of months, or as asap or browsing. */
  record OptionSpan(String option, Signal kind, double lower, double upper) {}

  private static final Pattern OPT_WITHIN =
      Pattern.compile(
          "(?:within|less than|under|in|next|0\\s*(?:-|–|to)\\s*)\\s*(\\d+)\\s*(weeks?|months?|years?)");
  private static final Pattern OPT_RANGE =
      Pattern.compile("(\\d+)\\s*(?:-|–|to)\\s*(\\d+)\\s*(weeks?|months?|years?)");
  private static final Pattern OPT_OVER =
      Pattern.compile(
          "(?:more than|over|after|\\+)\\s*(\\d+)\\s*(weeks?|months?|years?)|(\\d+)\\s*\\+\\s*(weeks?|months?|years?)");

  /**
   * The options read as spans, or an empty list when some option is none of asap, browsing or a
   * span: then the field is not a timeline.
   */
  static List<OptionSpan> spans(List<String> options) {
    List<OptionSpan> spans = new ArrayList<>();
    for (String option : options) {
      String o = option.toLowerCase(Locale.ROOT);
      Matcher m;
      if (o.contains("soon as possible")
          || o.matches(".*\\b(?:asap|immediately|right away|now)\\b.*")) {
        spans.add(new OptionSpan(option, new Asap(), 0, 0));
      } else if (o.contains("brows") || o.contains("just looking") || o.contains("not sure")) {
        spans.add(new OptionSpan(option, new Browsing(), 0, 0));
      } else if ((m = OPT_RANGE.matcher(o)).find() && !o.matches("^0\\s*(?:-|–|to).*")) {
        double k = months(m.group(3));
        spans.add(
            new OptionSpan(
                option,
                new By(LocalDate.MIN),
                Integer.parseInt(m.group(1)) * k,
                Integer.parseInt(m.group(2)) * k));
      } else if ((m = OPT_WITHIN.matcher(o)).find()) {
        spans.add(
            new OptionSpan(
                option,
                new By(LocalDate.MIN),
                0,
                Integer.parseInt(m.group(1)) * months(m.group(2))));
      } else if ((m = OPT_OVER.matcher(o)).find()) {
        String n = m.group(1) != null ? m.group(1) : m.group(3);
        String u = m.group(2) != null ? m.group(2) : m.group(4);
        spans.add(
            new OptionSpan(
                option, new By(LocalDate.MIN), Integer.parseInt(n) * months(u), Double.MAX_VALUE));
      } else {
        return List.of();
      }
    }
    return spans;
  }

  private static double months(String unit) {
    return unit.startsWith("w") ? 12.0 / 52 : unit.startsWith("y") ? 12 : 1;
  }

  /** The option {@code signal} falls in, counting from {@code today}, or null if none does. */
  static @Nullable String option(List<OptionSpan> spans, Signal signal, LocalDate today) {
    if (signal instanceof Asap) {
      for (OptionSpan s : spans) {
        if (s.kind() instanceof Asap) {
          return s.option();
        }
      }
      return option(spans, new By(today), today);
    }
    if (signal instanceof Browsing) {
      return spans.stream()
          .filter(s -> s.kind() instanceof Browsing)
          .map(OptionSpan::option)
          .findFirst()
          .orElse(null);
    }
    LocalDate day = ((By) signal).day();
    double months = Math.max(0, ChronoUnit.DAYS.between(today, day) / (365.25 / 12));
    for (OptionSpan s : spans) {
      if (s.kind() instanceof By
          && (months > s.lower() || (s.lower() == 0 && months == 0))
          && months <= s.upper() + 0.25) {
        return s.option();
      }
    }
    return null;
  }
}
