package ai.omniflow.leads;

import ai.omniflow.fields.FieldType;
import ai.omniflow.fields.LeadField;
import ai.omniflow.pack.VerticalPack;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a pack's lead fields out of a lead's inbound messages and lead-form answers: budget, area,
 * ZIP code, timeline, property type, pre-approval, service, preferred date, and any field of a
 * host's pack by its type, key, label and options. See docs/leads.md, "Lead field extraction".
 *
 * <pre>{@code
 * LeadFieldExtractor extractor = LeadFieldExtractor.of(realEstatePack);
 * Extraction x = extractor.extract(
 *     List.of(
 *         ExtractionSource.form(Map.of("zip_code", "94110"), adSubmittedAt),
 *         ExtractionSource.message("budget is 500-600k, pre-approved already", sentAt)),
 *     LocalDate.now(clock.withZone(zone)), zone);
 * x.values();  // {budget=600000, zip=94110, pre_approved=true}
 * }</pre>
 *
 * <p>Which source wins: for each field, a form answer beats any message (the contact picked it for
 * that question); among forms, and among messages, the latest ({@link ExtractionSource#at()}, then
 * the later in the list) that states the field wins, since people correct themselves. Within one
 * message or answer, two different values for a field leave it out, except money, where the one a
 * budget word points at is taken if there is exactly one.
 *
 * <p>Precision over recall: a field is read only from words that state it, never guessed; what is
 * unclear is left out. Every value's {@link ExtractedField#snippet() snippet} is a piece of its
 * source text.
 *
 * <p>Reading is linear in the text's length, whatever the text: a check around a match looks a
 * bounded window back or ahead, each pattern yields a bounded number of candidates, and at most
 * 20,000 characters of a source and 60,000 in all are read, the latest sources first
 * (docs/leads.md, "Linear reading and its caps").
 *
 * <p>Immutable and thread-safe.
 */
public final class LeadFieldExtractor {
  /**
   * How many characters of one message or form are read; the rest of a longer one is not. As long
   * as the inbox's longest message.
   */
  static final int MAX_TEXT_PER_SOURCE = 20_000;

  /**
   * How many characters one extraction reads in all, the latest sources first; earlier text past
   * this is not read.
   */
  static final int MAX_TEXT_PER_EXTRACTION = 60_000;

  private final List<FieldReader> readers;
  private final Set<String> negationWords;

  private LeadFieldExtractor(List<LeadField> fields, List<String> negationWords) {
    this.readers = fields.stream().map(FieldReader::new).toList();
    this.negationWords = Set.copyOf(negationWords);
  }

  /** An extractor of the pack's lead fields, with the pack's negation words. */
  public static LeadFieldExtractor of(VerticalPack pack) {
    return new LeadFieldExtractor(pack.leadFields(), pack.negationWords());
  }

  /**
   * An extractor of {@code fields}, negation read with {@code negationWords} (lower-case words,
   * normalized as a pack's are; empty turns negation off).
   *
   * @throws NullPointerException if an argument or element is null
   */
  public static LeadFieldExtractor of(List<LeadField> fields, List<String> negationWords) {
    return new LeadFieldExtractor(List.copyOf(fields), List.copyOf(negationWords));
  }

  /**
   * Extracts {@code fields} with {@link VerticalPack#DEFAULT_NEGATION_WORDS}; see {@link
   * #extract(List, LocalDate, ZoneId)}.
   */
  public static Extraction extract(
      List<LeadField> fields, List<ExtractionSource> sources, LocalDate today, ZoneId zone) {
    return of(fields, VerticalPack.DEFAULT_NEGATION_WORDS).extract(sources, today, zone);
  }

  /**
   * Reads the fields from {@code sources}.
   *
   * @param sources inbound messages and form answers, in any order
   * @param today the day it is now in {@code zone}: a timeline is measured from it
   * @param zone where the contact's days are counted: a relative day ({@code tomorrow}, {@code in 2
   *     months}) counts from the day, in this zone, its source was sent
   * @throws NullPointerException if an argument or element is null
   */
  public Extraction extract(List<ExtractionSource> sources, LocalDate today, ZoneId zone) {
    Objects.requireNonNull(today, "today");
    Objects.requireNonNull(zone, "zone");
    List<Indexed> ordered = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      ordered.add(new Indexed(i, Objects.requireNonNull(sources.get(i), "source")));
    }
    ordered.sort(
        Comparator.comparing((Indexed s) -> s.source().at()).thenComparingInt(Indexed::index));
    Map<String, ExtractedField> fromForms = new HashMap<>();
    Map<String, ExtractedField> fromMessages = new HashMap<>();
    // The latest sources win, so the text budget goes to them first; earlier text past it is not
    // read.
    int[] allowance = new int[ordered.size()];
    int left = MAX_TEXT_PER_EXTRACTION;
    for (int i = ordered.size() - 1; i >= 0; i--) {
      allowance[i] = Math.min(left, MAX_TEXT_PER_SOURCE);
      left -= Math.min(allowance[i], length(ordered.get(i).source()));
    }
    for (int i = 0; i < ordered.size(); i++) {
      Indexed s = ordered.get(i);
      int budget = allowance[i];
      LocalDate day = LocalDate.ofInstant(s.source().at(), zone);
      if (s.source() instanceof ExtractionSource.FormAnswers form) {
        fromForms.putAll(readForm(form, s.index(), day, today, budget));
      } else if (s.source() instanceof ExtractionSource.InboundText message) {
        String text = message.text();
        if (budget > 0) {
          String read = text.length() > budget ? text.substring(0, budget) : text;
          budget -= read.length();
          fromMessages.putAll(
              readMessage(MessageText.of(read), s.index(), message.at(), day, today));
        }
      }
    }
    Map<String, ExtractedField> fields = new LinkedHashMap<>();
    for (FieldReader r : readers) {
      String key = r.field.key();
      ExtractedField f = fromForms.getOrDefault(key, fromMessages.get(key));
      if (f != null) {
        fields.put(key, f);
      }
    }
    return new Extraction(fields);
  }

  /**
   * The fields one message states. The message is read once, as one {@link MessageText} that every
   * field's reader shares, so its work is bounded by its length (see docs/leads.md, "Linear
   * reading").
   */
  Map<String, ExtractedField> readMessage(
      MessageText text, int index, Instant at, LocalDate sent, LocalDate today) {
    Map<String, ExtractedField> found = new HashMap<>();
    for (FieldReader r : readers) {
      List<FoundValue> candidates = r.fromMessage(text, sent, today, negationWords);
      FoundValue c = FieldReader.single(candidates);
      if (c == null && r.field.type() == FieldType.MONEY) {
        c = FieldReader.single(candidates.stream().filter(FoundValue::cued).toList());
      }
      if (c != null) {
        found.put(
            r.field.key(),
            new ExtractedField(
                r.field.key(),
                c.value(),
                ExtractedField.Origin.MESSAGE,
                index,
                null,
                text.slice(c.start(), c.end()),
                at));
      }
    }
    return found;
  }

  private static int length(ExtractionSource source) {
    if (source instanceof ExtractionSource.InboundText message) {
      return message.text().length();
    }
    int n = 0;
    for (Map.Entry<String, String> a :
        ((ExtractionSource.FormAnswers) source).answers().entrySet()) {
      n += a.getKey().length() + a.getValue().length();
    }
    return n;
  }

  private Map<String, ExtractedField> readForm(
      ExtractionSource.FormAnswers form,
      int index,
      LocalDate submitted,
      LocalDate today,
      int budget) {
    Map<String, ExtractedField> found = new HashMap<>();
    int left = budget;
    for (Map.Entry<String, String> answer : form.answers().entrySet()) {
      left -= answer.getKey().length() + answer.getValue().length();
      if (left < 0) {
        break; // past this conversion's text budget
      }
      Map<Integer, List<FieldReader>> byScore =
          readers.stream().collect(Collectors.groupingBy(r -> r.questionScore(answer.getKey())));
      List<Integer> scores =
          byScore.keySet().stream().filter(s -> s > 0).sorted(Comparator.reverseOrder()).toList();
      for (int score : scores) {
        List<Map.Entry<FieldReader, FoundValue>> read = new ArrayList<>();
        for (FieldReader r : byScore.get(score)) {
          FoundValue c = r.fromAnswer(answer.getValue(), submitted, today, negationWords);
          if (c != null) {
            read.add(Map.entry(r, c));
          }
        }
        if (read.size() == 1) {
          FieldReader r = read.get(0).getKey();
          FoundValue c = read.get(0).getValue();
          found.put(
              r.field.key(),
              new ExtractedField(
                  r.field.key(),
                  c.value(),
                  ExtractedField.Origin.FORM,
                  index,
                  answer.getKey(),
                  answer.getValue().substring(c.start(), c.end()),
                  form.at()));
        }
        if (!read.isEmpty()) {
          break;
        }
      }
    }
    return found;
  }

  private record Indexed(int index, ExtractionSource source) {}
}
