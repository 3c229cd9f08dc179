package ai.omniflow.assist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.assist.spi.IntentClassifier;
import ai.omniflow.pack.VerticalPack;
import ai.omniflow.pack.VerticalPack.Intent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PackIntentClassifierTest {
  static VerticalPack pack(String version, List<Intent> intents) {
    return new VerticalPack(
        "salon",
        "Salon",
        version,
        "For tests.",
        List.of(),
        List.of(
            new VerticalPack.Stage("new", "New", null),
            new VerticalPack.Stage("won", "Won", "won"),
            new VerticalPack.Stage("lost", "Lost", "lost")),
        intents,
        Map.of());
  }

  static final VerticalPack SALON =
      pack(
          "1.0.0",
          List.of(
              new Intent(
                  "pricing_question",
                  "Pricing",
                  List.of("price", "cost", "quote"),
                  List.of("how much")),
              new Intent(
                  "booking_request",
                  "Booking",
                  List.of("book", "appointment"),
                  List.of("sign me up"),
                  List.of("\\b\\d{1,2}( ?[ap]m)? works\\b"),
                  1.0),
              new Intent("general_question", "General", List.of("hello"), List.of()),
              new Intent(
                  "not_interested",
                  "Not interested",
                  List.of(),
                  List.of("not interested"),
                  List.of(),
                  1.5),
              new Intent(
                  "opt_out", "Opt-out", List.of("unsubscribe", "stop"), List.of(), List.of(), 2)));

  final IntentClassifier classifier = PackIntentClassifier.ofDefaults();

  @Nested
  @DisplayName("matching")
  class Matching {
    @Test
    void aKeywordPicksItsIntentAndIsNamedAsTheReason() {
      IntentPrediction p = classifier.classify("What's the PRICE?", SALON);
      assertThat(p.intent()).isEqualTo("pricing_question");
      assertThat(p.matched()).containsExactly("price");
      assertThat(p.confidence()).isBetween(0.0, 1.0).isGreaterThan(0.1);
      assertThat(p.runnerUp()).isNull();
      assertThat(p.runnerUpConfidence()).isZero();
    }

    @Test
    void accentsRepeatsAndEmojiAreReadThroughToThePacksWords() {
      assertThat(classifier.classify("bóóóók me in", SALON).intent()).isEqualTo("booking_request");
      assertThat(classifier.classify("💰?", SALON).intent()).isEqualTo("pricing_question");
      assertThat(classifier.classify("🛑", SALON).intent()).isEqualTo("opt_out");
    }

    @Test
    void aOneLetterTypoInALongWordAndAPluralStillMatch() {
      assertThat(classifier.classify("unsubscibe", SALON).intent()).isEqualTo("opt_out");
      assertThat(classifier.classify("any quotes?", SALON).intent()).isEqualTo("pricing_question");
    }

    @Test
    void typoToleranceCanBeTurnedOff() {
      IntentClassifier strict = PackIntentClassifier.builder().typoTolerance(false).build();
      assertThat(strict.classify("unsubscibe", SALON).intent()).isEqualTo("general_question");
    }

    @Test
    void aPatternMatchesTheNormalizedText() {
      IntentPrediction p = classifier.classify("Yes, 3PM works!", SALON);
      assertThat(p.intent()).isEqualTo("booking_request");
      assertThat(p.matched()).containsExactly("\\b\\d{1,2}( ?[ap]m)? works\\b");
    }

    @Test
    void theWeightOfAnIntentDecidesBetweenEqualEvidence() {
      IntentPrediction p = classifier.classify("stop, how much is it", SALON);
      assertThat(p.intent()).isEqualTo("opt_out");
      assertThat(p.runnerUp()).isEqualTo("pricing_question");
      assertThat(p.runnerUpConfidence()).isLessThan(p.confidence()).isPositive();
    }

    @Test
    void withNoEvidenceTheFallbackIsGeneralQuestionWithLowConfidence() {
      IntentPrediction p = classifier.classify("the weather is nice", SALON);
      assertThat(p.intent()).isEqualTo("general_question");
      assertThat(p.confidence()).isLessThanOrEqualTo(0.1);
      assertThat(p.matched()).isEmpty();
      assertThat(p.runnerUp()).isNull();
    }

    @Test
    void aPackWithoutGeneralQuestionFallsBackToItsFirstIntent() {
      VerticalPack pack =
          pack("1.0.0", List.of(new Intent("spam", "Spam", List.of("crypto"), List.of())));
      assertThat(classifier.classify("hello", pack).intent()).isEqualTo("spam");
    }
  }

  @Nested
  @DisplayName("negation")
  class Negation {
    @Test
    void aKeywordShortlyAfterANegationWordDoesNotCount() {
      IntentPrediction p = classifier.classify("I don't want to book, how much is it", SALON);
      assertThat(p.intent()).isEqualTo("pricing_question");
      assertThat(p.runnerUp()).isNull();
    }

    @Test
    void negationDoesNotReachPastTheEndOfAClauseOrBut() {
      assertThat(classifier.classify("not today. book me for friday", SALON).intent())
          .isEqualTo("booking_request");
      assertThat(classifier.classify("not sure yet but book me", SALON).intent())
          .isEqualTo("booking_request");
    }

    @Test
    void negationDoesNotReachFurtherThanTheWindow() {
      assertThat(classifier.classify("no I really really do want to book", SALON).intent())
          .isEqualTo("booking_request");
    }

    @Test
    void aPhraseThatStartsWithANegationWordStillCounts() {
      assertThat(classifier.classify("not interested", SALON).intent()).isEqualTo("not_interested");
    }

    @Test
    void thePacksNegationWordsReplaceTheDefaults() {
      VerticalPack pack =
          new VerticalPack(
              "salon",
              "Salon",
              "2.0.0",
              "For tests.",
              List.of(),
              SALON.stages(),
              SALON.intents(),
              Map.of(),
              List.of("jamais"));
      assertThat(classifier.classify("jamais book", pack).intent()).isEqualTo("general_question");
      assertThat(classifier.classify("never book", pack).intent()).isEqualTo("booking_request");
    }

    @Test
    void aWindowOfZeroTurnsNegationOff() {
      IntentClassifier noNegation = PackIntentClassifier.builder().negationWindow(0).build();
      assertThat(noNegation.classify("don't book", SALON).intent()).isEqualTo("booking_request");
    }
  }

  @Nested
  @DisplayName("contract")
  class Contract {
    @Test
    void emptyOrBlankTextIsRefused() {
      assertThatThrownBy(() -> classifier.classify("", SALON))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("blank");
      assertThatThrownBy(() -> classifier.classify(" \t\n", SALON))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPackWithoutIntentsIsRefused() {
      assertThatThrownBy(() -> classifier.classify("hello", pack("1.0.0", List.of())))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("no intents");
    }

    @Test
    void theSameTextAndPackAlwaysGiveTheSamePrediction() {
      String text = "stop, how much to book? not interested 🛑";
      IntentPrediction first = classifier.classify(text, SALON);
      for (int i = 0; i < 50; i++) {
        assertThat(classifier.classify(text, SALON)).isEqualTo(first);
        assertThat(PackIntentClassifier.ofDefaults().classify(text, SALON)).isEqualTo(first);
      }
    }

    @Test
    void manyThreadsMayShareOneClassifier() throws Exception {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
          String text = i % 2 == 0 ? "how much" : "book me";
          results.add(pool.submit(() -> classifier.classify(text, SALON).intent()));
        }
        for (int i = 0; i < results.size(); i++) {
          assertThat(results.get(i).get())
              .isEqualTo(i % 2 == 0 ? "pricing_question" : "booking_request");
        }
      } finally {
        pool.shutdownNow();
      }
    }

    @Test
    void aChangedPackUnderTheSameSlugAndVersionIsNotServedFromTheCache() {
      VerticalPack other =
          pack(
              "1.0.0",
              List.of(new Intent("booking_request", "Booking", List.of("price"), List.of())));
      assertThat(classifier.classify("price", SALON).intent()).isEqualTo("pricing_question");
      assertThat(classifier.classify("price", other).intent()).isEqualTo("booking_request");
    }

    @Test
    void confidencesOutsideZeroToOneAreRefusedByThePrediction() {
      assertThatThrownBy(() -> new IntentPrediction("x", 1.5, null, 0, List.of()))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> new IntentPrediction("x", 0.5, null, 0.2, List.of()))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBadPatternIsRefusedWhenTheIntentIsMade() {
      assertThatThrownBy(
              () -> new Intent("x", "X", List.of(), List.of(), List.of("(unclosed"), 1.0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("(unclosed");
      assertThatThrownBy(() -> new Intent("x", "X", List.of("a"), List.of(), List.of(), 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("weight");
    }
  }
}
