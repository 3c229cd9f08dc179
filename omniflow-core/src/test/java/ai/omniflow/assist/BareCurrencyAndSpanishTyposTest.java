package ai.omniflow.assist;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.pack.VerticalPack;
import ai.omniflow.pack.VerticalPack.Intent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two readings the Spanish and slang sets of issue 17 asked for. */
class BareCurrencyAndSpanishTyposTest {
  private static final VerticalPack PACK =
      PackIntentClassifierTest.pack(
          "1.0.0",
          List.of(
              new Intent("pricing_question", "Pricing", List.of("price", "cuanto"), List.of()),
              new Intent("showing_request", "Showing", List.of("ver"), List.of()),
              new Intent(
                  "spam", "Spam", List.of("crypto"), List.of(), List.of("\\b\\d+ a day\\b"), 1),
              new Intent("general_question", "General", List.of("hola"), List.of())));

  private final PackIntentClassifier classifier = PackIntentClassifier.ofDefaults();

  @Test
  void aBareCurrencySignAsksThePrice() {
    for (String text : new String[] {"$$?", "$?", "what's the $ on it", "€€"}) {
      IntentPrediction p = classifier.classify(text, PACK);
      assertThat(p.intent()).as(text).isEqualTo("pricing_question");
      assertThat(p.matched()).as(text).containsExactly("price");
    }
  }

  @Test
  void anAmountIsNotAPriceQuestionByItself() {
    IntentPrediction p = classifier.classify("make $500 a day", PACK);
    assertThat(p.intent()).isEqualTo("spam");
    assertThat(p.matched()).doesNotContain("price");
  }

  @Test
  void cuandoIsNotReadAsATypoOfCuanto() {
    IntentPrediction p = classifier.classify("cuando la puedo ver", PACK);
    assertThat(p.intent()).isEqualTo("showing_request");
  }
}
