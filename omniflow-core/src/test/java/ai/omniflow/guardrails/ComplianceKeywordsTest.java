package ai.omniflow.guardrails;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.pack.VerticalPack;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Compliance keywords")
class ComplianceKeywordsTest {
  static final ComplianceKeywords ENGLISH = ComplianceKeywords.DEFAULTS;

  @Test
  @DisplayName("recognize every CTIA opt-out keyword whatever its case, spacing or punctuation")
  void recognizeOptOuts() {
    for (String text :
        List.of(
            "STOP",
            "stop",
            " Stop. ",
            "S T O P",
            "UNSUBSCRIBE",
            "end",
            "Quit!",
            "cancel",
            "REVOKE",
            "optout",
            "opt out",
            "Opt-Out",
            "OPT_OUT",
            "stop 🙏")) {
      assertThat(ENGLISH.recognize(text)).as(text).contains(KeywordAction.STOP);
    }
  }

  @Test
  @DisplayName("tell STOPALL, START, UNSTOP and HELP apart")
  void recognizeTheOtherActions() {
    assertThat(ENGLISH.recognize("STOPALL")).contains(KeywordAction.STOP_ALL);
    assertThat(ENGLISH.recognize("stop all")).contains(KeywordAction.STOP_ALL);
    assertThat(ENGLISH.recognize("Start")).contains(KeywordAction.START);
    assertThat(ENGLISH.recognize("UNSTOP")).contains(KeywordAction.START);
    assertThat(ENGLISH.recognize("help?")).contains(KeywordAction.HELP);
  }

  @Test
  @DisplayName("take only a whole message as a keyword, not one inside a sentence")
  void wholeMessagesOnly() {
    for (String text :
        List.of("stop calling me at work", "please stop", "STOP2", "", "...", "🙏", "stopp")) {
      assertThat(ENGLISH.recognize(text)).as(text).isEmpty();
    }
  }

  @Test
  @DisplayName("answer a megabyte of text without a keyword after reading only a few letters")
  void longTextIsNotAKeyword() {
    String huge = "stop ".repeat(200_000);
    assertThat(ENGLISH.recognize(huge)).isEmpty();
    assertThat(ENGLISH.recognize("!".repeat(1_000_000) + "stop")).contains(KeywordAction.STOP);
  }

  @Test
  @DisplayName("add a pack's Spanish keywords, accents ignored, to the English ones")
  void packKeywordsAdd() {
    ComplianceKeywords spanish =
        ComplianceKeywords.of(
            new VerticalPack.Compliance(
                List.of("baja", "alto", "no me envíe más mensajes"),
                List.of("baja todo"),
                List.of("alta"),
                List.of("ayuda")));

    assertThat(spanish.recognize("BAJA")).contains(KeywordAction.STOP);
    assertThat(spanish.recognize("No me envie mas mensajes!!")).contains(KeywordAction.STOP);
    assertThat(spanish.recognize("no me envíe más mensajes")).contains(KeywordAction.STOP);
    assertThat(spanish.recognize("Baja todo")).contains(KeywordAction.STOP_ALL);
    assertThat(spanish.recognize("alta")).contains(KeywordAction.START);
    assertThat(spanish.recognize("¿Ayuda?")).contains(KeywordAction.HELP);
    assertThat(spanish.recognize("STOP")).contains(KeywordAction.STOP);
    assertThat(ENGLISH.recognize("BAJA")).isEqualTo(Optional.empty());
  }

  @Test
  @DisplayName("let the safer action keep a keyword two actions name, and report it")
  void conflictsKeepTheSaferAction() {
    VerticalPack.Compliance both =
        new VerticalPack.Compliance(
            List.of("baja"), List.of(), List.of("¡Baja!", "start"), List.of());

    assertThat(ComplianceKeywords.of(both).recognize("baja")).contains(KeywordAction.STOP);
    assertThat(ComplianceKeywords.of(both).recognize("start")).contains(KeywordAction.START);
    assertThat(ComplianceKeywords.conflicts(both)).containsExactly("baja");
  }

  @Test
  @DisplayName("fold text to letters and digits in lower case without accents")
  void keywordForm() {
    assertThat(ComplianceKeywords.keywordForm("No me envíe MÁS, ¡gracias! 2"))
        .isEqualTo("nomeenviemasgracias2");
  }
}
