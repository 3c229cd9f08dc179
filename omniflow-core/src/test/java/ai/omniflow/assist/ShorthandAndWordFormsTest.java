package ai.omniflow.assist;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.assist.spi.IntentClassifier;
import ai.omniflow.pack.VerticalPack;
import ai.omniflow.pack.VerticalPack.Intent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Chat shorthand, other forms of a pack's words, vowel-less forms, long-word typos and
 * whole-message opt-out keywords, as the default classifier reads them (docs/intents.md, decision
 * 0054).
 */
class ShorthandAndWordFormsTest {
  static final VerticalPack HOMES =
      new VerticalPack(
          "homes",
          "Homes",
          "1.0.0",
          "For tests.",
          List.of(),
          List.of(
              new VerticalPack.Stage("new", "New", null),
              new VerticalPack.Stage("won", "Won", "won"),
              new VerticalPack.Stage("lost", "Lost", "lost")),
          List.of(
              new Intent(
                  "showing_request",
                  "Showing",
                  List.of("viewing", "tour"),
                  List.of("want to see", "as soon as possible")),
              new Intent(
                  "pricing_question", "Pricing", List.of("price", "tax"), List.of("how much")),
              new Intent(
                  "support_question", "Support", List.of("reschedule", "appointment"), List.of()),
              new Intent("general_question", "General", List.of("hello", "thanks"), List.of()),
              new Intent("not_interested", "Not interested", List.of(), List.of("not interested")),
              new Intent("opt_out", "Opt-out", List.of("unsubscribe"), List.of(), List.of(), 2),
              new Intent("spam", "Spam", List.of("followers", "likes", "mining"), List.of())),
          Map.of(),
          VerticalPack.DEFAULT_NEGATION_WORDS,
          Map.of(),
          null,
          null,
          new VerticalPack.Compliance(
              List.of("baja", "alto", "parar"), List.of(), List.of("alta"), List.of("ayuda")));

  final IntentClassifier classifier = PackIntentClassifier.ofDefaults();

  private String intent(String text) {
    return classifier.classify(text, HOMES).intent();
  }

  @Test
  void chatShorthandIsReadAsTheWordsItStandsFor() {
    assertThat(intent("wanna c it")).isEqualTo("showing_request"); // want to see it
    assertThat(intent("i wanna see it")).isEqualTo("showing_request");
    assertThat(intent("hw mch?")).isEqualTo("pricing_question");
    assertThat(classifier.classify("hw mch?", HOMES).matched()).containsExactly("how much");
    assertThat(intent("thx")).isEqualTo("general_question");
    assertThat(classifier.classify("thx", HOMES).matched()).containsExactly("thanks");
  }

  @Test
  void aShorthandThePackUsesItselfIsNotExpanded() {
    VerticalPack own =
        new VerticalPack(
            "own",
            "Own",
            "1.0.0",
            "For tests.",
            List.of(),
            HOMES.stages(),
            List.of(
                new Intent("emergency_request", "Emergency", List.of("asap"), List.of()),
                new Intent(
                    "general_question", "General", List.of(), List.of("as soon as possible"))),
            Map.of());
    assertThat(classifier.classify("asap", own).intent()).isEqualTo("emergency_request");
    assertThat(intent("asap")).isEqualTo("showing_request"); // HOMES says "as soon as possible"
  }

  @Test
  void inflectedWordsAreReadAsThePacksWord() {
    assertThat(intent("any viewings")).isEqualTo("showing_request");
    assertThat(intent("taxes?")).isEqualTo("pricing_question");
    assertThat(intent("rescheduling pls")).isEqualTo("support_question");
    assertThat(intent("toured")).isEqualTo("showing_request");
  }

  @Test
  void aWordThePacksPatternsSpellOutIsKeptAsWrittenForThosePatterns() {
    VerticalPack spa =
        new VerticalPack(
            "spa",
            "Spa",
            "1.0.0",
            "For tests.",
            List.of(),
            HOMES.stages(),
            List.of(
                new Intent(
                    "booking_request",
                    "Booking",
                    List.of("book"),
                    List.of(),
                    List.of("\\b\\d{1,2}( ?[ap]m)? (works|is good)\\b"),
                    1),
                new Intent("treatment_question", "Treatment", List.of(), List.of("work on")),
                new Intent("general_question", "General", List.of("hello"), List.of())),
            Map.of());
    // "works" is an inflected "work", a phrase word; the pattern names "works" itself
    IntentPrediction p = classifier.classify("the 3pm works for me", spa);
    assertThat(p.intent()).isEqualTo("booking_request");
    assertThat(p.matched()).containsExactly("\\b\\d{1,2}( ?[ap]m)? (works|is good)\\b");
    assertThat(classifier.classify("does it work on dark skin", spa).intent())
        .isEqualTo("treatment_question");
  }

  @Test
  void aBareWordIsNeverReadAsALongerPackWord() {
    assertThat(intent("running 10 min late")).isEqualTo("general_question");
    assertThat(intent("i like it")).isEqualTo("general_question");
  }

  @Test
  void aWordWrittenWithoutVowelsIsReadAsTheOnePackWordWithThoseConsonants() {
    assertThat(intent("vwng sat?")).isEqualTo("showing_request");
    assertThat(intent("need to rschdl")).isEqualTo("support_question");
  }

  @Test
  void longWordsTolerateTwoTyposAndShorterOnesOne() {
    assertThat(intent("need to reschedual")).isEqualTo("support_question");
    assertThat(intent("folowers cheep")).isEqualTo("spam");
    assertThat(intent("fllwers")).isEqualTo("general_question"); // two edits, eight letters
    IntentClassifier strict = PackIntentClassifier.builder().typoTolerance(false).build();
    assertThat(strict.classify("need to reschedual", HOMES).intent()).isEqualTo("general_question");
  }

  @Test
  void aWholeMessageOptOutKeywordIsAnOptOutInEnglishAndThePacksLanguages() {
    for (String text :
        List.of(
            "STOP", "Unsubscribe.", "cancel", "END", "quit", "STOPALL", "BAJA", "Alto", "parar")) {
      IntentPrediction p = classifier.classify(text, HOMES);
      assertThat(p.intent()).as(text).isEqualTo("opt_out");
      assertThat(p.confidence()).as(text).isEqualTo(1.0);
    }
  }

  @Test
  void anOptOutKeywordInsideALongerMessageOrAHelpKeywordIsNotAWholeMessageOptOut() {
    assertThat(intent("can we end the tour early")).isEqualTo("showing_request");
    assertThat(intent("ayuda")).isEqualTo("general_question");
    assertThat(intent("alta")).isEqualTo("general_question");
  }

  @Test
  void aPackWithoutAnOptOutIntentIsNotGivenOne() {
    VerticalPack plain =
        new VerticalPack(
            "plain",
            "Plain",
            "1.0.0",
            "For tests.",
            List.of(),
            HOMES.stages(),
            List.of(new Intent("general_question", "General", List.of("hello"), List.of())),
            Map.of());
    assertThat(classifier.classify("STOP", plain).intent()).isEqualTo("general_question");
  }
}
