package ai.omniflow.assist.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chat shorthand and the words it stands for, in English and Spanish: {@code u} is {@code you},
 * {@code pls} is {@code please}, {@code wanna} is {@code want to}, {@code tmrw} is {@code
 * tomorrow}, {@code xfa} is {@code por favor}. Keys are in the normalizer's form (lower case, no
 * accents, no apostrophes); each expansion is one or more words in the same form.
 *
 * <p>A pack that uses a shorthand word itself (a keyword {@code asap}, a phrase {@code walk thru})
 * keeps it: {@link #forVocabulary} leaves out every entry whose key is one of the pack's words, so
 * the pack's own word always wins. Entries are kept to shorthand that has one reading in customer
 * messages; a form with two ({@code ya}: English yes, Spanish already; {@code 4}: for, or a number;
 * {@code apt}: appointment or apartment) is left out. Immutable.
 */
public final class ChatShorthand {
  /** The table: shorthand to the words it stands for. */
  public static final Map<String, List<String>> TABLE = table();

  private ChatShorthand() {}

  private static Map<String, List<String>> table() {
    Map<String, String> t = new HashMap<>();
    // English: pronouns and little words
    put(t, "you", "u", "yu");
    put(t, "your", "ur");
    put(t, "youre", "ure");
    put(t, "are", "r");
    put(t, "with", "w");
    put(t, "and", "n");
    put(t, "see", "c");
    put(t, "what", "wat", "wut", "wht", "wot");
    put(t, "whats", "wats", "wuts");
    put(t, "how", "hw");
    put(t, "much", "mch");
    put(t, "about", "abt", "bout");
    put(t, "because", "bc", "cuz", "coz", "bcuz", "bcoz");
    put(t, "before", "b4");
    put(t, "should", "shud", "shld");
    put(t, "would", "wud");
    put(t, "could", "cud");
    put(t, "dont", "dnt");
    put(t, "someone", "sum1", "some1", "smone");
    put(t, "anyone", "any1");
    put(t, "people", "ppl");
    put(t, "please", "pls", "plz", "plox", "pleas", "pleeze", "plse");
    put(t, "thanks", "thx", "thnx", "thanx", "tnx", "ty", "tysm", "thks");
    put(t, "sorry", "sry", "srry");
    put(t, "ok", "k", "kk", "okk", "oki");
    put(t, "yes", "yep", "yup", "yass");
    put(t, "want to", "wanna");
    put(t, "going to", "gonna");
    put(t, "got to", "gotta");
    put(t, "let me", "lemme");
    put(t, "give me", "gimme");
    put(t, "let me know", "lmk");
    put(t, "i dont know", "idk");
    put(t, "right now", "rn");
    put(t, "as soon as possible", "asap");
    // English: time
    put(t, "tomorrow", "tmrw", "tmr", "tmrow", "tmw", "tmro", "2moro", "2morrow", "2mrw", "tomoro");
    put(t, "today", "2day", "tday");
    put(t, "tonight", "2nite", "tonite", "2night");
    put(t, "night", "nite");
    put(t, "week", "wk");
    put(t, "weeks", "wks");
    put(t, "weekend", "wknd", "wkend", "wkd");
    put(t, "hours", "hrs");
    put(t, "minutes", "mins");
    // English: things people ask about
    put(t, "message", "msg");
    put(t, "messages", "msgs");
    put(t, "messaging", "msging");
    put(t, "text", "txt");
    put(t, "texts", "txts");
    put(t, "texting", "txting", "txtin");
    put(t, "appointment", "appt");
    put(t, "appointments", "appts");
    put(t, "available", "avail", "avl");
    put(t, "package", "pkg");
    put(t, "estimate", "estim8");
    put(t, "photos", "pics");
    put(t, "photo", "pic");
    put(t, "information", "info");
    put(t, "number", "num");
    // Spanish
    put(t, "que", "q", "ke");
    put(t, "porque", "xq", "pq", "porq");
    put(t, "por", "x");
    put(t, "por favor", "xfa", "xfavor", "porfa", "porfis");
    put(t, "tambien", "tb", "tmb", "tmbn");
    put(t, "de", "d");
    put(t, "mensaje", "msj", "mje");
    put(t, "mensajes", "msjs", "mjs");
    put(t, "quiero", "kiero");
    put(t, "aqui", "aki");
    put(t, "para", "pa");
    put(t, "para el", "pal");
    put(t, "gracias", "grax", "grx", "grcs");
    put(t, "donde", "dnd");
    put(t, "cuando", "cdo");
    Map<String, List<String>> table = new HashMap<>();
    t.forEach((k, v) -> table.put(k, List.of(v.split(" "))));
    return Map.copyOf(table);
  }

  private static void put(Map<String, String> t, String words, String... forms) {
    Arrays.stream(forms)
        .forEach(
            form -> {
              if (t.putIfAbsent(form, words) != null) {
                throw new IllegalStateException("shorthand '" + form + "' is listed twice");
              }
            });
  }

  /**
   * The table less the entries whose key is one of {@code vocabulary}'s words: a pack's own word is
   * read as itself, never expanded.
   */
  public static Map<String, List<String>> forVocabulary(Set<String> vocabulary) {
    Map<String, List<String>> own = new HashMap<>(TABLE);
    own.keySet().removeAll(vocabulary);
    return Map.copyOf(own);
  }
}
