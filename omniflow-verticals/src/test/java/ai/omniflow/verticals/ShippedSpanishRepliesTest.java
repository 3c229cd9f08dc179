package ai.omniflow.verticals;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.assist.DetectedLanguage;
import ai.omniflow.assist.Facts;
import ai.omniflow.assist.Grounding;
import ai.omniflow.assist.Guardrails;
import ai.omniflow.assist.LanguageDetector;
import ai.omniflow.assist.Suggestion;
import ai.omniflow.assist.SuggestionRequest;
import ai.omniflow.assist.TemplateReplySuggester;
import ai.omniflow.pack.VerticalPack;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A suggestion answers in the language the contact wrote in, and says which: the shipped packs'
 * Spanish templates, and the offline detector measured on every labelled message.
 */
class ShippedSpanishRepliesTest {
  private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
  private static final Facts FULL =
      Facts.builder()
          .put(Facts.CONTACT_FIRST_NAME, "Lucía")
          .put(Facts.AGENT_NAME, "Sam Lee")
          .put(Facts.ORG_NAME, "Elm Realty")
          .put(Facts.BOOKING_LINK, "https://cal.example/sam")
          .build();

  private final List<VerticalPack> packs = ClasspathPackSource.shipped().packs();
  private final TemplateReplySuggester suggester = TemplateReplySuggester.ofDefaults();

  private VerticalPack pack(String slug) {
    return packs.stream().filter(p -> p.slug().equals(slug)).findFirst().orElseThrow();
  }

  private Suggestion suggest(String slug, String text, Facts facts) {
    return suggester.suggest(
        new SuggestionRequest(pack(slug), text, facts, Guardrails.of("whatsapp", NOW, NOW)));
  }

  @Test
  void aSpanishMessageGetsTheSpanishTemplateAndSaysSpanish() {
    Suggestion s = suggest("real-estate", "¿podemos ver la casa el sábado?", FULL);
    assertThat(s.intent()).isEqualTo("showing_request");
    assertThat(s.language()).isEqualTo("es");
    assertThat(s.reply())
        .startsWith("Hola Lucía, ¡gracias por tu interés! Soy Sam Lee")
        .contains("https://cal.example/sam");
    assertThat(s.warnings()).doesNotContain(Suggestion.REPLY_LANGUAGE_UNAVAILABLE);
  }

  @Test
  void anEnglishMessageToTheSamePackGetsTheEnglishTemplateAndSaysEnglish() {
    Suggestion s = suggest("real-estate", "can we see it saturday?", FULL);
    assertThat(s.language()).isEqualTo("en");
    assertThat(s.reply()).startsWith("Hi Lucía, thanks for your interest!");
  }

  @Test
  void spanishRepliesWordMissingFactsInSpanish() {
    Facts onlyContact = Facts.builder().put(Facts.CONTACT_FIRST_NAME, "Lucía").build();
    Suggestion s = suggest("generic", "hola, tengo una pregunta", onlyContact);
    assertThat(s.language()).isEqualTo("es");
    assertThat(s.reply())
        .isEqualTo(
            "Hola Lucía, ¡gracias por tu mensaje! Nuestro equipo responderá tu pregunta aquí"
                + " muy pronto.");
    Suggestion selfIntroduction = suggest("real-estate", "cuánto piden por la casa?", Facts.none());
    assertThat(selfIntroduction.reply())
        .isEqualTo(
            "Hola, ¡gracias por preguntar! Voy a confirmar los datos actuales de esta"
                + " propiedad y te los envío aquí en breve.");
  }

  @Test
  void everySpanishTemplateOfEveryShippedPackGivesAGroundedSpanishReply() {
    for (VerticalPack pack : packs) {
      Map<String, String> spanish = pack.replyTemplates("es").orElseThrow();
      assertThat(spanish.keySet())
          .as(
              "%s has a Spanish template wherever it has an English one, opt-out aside",
              pack.slug())
          .containsAll(
              pack.replyTemplates().keySet().stream().filter(k -> !k.equals("opt_out")).toList());
      for (String template : spanish.values()) {
        assertThat(Grounding.ungrounded(template, Facts.none())).isEmpty();
      }
    }
  }

  @Test
  void aPackWithoutTemplatesInTheContactsLanguageAnswersInEnglishAndWarns() {
    VerticalPack generic = pack("generic");
    VerticalPack englishOnly =
        new VerticalPack(
            generic.slug(),
            generic.name(),
            generic.version(),
            generic.description(),
            generic.leadFields(),
            generic.stages(),
            generic.intents(),
            generic.replyTemplates(),
            generic.negationWords(),
            generic.nextActions(),
            generic.scoring(),
            generic.routing());
    Suggestion s =
        suggester.suggest(
            new SuggestionRequest(
                englishOnly, "¿cuánto cuesta?", FULL, Guardrails.of("sms", NOW, NOW)));
    assertThat(s.language()).isEqualTo("es");
    assertThat(s.reply()).startsWith("Hi Lucía");
    assertThat(s.warnings()).contains(Suggestion.REPLY_LANGUAGE_UNAVAILABLE);
  }

  /**
   * The detector on every labelled message of every shipped pack (both parts: the detector was
   * written from general knowledge of the two languages and never fitted to these messages),
   * printed per language; a floor guards it.
   */
  @Test
  void theDetectorNamesTheLanguageOfTheLabelledMessages() {
    LanguageDetector detector = LanguageDetector.ofDefaults();
    int[][] counts = new int[2][2]; // [true en/es][detected en/es]
    for (VerticalPack pack : packs) {
      for (String part : List.of("tune", "holdout")) {
        for (String[] row : rows(pack.slug(), part)) {
          DetectedLanguage d = detector.detect(row[2]);
          counts[row[1].equals("es") ? 1 : 0][d.language().equals("es") ? 1 : 0]++;
        }
      }
    }
    double en = (double) counts[0][0] / (counts[0][0] + counts[0][1]);
    double es = (double) counts[1][1] / (counts[1][0] + counts[1][1]);
    double all =
        (double) (counts[0][0] + counts[1][1])
            / (counts[0][0] + counts[0][1] + counts[1][0] + counts[1][1]);
    System.out.printf(
        Locale.ROOT,
        "%n=== language detection over %d labelled messages: accuracy %.3f; en %.3f (%d of %d),"
            + " es %.3f (%d of %d) ===%n",
        counts[0][0] + counts[0][1] + counts[1][0] + counts[1][1],
        all,
        en,
        counts[0][0],
        counts[0][0] + counts[0][1],
        es,
        counts[1][1],
        counts[1][0] + counts[1][1]);
    assertThat(all).isGreaterThanOrEqualTo(FLOOR_ACCURACY);
  }

  private static final double FLOOR_ACCURACY = 0.95;

  private static List<String[]> rows(String slug, String part) {
    String resource = "intents/" + slug + "/" + part + ".tsv";
    try (InputStream in =
        ShippedSpanishRepliesTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      return lines.subList(1, lines.size()).stream()
          .filter(l -> !l.isBlank())
          .map(l -> l.split("\t", 3))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
