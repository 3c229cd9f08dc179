package ai.omniflow.assist;

import ai.omniflow.internal.TextNormalizer;
import java.util.Map;
import java.util.Objects;

/**
 * Tells English from Spanish in one short message, offline: a linear model over function words and
 * Spanish marks, small enough to read in full here and needing no download (decision 0049).
 *
 * <p>Each word of the normalized message (lower case, accents removed, see {@link TextNormalizer})
 * that is in {@link #WEIGHTS} adds its weight, positive for Spanish and negative for English; each
 * {@code ñ} adds 2, each {@code ¿} or {@code ¡} 3 and each accented vowel ({@code á é í ó ú ü})
 * 1.5, read from the text as written. The sum {@code s} decides: Spanish when it is positive,
 * English when negative, the default language (English) at 0, which is also the answer for a
 * message with no evidence ({@code k}, {@code $$?}, {@code 👍}). The confidence is the logistic
 * {@code 1 / (1 + e^-|s|)}.
 *
 * <pre>{@code
 * LanguageDetector detector = LanguageDetector.ofDefaults();
 * detector.detect("Ya compramos otra casa").language();  // "es"
 * detector.detect("what does it go for").language();      // "en"
 * }</pre>
 *
 * <p>Only the first {@link #MAX_TEXT} characters are read; the work is linear in them. Immutable
 * and thread-safe.
 */
public final class LanguageDetector {
  /** English, and the answer when nothing tells the languages apart. */
  public static final String ENGLISH = "en";

  /** Spanish. */
  public static final String SPANISH = "es";

  /** The most characters of a message that are read. */
  public static final int MAX_TEXT = 4096;

  /**
   * The words that count, normalized, with their weights: positive for Spanish, negative for
   * English. Words both languages write alike ({@code no}, {@code me}, {@code a}, {@code ok}) are
   * left out.
   */
  static final Map<String, Double> WEIGHTS = weights();

  private static final LanguageDetector DEFAULTS = new LanguageDetector();

  private LanguageDetector() {}

  /** The detector. */
  public static LanguageDetector ofDefaults() {
    return DEFAULTS;
  }

  /**
   * The language {@code text} is written in.
   *
   * @throws NullPointerException if {@code text} is null
   */
  public DetectedLanguage detect(String text) {
    Objects.requireNonNull(text, "text");
    String read = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
    double score = 0;
    boolean evidence = false;
    // Emoji and other symbols are dropped first: the normalizer would read 👍 as "yes".
    StringBuilder words = new StringBuilder(read.length());
    for (int i = 0; i < read.length(); ) {
      int c = read.codePointAt(i);
      i += Character.charCount(c);
      double mark =
          switch (Character.toLowerCase(c)) {
            case 'ñ' -> 2;
            case '¿', '¡' -> 3;
            case 'á', 'é', 'í', 'ó', 'ú', 'ü' -> 1.5;
            default -> 0;
          };
      if (mark != 0) {
        score += mark;
        evidence = true;
      }
      int type = Character.getType(c);
      boolean symbol =
          type == Character.OTHER_SYMBOL
              || type == Character.MODIFIER_SYMBOL
              || type == Character.NON_SPACING_MARK && c >= 0xFE00;
      if (symbol) {
        words.append(' ');
      } else {
        words.appendCodePoint(c);
      }
    }
    for (String word : TextNormalizer.normalize(words.toString()).tokens()) {
      Double weight = WEIGHTS.get(word);
      if (weight != null) {
        score += weight;
        evidence = true;
      }
    }
    String language = score > 0 ? SPANISH : ENGLISH;
    double confidence = 1 / (1 + Math.exp(-Math.abs(score)));
    return new DetectedLanguage(language, confidence, evidence);
  }

  private static Map<String, Double> weights() {
    Map<String, Double> w = new java.util.HashMap<>();
    String spanish =
        "el la los las lo le les del al de que y en un una unos unas es esta estan estoy"
            + " por para con sin mi mis tu tus su sus se te nos yo usted ustedes quiero quisiera"
            + " cuanto cuanta cuantos cuantas cuando donde como cual quien porque pero tambien"
            + " muy mas gracias hola buenas buenos dias tardes noches tiene tienen tengo tenemos"
            + " puedo puede pueden podemos hay si ya nada bien todo alguna algun algo otra otro"
            + " necesito favor porfa hoy manana semana ahora aqui casa cita precio precios cuesta"
            + " vale cobran disponible disponibles venta renta vender comprar compramos"
            + " quieren gustaria dejen manden escriban mensajes estamos seria eso este esto ese"
            + " hacer ver verla saber sobre entonces claro vale bueno dale pues ni nunca ok"
            + " oiga disculpe perdon ayuda ayudar llego vino cambiar cancelar reservar agendar";
    String english =
        "the is are was were be you your u ur what whats how do does did can could would will"
            + " i im ive id my me to for of and it its this that with please pls plz thanks"
            + " thank thx have has any get got want wanna need when where who why we our us"
            + " just yes yeah yep not dont cant wont hi hey hello much still available book"
            + " some about if at on in out up from there here they them would should an much"
            + " know like looking look see tomorrow today week weekend price cost house home"
            + " stop off again really sure okay guys";
    for (String word : spanish.split(" ")) {
      w.put(word, 1.0);
    }
    for (String word : english.split(" ")) {
      w.put(word, -1.0);
    }
    // Words both languages write alike, or too short to tell: nothing either way.
    for (String shared : new String[] {"ok", "a", "no", "me"}) {
      w.remove(shared);
    }
    return Map.copyOf(w);
  }
}
