package ai.omniflow.assist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LanguageDetectorTest {
  private final LanguageDetector detector = LanguageDetector.ofDefaults();

  @Test
  void spanishFunctionWordsWithoutAccentsMakeASpanishMessage() {
    DetectedLanguage d = detector.detect("Ya compramos otra casa");
    assertThat(d.language()).isEqualTo("es");
    assertThat(d.evidence()).isTrue();
    assertThat(d.confidence()).isGreaterThan(0.9);
  }

  @Test
  void spanishMarksAloneMakeASpanishMessage() {
    assertThat(detector.detect("¿$$?").language()).isEqualTo("es");
    assertThat(detector.detect("mañana").language()).isEqualTo("es");
    assertThat(detector.detect("ándale").language()).isEqualTo("es");
  }

  @Test
  void englishFunctionWordsMakeAnEnglishMessage() {
    DetectedLanguage d = detector.detect("what does it go for");
    assertThat(d.language()).isEqualTo("en");
    assertThat(d.evidence()).isTrue();
  }

  @Test
  void aMessageWithNothingToTellTheLanguagesApartIsEnglishWithoutEvidence() {
    for (String text : new String[] {"k", "$$?", "👍", "ok", "no", "123 Main"}) {
      DetectedLanguage d = detector.detect(text);
      assertThat(d.language()).as(text).isEqualTo("en");
      assertThat(d.evidence()).as(text).isFalse();
      assertThat(d.confidence()).as(text).isEqualTo(0.5);
    }
  }

  @Test
  void aMixedMessageGoesToTheLanguageWithMoreEvidence() {
    assertThat(
            detector
                .detect("hola, is the house still available for a showing this week?")
                .language())
        .isEqualTo("en");
    assertThat(detector.detect("hi, quiero saber cuánto cuesta la casa de la esquina").language())
        .isEqualTo("es");
  }

  @Test
  void onlyTheFirstCharactersOfAVeryLongMessageAreRead() {
    String text = "the ".repeat(LanguageDetector.MAX_TEXT / 4) + "¿¿¿ñññ ".repeat(1000);
    assertThat(detector.detect(text).language()).isEqualTo("en");
  }

  @Test
  void aDetectedLanguageIsTwoLowerCaseLettersWithAConfidenceFromOneHalfToOne() {
    assertThatThrownBy(() -> new DetectedLanguage("spanish", 0.9, true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DetectedLanguage("es", 0.4, true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> detector.detect(null)).isInstanceOf(NullPointerException.class);
  }
}
