package ai.omniflow.guardrails;

import ai.omniflow.pack.CompiledPack;
import ai.omniflow.pack.VerticalPack;
import java.text.Normalizer;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Recognizes an inbound message that is, as a whole, a compliance keyword: an opt-out (STOP,
 * STOPALL, UNSUBSCRIBE, END, QUIT, CANCEL, REVOKE, OPTOUT, "opt out"), an opt-in again (START,
 * UNSTOP) or a request for help (HELP), the keywords CTIA's messaging principles name, plus those
 * of the pack's compliance section in its own languages (the shipped real-estate and generic packs
 * add Spanish: BAJA, ALTO, "no me envíe más mensajes"…). Case, spacing, punctuation and accents do
 * not count ("Opt-out!" is OPTOUT); any other word does ("stop calling me at work" is not STOP; the
 * intent classifier sees such requests).
 *
 * <pre>{@code
 * Optional<KeywordAction> action = ComplianceKeywords.forPack(pack).recognize("  Stop. ");
 * // Optional[STOP]
 * }</pre>
 *
 * <p>Linear: one pass over the message that stops as soon as it has read more letters than the
 * longest keyword has. Compiled once per pack version as a part of its {@link CompiledPack}.
 * Immutable and thread-safe.
 */
public final class ComplianceKeywords {
  /** The keywords that apply whatever the pack, in their keyword form. */
  public static final Map<KeywordAction, List<String>> ENGLISH =
      Map.of(
          KeywordAction.STOP,
          List.of("stop", "unsubscribe", "end", "quit", "cancel", "revoke", "optout"),
          KeywordAction.STOP_ALL,
          List.of("stopall"),
          KeywordAction.START,
          List.of("start", "unstop"),
          KeywordAction.HELP,
          List.of("help"));

  private static final CompiledPack.Part<ComplianceKeywords> PART =
      CompiledPack.Part.of("compliance_keywords", c -> of(c.pack().compliance()));

  /** The order in which an action keeps a keyword two actions name: the safer first. */
  private static final List<KeywordAction> PRECEDENCE =
      List.of(KeywordAction.STOP_ALL, KeywordAction.STOP, KeywordAction.HELP, KeywordAction.START);

  /** The keywords of a pack without a compliance section: {@link #ENGLISH} only. */
  public static final ComplianceKeywords DEFAULTS = of(null);

  private final Map<String, KeywordAction> byForm;
  private final int longest;

  private ComplianceKeywords(Map<String, KeywordAction> byForm) {
    this.byForm = Map.copyOf(byForm);
    this.longest = byForm.keySet().stream().mapToInt(String::length).max().orElse(0);
  }

  /** The keywords of {@code pack}: its compliance section's and {@link #ENGLISH}. */
  public static ComplianceKeywords forPack(VerticalPack pack) {
    return CompiledPack.of(Objects.requireNonNull(pack, "pack")).part(PART);
  }

  /**
   * The keywords of {@code compliance} and {@link #ENGLISH}. A keyword two actions name keeps the
   * safer one (stop all, stop, help, start); {@link #conflicts} lists such keywords, which a pack
   * validator reports.
   */
  public static ComplianceKeywords of(VerticalPack.@Nullable Compliance compliance) {
    Map<KeywordAction, List<String>> lists = lists(compliance);
    Map<String, KeywordAction> byForm = new HashMap<>();
    for (KeywordAction action : PRECEDENCE) {
      for (String keyword : lists.get(action)) {
        String form = keywordForm(keyword);
        if (!form.isEmpty()) {
          byForm.putIfAbsent(form, action);
        }
      }
    }
    return new ComplianceKeywords(byForm);
  }

  /** The keywords of {@code compliance} that two actions name (in keyword form), if any. */
  public static List<String> conflicts(VerticalPack.Compliance compliance) {
    Map<KeywordAction, List<String>> lists = lists(compliance);
    Map<String, KeywordAction> seen = new HashMap<>();
    java.util.TreeSet<String> conflicts = new java.util.TreeSet<>();
    for (KeywordAction action : PRECEDENCE) {
      for (String keyword : lists.get(action)) {
        String form = keywordForm(keyword);
        KeywordAction before = seen.putIfAbsent(form, action);
        if (before != null && before != action) {
          conflicts.add(form);
        }
      }
    }
    return List.copyOf(conflicts);
  }

  private static Map<KeywordAction, List<String>> lists(
      VerticalPack.@Nullable Compliance compliance) {
    Map<KeywordAction, List<String>> lists = new EnumMap<>(KeywordAction.class);
    for (KeywordAction action : KeywordAction.values()) {
      List<String> own =
          compliance == null
              ? List.of()
              : switch (action) {
                case STOP -> compliance.stop();
                case STOP_ALL -> compliance.stopAll();
                case START -> compliance.start();
                case HELP -> compliance.help();
              };
      lists.put(
          action,
          java.util.stream.Stream.concat(ENGLISH.get(action).stream(), own.stream()).toList());
    }
    return lists;
  }

  /**
   * What {@code text}, as a whole, asks for, or empty if it is not a keyword.
   *
   * @throws NullPointerException if {@code text} is null
   */
  public Optional<KeywordAction> recognize(String text) {
    String form = fold(text, longest);
    return form == null ? Optional.empty() : Optional.ofNullable(byForm.get(form));
  }

  /**
   * The keyword form of {@code text}: its letters and digits only, lower case, accents removed
   * ({@code "No me envíe más"} is {@code nomeenviemas}).
   */
  public static String keywordForm(String text) {
    return Objects.requireNonNull(fold(text, Integer.MAX_VALUE));
  }

  /** The keyword form of {@code text}, or {@code null} once it would pass {@code max} letters. */
  private static @Nullable String fold(String text, int max) {
    StringBuilder form = new StringBuilder(Math.min(max, 64));
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c < 128) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
          form.append(c);
        } else if (c >= 'A' && c <= 'Z') {
          form.append((char) (c + ('a' - 'A')));
        } else {
          continue;
        }
      } else if (Character.isLetterOrDigit(c)) {
        String base = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
        form.append(base.substring(0, 1).toLowerCase(Locale.ROOT));
      } else {
        continue;
      }
      if (form.length() > max) {
        return null;
      }
    }
    return form.toString();
  }

  /** How many keywords are recognized. */
  public int size() {
    return byForm.size();
  }
}
