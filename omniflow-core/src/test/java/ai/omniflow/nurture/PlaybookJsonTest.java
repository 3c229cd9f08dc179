package ai.omniflow.nurture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.OmniFlowException;
import ai.omniflow.connector.spi.Channel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A playbook's JSON")
class PlaybookJsonTest {
  private static final Playbook PUSH =
      new Playbook(
          "warm-lead-push",
          "Warm lead push",
          "Offer a showing.",
          false,
          List.of(
              new PlaybookStep.Send("offer", "warm_push", Channel.WHATSAPP),
              new PlaybookStep.Wait("a_day", Duration.ofDays(1)),
              new PlaybookStep.Branch(
                  "wants", PlaybookStep.Branch.On.INTENT, List.of("showing_request"), "book", null),
              new PlaybookStep.Branch(
                  "any", PlaybookStep.Branch.On.REPLIED, List.of(), "done", "done"),
              new PlaybookStep.Stop("done"),
              new PlaybookStep.CreateTask("book", TaskKind.SHOWING, "Book it", Duration.ofHours(2)),
              new PlaybookStep.ChangeStage("mark_touring", "touring")),
          new Fit(
              List.of("new"),
              List.of("warm", "hot"),
              List.of("showing_request"),
              Duration.ofDays(2)));

  @Test
  void readsBackEveryKindOfStepAndTheFitAsWritten() {
    assertThat(PlaybookJson.read(PlaybookJson.toJson(PUSH), null)).isEqualTo(PUSH);
    assertThat(PlaybookJson.read(PlaybookJson.toJson(PUSH), "warm-lead-push")).isEqualTo(PUSH);
  }

  @Test
  @DisplayName("a stage step is written as change_stage with its stage, and read back")
  void aStageStepIsWrittenAsChangeStage() {
    List<?> steps = (List<?>) PlaybookJson.toJson(PUSH).get("steps");
    assertThat(steps.get(6))
        .isEqualTo(Map.of("key", "mark_touring", "change_stage", Map.of("stage", "touring")));
  }

  @Test
  @DisplayName(
      "a stage step without a stage, with a malformed one or a property it does not have is"
          + " refused at its path")
  void aBadStageStepIsRefusedAtItsPath() {
    for (Object body :
        List.of(
            Map.of(),
            Map.of("stage", 7),
            Map.of("stage", "Touring"),
            Map.of("stage", "touring", "when", "now"),
            "touring")) {
      Map<String, Object> json =
          Map.of(
              "key",
              "s",
              "name",
              "S",
              "steps",
              List.of(Map.of("key", "move", "change_stage", body)));
      assertThatThrownBy(() -> PlaybookJson.read(json, null))
          .isInstanceOfSatisfying(
              OmniFlowException.class,
              e -> {
                assertThat(e.code()).isEqualTo("invalid_playbook");
                assertThat(e.getMessage()).contains("/steps/0");
              });
    }
  }

  @Test
  void aPlaybookWithoutFitsOrDescriptionFitsEveryLeadAndStopsOnReply() {
    Playbook p =
        PlaybookJson.read(
            Map.of(
                "key",
                "call",
                "name",
                "Call",
                "steps",
                List.of(Map.of("key", "s", "stop", Map.of()))),
            null);
    assertThat(p.fits()).isEqualTo(Fit.ANY);
    assertThat(p.stopOnReply()).isTrue();
    assertThat(p.description()).isEmpty();
  }

  @Test
  void everyProblemIsRefusedTogetherWithThePathOfItsStep() {
    Map<String, Object> json =
        Map.of(
            "key",
            "bad",
            "name",
            "Bad",
            "steps",
            List.of(
                Map.of("key", "pause", "wait", "PT0S"),
                Map.of("key", "nudge", "send", Map.of("template", "check_in", "channel", "fax")),
                Map.of("key", "call", "task", Map.of("kind", "visit_home", "title", "Go"))));
    assertThatThrownBy(() -> PlaybookJson.read(json, null))
        .isInstanceOfSatisfying(
            OmniFlowException.class,
            e -> {
              assertThat(e.code()).isEqualTo(NurtureErrors.INVALID_PLAYBOOK);
              assertThat(e.kind()).isEqualTo(OmniFlowException.Kind.INVALID_INPUT);
              assertThat(e.getMessage())
                  .contains("/steps/0 Step 'pause' waits PT0S")
                  .contains("/steps/1/send/channel 'fax' is not a channel")
                  .contains("/steps/2/task/kind 'visit_home' is not a task kind");
            });
  }

  @Test
  void theGraphChecksNameTheStepThatClosesACycle() {
    Map<String, Object> json =
        Map.of(
            "key",
            "loop",
            "name",
            "Loop",
            "stop_on_reply",
            false,
            "steps",
            List.of(
                Map.of("key", "nudge", "send", Map.of("template", "check_in")),
                Map.of("key", "again", "branch", Map.of("on", "replied", "then", "nudge"))));
    assertThatThrownBy(() -> PlaybookJson.read(json, null))
        .hasMessageContaining("/steps/1 step 'again' leads back to step 'nudge'");
  }

  @Test
  void aKeyOtherThanTheUrlsAndALongValueAreRefusedWithoutEchoingTheValue() {
    String longKey = "k".repeat(5000);
    assertThatThrownBy(
            () ->
                PlaybookJson.read(
                    Map.of(
                        "key",
                        "other",
                        "name",
                        "X",
                        "steps",
                        List.of(Map.of("key", "s", "stop", Map.of()))),
                    "mine"))
        .hasMessageContaining("/key is 'other', not the playbook's id in the URL");
    assertThatThrownBy(
            () ->
                PlaybookJson.read(
                    Map.of(
                        "key",
                        longKey,
                        "name",
                        "X",
                        "steps",
                        List.of(Map.of("key", "s", "stop", Map.of()))),
                    null))
        .isInstanceOf(OmniFlowException.class)
        .message()
        .doesNotContain(longKey)
        .hasSizeLessThan(1000);
  }
}
