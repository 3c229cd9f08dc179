package ai.omniflow.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TextNormalizerTest {
  private static String normalized(String text) {
    return TextNormalizer.normalize(text).text();
  }

  @Nested
  @DisplayName("case, accents and punctuation")
  class CaseAccentsAndPunctuation {
    @Test
    void upperCaseIsLowered() {
      assertThat(normalized("HOW MUCH FOR LIP FILLER")).isEqualTo("how much for lip filler");
    }

    @Test
    void accentsAndTheTildeAreRemoved() {
      assertThat(normalized("¿Cuánto cobran? ¿Habla español?"))
          .isEqualTo("cuanto cobran habla espanol");
      assertThat(normalized("Crème brûlée, naïve façade")).isEqualTo("creme brulee naive facade");
    }

    @Test
    void apostrophesAreDroppedSoContractionsBecomeOneWord() {
      assertThat(normalized("I don't think I'd go, it’s fine"))
          .isEqualTo("i dont think id go its fine");
    }

    @Test
    void punctuationSeparatesWordsAndSentencePunctuationEndsAClause() {
      NormalizedText text = TextNormalizer.normalize("walk-ins? yes. 9:30, ok");
      assertThat(text.tokens()).containsExactly("walk", "ins", "yes", "9", "30", "ok");
      assertThat(text.clauses()).containsExactly(0, 0, 1, 2, 2, 3);
    }

    @Test
    void butStartsANewClause() {
      assertThat(TextNormalizer.normalize("not sure but ok").clauses()).containsExactly(0, 0, 0, 1);
    }
  }

  @Nested
  @DisplayName("repeated letters")
  class RepeatedLetters {
    @Test
    void aRunOfThreeOrMoreOfALetterBecomesOne() {
      assertThat(normalized("soooo hiiii stoooop yesss")).isEqualTo("so hi stop yes");
    }

    @Test
    void doubleLettersSurviveSoBookAndMeetAreKept() {
      assertThat(normalized("book a meeting, sooo good")).isEqualTo("book a meeting so good");
    }

    @Test
    void digitsAreNotSqueezed() {
      assertThat(normalized("$5000 or 1000")).isEqualTo("5000 or 1000");
    }
  }

  @Nested
  @DisplayName("emoji")
  class Emoji {
    @Test
    void emojiWithAMeaningBecomeWords() {
      assertThat(normalized("want to sell 🏡")).isEqualTo("want to sell house");
      assertThat(normalized("🏠💰📅🗓👍")).isEqualTo("house price date date yes");
      assertThat(normalized("🛑 ❌ 👎")).isEqualTo("stop no no");
    }

    @Test
    void otherEmojiAndSkinTonesAndJoinersOnlySeparateWords() {
      assertThat(normalized("interested🙋‍♀️price?🔥👍🏽")).isEqualTo("interested price yes");
    }

    @Test
    void aBlankOrSymbolOnlyMessageHasNoWords() {
      assertThat(TextNormalizer.normalize("  ?! 🔥 ").tokens()).isEmpty();
    }
  }
}
