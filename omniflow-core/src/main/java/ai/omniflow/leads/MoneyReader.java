package ai.omniflow.leads;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads amounts of money: {@code $650k}, {@code 650,000}, {@code around 1.2M}, {@code $1.2
 * million}, {@code under 400k}, {@code budget is 500-600k}. A range gives its upper bound.
 *
 * <p>An amount counts when it carries money on its face (a {@code $}, {@code k}, {@code M}, {@code
 * million}, or thousands written with commas), or, as bare digits of at least 1000, when a budget
 * word comes shortly before it ({@code budget 650000}). Phone numbers, times, dates, years, {@code
 * 401k}, and numbers followed by a unit ({@code 3 bedrooms}, {@code 2 baths}, {@code 1200 sqft})
 * never count, nor do amounts said of a sale, a deposit, a down payment, rent or income.
 */
final class MoneyReader {
  static final Pattern PHONE =
      Pattern.compile(
          "(?<![\\d$,.])(?:\\+?1[\\s.-]?)?\\(?\\d{3}\\)?[\\s.-]?\\d{3}[\\s.-]?\\d{4}(?![\\d,])");
  static final Pattern CLOCK_OR_DATE =
      Pattern.compile(
          "\\b40[13]\\s?\\(?[kb]\\)?(?!\\w)|\\b\\d{1,2}:\\d{2}\\b|\\b\\d{1,2}/\\d{1,2}(?:/\\d{2,4})?\\b|\\b\\d{4}-\\d{2}-\\d{2}\\b");
  private static final Pattern AMOUNT =
      Pattern.compile(
          "(?<cur>\\$|usd\\s?)?(?<num>\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)(?!\\d|,\\d)"
              + "(?:\\s?(?<suf>k|mm|m|mil|million|thousand|grand)\\b)?",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern RANGE_JOIN =
      Pattern.compile("\\s*(?:-|–|—|to|and)\\s*", Pattern.CASE_INSENSITIVE);
  static final Pattern UNIT_AFTER =
      Pattern.compile(
          "^\\s*(?:-\\s*)?(?:bed|beds|bedroom|bedrooms|br|bd|bdr|ba|bath|baths|bathroom|bathrooms|sq|sqft|"
              + "square|ft|feet|foot|acre|acres|year|years|yr|yrs|month|months|mo|week|weeks|day|days|"
              + "hour|hours|hr|hrs|min|mins|minute|minutes|am|pm|a\\.m|p\\.m|%|percent|st|nd|rd|th|car|cars|"
              + "garage|kids|people|person|units?|story|stories|floors?|miles|mi|km|minutes?|"
              + "stops?|blocks?|rooms?|pets?|dogs?|cats?|times?|x)\\b",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern UNIT_SIGN_AFTER = Pattern.compile("^\\s*%");
  private static final Pattern BEFORE_EXCLUDED =
      Pattern.compile(
          "(?:#|\\bunit|\\bapt|\\bsuite|\\bno\\.|\\bnumber)\\s*$", Pattern.CASE_INSENSITIVE);

  /** Words that make bare digits an amount: {@code budget 650000}, not {@code around 1500}. */
  private static final Pattern STRONG_CUE =
      Pattern.compile(
          "\\b(?:budget|afford|spend|spending|up to|upto|max|maximum|price range|approved for|"
              + "qualified for|top out at)\\b",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern CUE =
      Pattern.compile(
          "\\b(?:budget|afford|spend|spending|up to|upto|max|maximum|under|below|less than|no more than|"
              + "around|about|approx|approximately|range|approved for|pre-?approved for|qualified for|"
              + "price|priced|between|looking at|top out|cap|somewhere)\\b",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern NOT_BUDGET =
      Pattern.compile(
          "\\b(?:sold|sell|selling|listed|listing|list it|worth|owe|owed|down ?payment|downpayment|deposit|"
              + "earnest|rent|rents|renting|salary|income|earn|make|makes|paid|bought|closing costs|"
              + "hoa|fees?|taxes|tax|commission|appraised|zestimate|offer(?:ed)? on|mortgage payment|"
              + "monthly|per month|a month|/mo)\\b",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern NOT_BUDGET_AFTER =
      Pattern.compile(
          "^\\s*(?:deposit|down payment|fee|fees|commission|in rent|rent\\b"
              + "|(?:for|as|in|towards?)\\s+(?:the\\s+|a\\s+|our\\s+|my\\s+)?"
              + "(?:down ?payment|deposit|closing|rent|savings|equity)|down\\b|saved|in savings|in equity"
              + "|a (?:month|year)|per (?:month|year)|/\\s*(?:mo|month|yr|year))",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern BETWEEN_BEFORE =
      Pattern.compile("\\bbetween\\s*$", Pattern.CASE_INSENSITIVE);

  private static final Pattern BUT = Pattern.compile("(?i)\\bbut\\b");

  private MoneyReader() {}

  /**
   * The amounts of {@code text}. In a form answer ({@code form}) bare digits count too, since the
   * question said what they are.
   */
  static List<FoundValue> read(MessageText text, boolean form) {
    MessageText masked = mask(text);
    List<Amount> amounts = new ArrayList<>();
    Matcher m = masked.matcher(AMOUNT);
    while (MessageText.next(m, amounts.size())) {
      amounts.add(Amount.of(m));
    }
    List<FoundValue> found = new ArrayList<>();
    for (int i = 0; i < amounts.size(); i++) {
      Amount a = amounts.get(i);
      int start = a.start;
      int end = a.end;
      Amount upper = a;
      boolean moneyOnFace = a.onFace();
      if (i + 1 < amounts.size()) {
        Amount b = amounts.get(i + 1);
        boolean join =
            b.start - a.end <= MessageText.WINDOW
                && masked.matcher(RANGE_JOIN).region(a.end, b.start).matches();
        if (join && masked.slice(a.end, b.start).strip().equalsIgnoreCase("and")) {
          join = masked.findIn(BETWEEN_BEFORE, masked.before(a.start, ""), a.start);
        }
        if (join && (b.onFace() || form)) {
          if (a.suffix == null && b.suffix != null) {
            a = a.withSuffix(b.suffix);
          }
          if (b.value().compareTo(a.value()) >= 0) {
            upper = b;
            end = b.end;
            moneyOnFace = true;
            i++;
          }
        }
      }
      int afterEnd = masked.windowAfter(end);
      if (masked.findIn(UNIT_AFTER, end, afterEnd)
          || masked.findIn(UNIT_SIGN_AFTER, end, afterEnd)) {
        continue;
      }
      if (masked.findIn(BEFORE_EXCLUDED, Math.max(0, start - 40), start)) {
        continue;
      }
      String clause = clauseBefore(masked, start);
      if (NOT_BUDGET.matcher(clause).find() || masked.findIn(NOT_BUDGET_AFTER, end, afterEnd)) {
        continue;
      }
      boolean cued = CUE.matcher(clause).find();
      BigDecimal value = upper.value();
      if (!moneyOnFace && !form) {
        boolean yearLike = upper.digits.matches("(?:19|20)\\d\\d");
        boolean strong = STRONG_CUE.matcher(clause).find();
        if (!strong || yearLike || value.compareTo(BigDecimal.valueOf(1000)) < 0) {
          continue;
        }
      }
      if (value.signum() <= 0) {
        continue;
      }
      BigDecimal plain = value.stripTrailingZeros();
      found.add(new FoundValue(plain.scale() < 0 ? plain.setScale(0) : plain, start, end, cued));
    }
    return found;
  }

  /** Phone numbers, clock times and dates blanked out, so no amount is read inside them. */
  static MessageText mask(MessageText text) {
    MessageText masked = text;
    for (Pattern p : List.of(PHONE, CLOCK_OR_DATE)) {
      Matcher m = masked.matcher(p);
      StringBuilder out = new StringBuilder(masked.length());
      int last = 0;
      while (m.find()) {
        out.append(masked.text(), last, m.start()).append(" ".repeat(m.end() - m.start()));
        last = m.end();
      }
      out.append(masked.text(), last, masked.length());
      masked = masked.derived(out.toString());
    }
    return masked;
  }

  /** The text from the start of the sentence up to {@code start}, at most 60 characters. */
  private static String clauseBefore(MessageText text, int start) {
    int from = start;
    while (from > 0 && start - from < 60 && ".!?;,\n".indexOf(text.text().charAt(from - 1)) < 0) {
      from--;
    }
    String clause = text.slice(from, start);
    Matcher but = BUT.matcher(clause);
    int cut = 0;
    while (but.find()) {
      cut = but.end();
    }
    return clause.substring(cut);
  }

  private record Amount(
      int start,
      int end,
      boolean currency,
      String digits,
      @org.jspecify.annotations.Nullable String suffix,
      boolean commas) {
    static Amount of(Matcher m) {
      String num = m.group("num");
      String suf = m.group("suf");
      int end = suf == null ? m.end("num") : m.end();
      return new Amount(
          m.start(),
          end,
          m.group("cur") != null,
          num.replace(",", ""),
          suf == null ? null : suf.toLowerCase(Locale.ROOT),
          num.contains(","));
    }

    Amount withSuffix(String suf) {
      return new Amount(start, end, currency, digits, suf, commas);
    }

    boolean onFace() {
      return currency
          || suffix != null
          || (commas && new BigDecimal(digits).compareTo(BigDecimal.valueOf(1000)) >= 0);
    }

    BigDecimal value() {
      BigDecimal n = new BigDecimal(digits);
      if (suffix == null) {
        return n;
      }
      return switch (suffix) {
        case "k", "thousand", "grand" -> n.multiply(BigDecimal.valueOf(1_000));
        default -> n.multiply(BigDecimal.valueOf(1_000_000));
      };
    }
  }
}
