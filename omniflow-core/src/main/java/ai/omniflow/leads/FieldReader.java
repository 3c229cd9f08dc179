package ai.omniflow.leads;

import static ai.omniflow.leads.FieldVocabulary.ANSWER_WORDS;
import static ai.omniflow.leads.FieldVocabulary.ATTRIBUTION_WORDS;
import static ai.omniflow.leads.FieldVocabulary.CONTACT_WORDS;
import static ai.omniflow.leads.FieldVocabulary.NOT_SERVICES;
import static ai.omniflow.leads.FieldVocabulary.OPTION_ALIASES;
import static ai.omniflow.leads.FieldVocabulary.OPTION_TERMS;
import static ai.omniflow.leads.FieldVocabulary.QUESTION_WORDS;
import static ai.omniflow.leads.FieldVocabulary.STOP_WORDS;

import ai.omniflow.fields.FieldType;
import ai.omniflow.fields.LeadField;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How one lead field is read, chosen once from its type, key, label and options: money, number,
 * date, boolean, a timeline choice, another choice, or text that is a ZIP code, an area, a service,
 * or anything else (read from forms only).
 */
final class FieldReader {
  enum Kind {
    MONEY,
    NUMBER,
    DATE,
    BOOLEAN,
    TIMELINE,
    CHOICE,
    ZIP,
    AREA,
    SERVICE,
    TEXT
  }

  private static final Pattern YES =
      Pattern.compile(
          "(?i)^\\s*(?:yes|y|yeah|yep|yup|true|si|sí|already|i am|we are|of course|absolutely)\\b.*");
  private static final Pattern NO =
      Pattern.compile("(?i)^\\s*(?:no|n|nope|false|not yet|not at the moment|nah)\\b.*");
  private static final Pattern UNSURE_BEFORE =
      Pattern.compile(
          "(?i)(?:not sure|unsure|don'?t know|dont know|no idea|wondering|wonder)\\b[^.!?;\\n]{0,30}$");
  private static final Pattern INTENT_BEFORE =
      Pattern.compile(
          "(?i)\\b(?:need|needs|needed|want|wanna|trying|try|going|gonna|plan|planning|hope|hoping|about|"
              + "should|will|would like|working on|in the process of|start|starting|started|"
              + "help (?:me|us)|how (?:do|can) (?:i|we))\\s+(?:to\\s+)?(?:get\\s+|be\\s+|getting\\s+|being\\s+)?"
              + "(?:a\\s+|the\\s+)?$");
  private static final Pattern LENDER_NEEDED =
      Pattern.compile(
          "(?i)\\b(?:need|needs|looking for|don'?t have|do not have|dont have|no|haven'?t (?:found|got))\\s+"
              + "(?:a\\s+)?(?:lender|mortgage broker|loan officer)\\b");
  private static final Pattern SERVICE =
      Pattern.compile(
          "(?i)\\b(?:i need|we need|i'?d like|we'?d like|i would like|i want|looking for|interested in|"
              + "do you (?:do|offer)|can you do|(?:a )?quote (?:for|on)|book(?: me in for)?|schedule|appointment for)"
              + "\\s+(?:an?\\s+|some\\s+|the\\s+|my\\s+|our\\s+)?"
              + "([a-z][a-z'-]*(?:\\s+[a-z][a-z'-]*){0,3}?)"
              + "(?=\\s*(?:[.,!?;:)]|$|\\s(?:for|on|at|next|this|tomorrow|today|please|asap|by|in|with|before|after|"
              + "around|sometime|soon|done|if|because|as|and|or|pls|plz|thanks|thank|tmrw|tmr|to)\\b))");

  private static final Pattern DECIMAL = Pattern.compile("\\d+(?:\\.\\d+)?");
  private static final Pattern ANY_ZIP = Pattern.compile("(?<!\\d)\\d{5}(?:-\\d{4})?(?!\\d)");

  private static final Pattern OPENING_HOURS =
      Pattern.compile("(?i)\\b(?:hours|open|opening|closed|closing time)\\b");

  final LeadField field;
  final Kind kind;
  private final List<TimelineReader.OptionSpan> spans;
  private final List<Map.Entry<String, Pattern>> optionTerms;
  private final Pattern booleanTerm;
  private final boolean financing;
  private final List<String> signature;
  private final Pattern numberNear;

  FieldReader(LeadField field) {
    this.field = field;
    String words = (field.key().replace('_', ' ') + " " + field.label()).toLowerCase(Locale.ROOT);
    List<TimelineReader.OptionSpan> s =
        field.type() == FieldType.CHOICE ? TimelineReader.spans(field.options()) : List.of();
    this.spans = s;
    this.kind =
        switch (field.type()) {
          case MONEY -> Kind.MONEY;
          case NUMBER -> Kind.NUMBER;
          case DATE -> Kind.DATE;
          case BOOLEAN -> Kind.BOOLEAN;
          case CHOICE -> s.isEmpty() ? Kind.CHOICE : Kind.TIMELINE;
          case TEXT ->
              words.matches(".*\\b(?:zip|zipcode|postal|postcode)\\b.*")
                  ? Kind.ZIP
                  : words.matches(".*\\b(?:area|neighbou?rhood|location|city|town|suburb)\\b.*")
                      ? Kind.AREA
                      : words.matches(".*\\b(?:service|services|treatment|job|project)\\b.*")
                          ? Kind.SERVICE
                          : Kind.TEXT;
        };
    List<Map.Entry<String, Pattern>> terms = new ArrayList<>();
    if (field.type() == FieldType.CHOICE) {
      for (String option : field.options()) {
        String alias = OPTION_ALIASES.get(option.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", ""));
        List<String> regexes = alias != null ? OPTION_TERMS.get(alias) : List.of(literal(option));
        if (alias == null && ANSWER_WORDS.contains(norm(option))) {
          continue; // "Yes", "Other": read from form answers only, never from chat
        }
        terms.add(
            Map.entry(
                option,
                Pattern.compile(
                    "\\b(?:" + String.join("|", regexes) + ")\\b", Pattern.CASE_INSENSITIVE)));
      }
    }
    this.optionTerms = List.copyOf(terms);
    this.booleanTerm = termOf(field.key());
    this.financing = words.matches(".*(?:approv|mortgage|loan|financ|lender).*");
    Set<String> sig = new LinkedHashSet<>();
    for (String w : words.split("[^a-z0-9]+")) {
      if (!w.isEmpty() && !STOP_WORDS.contains(w)) {
        sig.add(w);
      }
    }
    sig.addAll(QUESTION_WORDS.getOrDefault(kind, List.of()));
    if (kind == Kind.CHOICE) {
      sig.add("type");
    }
    this.signature = List.copyOf(sig);
    String stem = stem(field.key().replace('_', ' ').replaceAll(".* ", ""));
    this.numberNear =
        Pattern.compile(
            "(?i)(?<![\\d.,$])(\\d{1,6}(?:\\.\\d+)?)\\s*(?:"
                + Pattern.quote(stem)
                + "\\w*)\\b"
                + "|\\b"
                + Pattern.quote(stem)
                + "\\w*\\s*(?::|=|is|are|of)?\\s*(\\d{1,6}(?:\\.\\d+)?)(?![\\d,])");
  }

  /** A pattern for a key's words as people write them: {@code pre_approved} → pre-approval too. */
  static Pattern termOf(String key) {
    String[] parts = key.split("_");
    StringBuilder regex = new StringBuilder("\\b");
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        regex.append("[\\s-]?");
      }
      String p = i == parts.length - 1 ? stem(parts[i]) : parts[i];
      regex.append(Pattern.quote(p));
    }
    regex.append("\\w*");
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
  }

  private static String stem(String word) {
    for (String suffix : List.of("ed", "ing", "al", "es", "s", "e")) {
      if (word.length() > suffix.length() + 3 && word.endsWith(suffix)) {
        return word.substring(0, word.length() - suffix.length());
      }
    }
    return word;
  }

  private static String literal(String option) {
    String[] words = option.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+");
    List<String> quoted = new ArrayList<>();
    for (String w : words) {
      if (!w.isEmpty()) {
        quoted.add(Pattern.quote(w));
      }
    }
    return quoted.isEmpty() ? "(?!)" : String.join("[\\s-]*", quoted) + "s?";
  }

  /** How well a form question names this field: 0 when it does not. */
  int questionScore(String question) {
    String q = question.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").strip();
    List<String> tokens = List.of(q.split(" "));
    if (tokens.stream().anyMatch(CONTACT_WORDS::contains) && kind != Kind.NUMBER) {
      return 0;
    }
    if (tokens.stream().anyMatch(ATTRIBUTION_WORDS::contains)) {
      return 0; // "where did you hear about us?" asks for a source, not an area
    }
    if (q.equals(field.key().replace('_', ' '))) {
      return 100;
    }
    int score = 0;
    if (kind == Kind.BOOLEAN) {
      if (!booleanTerm.matcher(q).find()) {
        return 0; // "do you have a mortgage?" is not "are you pre-approved?"
      }
      score += 3;
    }
    for (String w : signature) {
      for (String t : tokens) {
        if (t.equals(w)
            || (t.length() >= 5
                && w.length() >= 5
                && t.substring(0, 5).equals(w.substring(0, 5)))) {
          score++;
          break;
        }
      }
    }
    return score;
  }

  /** The values a message states, with where; negated and questioned ones already removed. */
  List<FoundValue> fromMessage(
      MessageText text, LocalDate sent, LocalDate today, Set<String> negations) {
    return switch (kind) {
      case MONEY -> MoneyReader.read(text, false);
      case NUMBER -> numbers(text);
      case DATE ->
          affirmed(DateReader.read(text, sent), text, negations).stream()
              .filter(c -> !aboutOpeningHours(text, c))
              .toList();
      case BOOLEAN -> booleans(text, negations);
      case TIMELINE -> timeline(affirmed(TimelineReader.read(text, sent), text, negations), today);
      case CHOICE -> affirmed(options(text), text, negations);
      case ZIP -> PlaceReader.zips(text);
      case AREA -> affirmed(PlaceReader.areas(text), text, negations);
      case SERVICE -> affirmed(services(text), text, negations);
      case TEXT -> List.of();
    };
  }

  /** The value a form answer gives this field, or null if it gives none. */
  @Nullable FoundValue fromAnswer(
      String answer, LocalDate submitted, LocalDate today, Set<String> negations) {
    String plain = answer.replace('_', ' ');
    String stripped = answer.strip();
    if (stripped.isEmpty()) {
      return null;
    }
    int start = answer.indexOf(stripped);
    int end = start + stripped.length();
    MessageText read = MessageText.of(plain);
    List<FoundValue> found =
        switch (kind) {
          case MONEY -> {
            List<FoundValue> amounts = MoneyReader.read(read, true);
            yield amounts.stream()
                .max((a, b) -> ((BigDecimal) a.value()).compareTo((BigDecimal) b.value()))
                .map(List::of)
                .orElse(List.of());
          }
          case NUMBER -> {
            Matcher m = DECIMAL.matcher(plain);
            yield m.find()
                ? List.of(new FoundValue(new BigDecimal(m.group()), m.start(), m.end()))
                : List.of();
          }
          case ZIP -> {
            Matcher m = ANY_ZIP.matcher(plain);
            yield m.find() ? List.of(new FoundValue(m.group(), m.start(), m.end())) : List.of();
          }
          case AREA, SERVICE, TEXT ->
              stripped.length() <= 200 ? List.of(new FoundValue(stripped, start, end)) : List.of();
          case BOOLEAN -> {
            if (YES.matcher(plain).matches() && !NO.matcher(plain).matches()) {
              yield List.of(new FoundValue(Boolean.TRUE, start, end));
            }
            if (NO.matcher(plain).matches()) {
              yield List.of(new FoundValue(Boolean.FALSE, start, end));
            }
            yield booleans(read, negations);
          }
          case CHOICE, TIMELINE -> {
            String norm = norm(plain);
            for (String option : field.options()) {
              if (norm(option).equals(norm)) {
                yield List.of(new FoundValue(option, start, end));
              }
            }
            yield kind == Kind.TIMELINE
                ? timeline(TimelineReader.read(read, submitted), today)
                : options(read);
          }
          case DATE -> DateReader.read(read, submitted);
        };
    return single(found);
  }

  /** The one value of {@code found}, or null when there are none or several. */
  static @Nullable FoundValue single(List<FoundValue> found) {
    Set<Object> values = new LinkedHashSet<>();
    found.forEach(c -> values.add(c.value()));
    return values.size() == 1 ? found.get(found.size() - 1) : null;
  }

  private static String norm(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
  }

  /**
   * Whether the sentence of {@code c}, within a window either side, asks about opening hours, not
   * for a day of its own.
   */
  private static boolean aboutOpeningHours(MessageText text, FoundValue c) {
    int from = text.before(c.start(), ".!?\n");
    int to = text.after(c.end(), ".!?\n");
    return text.findIn(OPENING_HOURS, from, to);
  }

  private List<FoundValue> affirmed(
      List<FoundValue> found, MessageText text, Set<String> negations) {
    return found.stream().filter(c -> !ClauseScope.negated(text, c.start(), negations)).toList();
  }

  private List<FoundValue> timeline(List<FoundValue> signals, LocalDate today) {
    List<FoundValue> out = new ArrayList<>();
    for (FoundValue c : signals) {
      String option = TimelineReader.option(spans, (TimelineReader.Signal) c.value(), today);
      if (option != null) {
        out.add(new FoundValue(option, c.start(), c.end()));
      }
    }
    return out;
  }

  private List<FoundValue> options(MessageText text) {
    List<FoundValue> out = new ArrayList<>();
    for (Map.Entry<String, Pattern> e : optionTerms) {
      Matcher m = text.matcher(e.getValue());
      int taken = 0;
      while (MessageText.next(m, taken++)) {
        out.add(new FoundValue(e.getKey(), m.start(), m.end()));
      }
    }
    return out;
  }

  private List<FoundValue> booleans(MessageText text, Set<String> negations) {
    List<FoundValue> out = new ArrayList<>();
    Matcher m = text.matcher(booleanTerm);
    int taken = 0;
    while (MessageText.next(m, taken++)) {
      int from = text.before(m.start(), ".!?;\n");
      if (ClauseScope.inQuestion(text, m.start(), m.end())
          || text.findIn(UNSURE_BEFORE, from, m.start())) {
        continue;
      }
      boolean no =
          ClauseScope.negated(text, m.start(), negations)
              || text.findIn(INTENT_BEFORE, from, m.start());
      out.add(new FoundValue(!no, m.start(), m.end()));
    }
    if (financing) {
      m = text.matcher(LENDER_NEEDED);
      taken = 0;
      while (MessageText.next(m, taken++)) {
        if (!ClauseScope.inQuestion(text, m.start(), m.end())) {
          out.add(new FoundValue(Boolean.FALSE, m.start(), m.end()));
        }
      }
    }
    return out;
  }

  private List<FoundValue> numbers(MessageText text) {
    MessageText masked = MoneyReader.mask(text);
    List<FoundValue> out = new ArrayList<>();
    Matcher m = masked.matcher(numberNear);
    while (MessageText.next(m, out.size())) {
      String n = m.group(1) != null ? m.group(1) : m.group(2);
      out.add(new FoundValue(new BigDecimal(n), m.start(), m.end()));
    }
    return out;
  }

  private static List<FoundValue> services(MessageText text) {
    List<FoundValue> out = new ArrayList<>();
    Matcher m = text.matcher(SERVICE);
    int from = 0;
    int tried = 0;
    while (from < text.length() && tried++ < MessageText.MAX_MATCHES && m.find(from)) {
      String s = m.group(1).strip();
      String first = s.split("\\s+")[0].toLowerCase(Locale.ROOT);
      from = m.start() + 1;
      if (NOT_SERVICES.contains(s.toLowerCase(Locale.ROOT)) || NOT_SERVICES.contains(first)) {
        continue;
      }
      from = m.end();
      out.add(new FoundValue(s, m.start(1), m.start(1) + s.length()));
    }
    return out;
  }
}
