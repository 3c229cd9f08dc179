package ai.omniflow.nurture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.omniflow.OmniFlowException;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.nurture.PlaybookStep.Branch;
import ai.omniflow.nurture.PlaybookStep.CreateTask;
import ai.omniflow.nurture.PlaybookStep.Send;
import ai.omniflow.nurture.PlaybookStep.Stop;
import ai.omniflow.nurture.PlaybookStep.Wait;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

@DisplayName("A playbook")
class PlaybookTest {
  static final Set<String> TEMPLATES = Set.of("check_in", "last_call");
  static final Set<String> INTENTS = Set.of("showing_request", "not_interested");

  static Playbook playbook(boolean stopOnReply, PlaybookStep... steps) {
    return new Playbook("test-playbook", "Test", "", stopOnReply, List.of(steps));
  }

  static OmniFlowException refusal(Executable make) {
    OmniFlowException e =
        catchThrowableOfType(
            OmniFlowException.class,
            () -> {
              try {
                make.execute();
              } catch (OmniFlowException ex) {
                throw ex;
              } catch (Throwable t) {
                throw new AssertionError(t);
              }
            });
    assertThat(e).as("refused").isNotNull();
    assertThat(e.code()).isEqualTo(NurtureErrors.INVALID_PLAYBOOK);
    assertThat(e.kind().httpStatus()).isEqualTo(422);
    return e;
  }

  static Playbook warmLeadPush() {
    return playbook(
        false,
        new Send("nudge", "check_in", Channel.SMS),
        new Wait("one_day", Duration.ofDays(1)),
        new Branch("if_showing", Branch.On.INTENT, List.of("showing_request"), "book", null),
        new Branch("if_gone", Branch.On.INTENT, List.of("not_interested"), "done", "last"),
        new Send("last", "last_call", null),
        new Stop("done"),
        new CreateTask("book", TaskKind.SHOWING, "Book the showing", Duration.ofHours(2)));
  }

  @Nested
  @DisplayName("that holds together")
  class Valid {
    @Test
    @DisplayName("is accepted with its steps in order and found by key")
    void acceptedAndFoundByKey() {
      Playbook p = warmLeadPush();
      assertThat(p.steps()).hasSize(7);
      assertThat(p.indexOf("book")).isEqualTo(6);
      assertThat(p.step("last")).containsInstanceOf(Send.class);
      assertThat(PlaybookValidator.problems(p, TEMPLATES, INTENTS)).isEmpty();
      assertThat(PlaybookValidator.requireValid(p, TEMPLATES, INTENTS)).isSameAs(p);
    }

    @Test
    @DisplayName("may branch forward to a step that a stop separates from the rest")
    void branchesReachStepsAfterAStop() {
      assertThat(PlaybookValidator.structureProblems(false, warmLeadPush().steps())).isEmpty();
    }
  }

  @Nested
  @DisplayName("is refused with 422 invalid_playbook naming the step")
  class Refused {
    @Test
    @DisplayName("when a branch leads back to an earlier step, a cycle")
    void aCycle() {
      OmniFlowException e =
          refusal(
              () ->
                  playbook(
                      false,
                      new Send("nudge", "check_in", null),
                      new Wait("wait", Duration.ofDays(1)),
                      new Branch("again", Branch.On.REPLIED, List.of(), "done", "nudge"),
                      new Stop("done")));
      assertThat(e.getMessage())
          .isEqualTo(
              "Playbook 'test-playbook': step 'again' leads back to step 'nudge', a cycle; a"
                  + " playbook only goes forward.");
    }

    @Test
    @DisplayName("when a branch goes to itself")
    void aBranchToItself() {
      OmniFlowException e =
          refusal(
              () ->
                  playbook(
                      false,
                      new Branch("loop", Branch.On.REPLIED, List.of(), "loop", null),
                      new Stop("done")));
      assertThat(e.getMessage()).contains("step 'loop' leads back to step 'loop'");
    }

    @Test
    @DisplayName("when a wait is zero, negative or longer than 90 days")
    void waitsOutOfBounds() {
      for (Duration d : List.of(Duration.ZERO, Duration.ofDays(-1), Duration.ofDays(91))) {
        OmniFlowException e = refusal(() -> new Wait("pause", d));
        assertThat(e.getMessage()).startsWith("Step 'pause' waits ").contains("1 minute to 90");
      }
    }

    @Test
    @DisplayName("when the waits on one path add up to more than a year")
    void waitsAddUpPastAYear() {
      List<PlaybookStep> steps = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        steps.add(new Wait("wait_" + i, Duration.ofDays(80)));
      }
      OmniFlowException e = refusal(() -> new Playbook("long", "Long", "", true, steps));
      assertThat(e.getMessage())
          .contains("step 'wait_4' ends a path whose waits add up to 400 days");
    }

    @Test
    @DisplayName("when a step can never be reached")
    void anUnreachableStep() {
      OmniFlowException e =
          refusal(
              () ->
                  playbook(
                      true,
                      new Send("nudge", "check_in", null),
                      new Stop("done"),
                      new Send("orphan", "last_call", null)));
      assertThat(e.getMessage()).contains("step 'orphan' is never reached");
    }

    @Test
    @DisplayName("when a branch goes to no step of the playbook")
    void anUnknownTarget() {
      OmniFlowException e =
          refusal(
              () ->
                  playbook(
                      false,
                      new Branch("fork", Branch.On.REPLIED, List.of(), "nowhere", null),
                      new Stop("done")));
      assertThat(e.getMessage())
          .contains("step 'fork' goes to 'nowhere', which is no step of this playbook");
    }

    @Test
    @DisplayName("when two steps share a key")
    void aRepeatedKey() {
      OmniFlowException e =
          refusal(() -> playbook(true, new Send("nudge", "check_in", null), new Stop("nudge")));
      assertThat(e.getMessage()).contains("step 'nudge' has the key of an earlier step");
    }

    @Test
    @DisplayName("when it branches on replies but stops on any reply")
    void aBranchThatCanNeverSeeAReply() {
      OmniFlowException e =
          refusal(
              () ->
                  playbook(
                      true,
                      new Branch("fork", Branch.On.REPLIED, List.of(), "done", null),
                      new Stop("done")));
      assertThat(e.getMessage()).contains("set stop_on_reply to false");
    }

    @Test
    @DisplayName("when it has no steps or more than fifty")
    void stepCountIsBounded() {
      refusal(() -> new Playbook("empty", "Empty", "", true, List.of()));
      List<PlaybookStep> many = new ArrayList<>();
      for (int i = 0; i <= Playbook.MAX_STEPS; i++) {
        many.add(new Send("s" + i, "check_in", null));
      }
      OmniFlowException e = refusal(() -> new Playbook("many", "Many", "", true, many));
      assertThat(e.getMessage()).contains("needs 1 to 50 steps, has 51");
    }

    @Test
    @DisplayName("when a send names a template the pack does not have")
    void anUnknownTemplate() {
      Playbook p = playbook(true, new Send("nudge", "chek_in", null));
      assertThat(PlaybookValidator.problems(p, TEMPLATES, INTENTS))
          .singleElement()
          .satisfies(
              problem -> {
                assertThat(problem.path()).isEqualTo("/steps/0/template");
                assertThat(problem.message())
                    .isEqualTo(
                        "step 'nudge' sends the template 'chek_in', which the pack's nurture"
                            + " templates do not have; known: check_in, last_call");
              });
      OmniFlowException e = refusal(() -> PlaybookValidator.requireValid(p, TEMPLATES, INTENTS));
      assertThat(e.getMessage()).startsWith("Playbook 'test-playbook': step 'nudge' sends");
    }

    @Test
    @DisplayName("when a branch names an intent the pack does not have")
    void anUnknownIntent() {
      Playbook p =
          playbook(
              false,
              new Branch("fork", Branch.On.INTENT, List.of("pricing_question"), "done", null),
              new Stop("done"));
      assertThat(PlaybookValidator.problems(p, TEMPLATES, INTENTS))
          .extracting(ai.omniflow.fields.Problem::path)
          .containsExactly("/steps/0/intents/0");
    }

    @Test
    @DisplayName("when a send goes to a channel no message can be started on")
    void aChannelThatCannotBeWrittenTo() {
      OmniFlowException e = refusal(() -> new Send("nudge", "check_in", Channel.LEAD_FORM));
      assertThat(e.getMessage()).startsWith("Step 'nudge' sends on lead_form");
    }

    @Test
    @DisplayName("when a task is due after more than 30 days or has no title")
    void tasksAreBounded() {
      refusal(() -> new CreateTask("call", TaskKind.CALL, "Call", Duration.ofDays(31)));
      refusal(() -> new CreateTask("call", TaskKind.CALL, " ", Duration.ZERO));
      refusal(() -> new CreateTask("call", TaskKind.CALL, "x".repeat(201), Duration.ZERO));
    }

    @Test
    @DisplayName("without echoing a long malformed key")
    void aLongKeyIsClipped() {
      OmniFlowException e = refusal(() -> new Stop("X".repeat(10_000)));
      assertThat(e.getMessage()).hasSizeLessThan(300);
    }
  }

  @Nested
  @DisplayName("in a pack's nurture section")
  class Section {
    @Test
    @DisplayName("is found by key, and its template falls back to the pack's language")
    void foundByKeyWithTemplateFallback() {
      Nurture n =
          new Nurture(
              Map.of("check_in", "Hi", "last_call", "Last"),
              Map.of("es", Map.of("check_in", "Hola")),
              List.of(warmLeadPush()));
      assertThat(n.playbook("test-playbook")).isPresent();
      assertThat(n.playbook("other")).isEmpty();
      assertThat(n.template("check_in", "es")).contains("Hola");
      assertThat(n.template("last_call", "es")).contains("Last");
      assertThat(n.template("nope", "en")).isEmpty();
    }

    @Test
    @DisplayName("refuses two playbooks with one key")
    void refusesTwoPlaybooksWithOneKey() {
      OmniFlowException e =
          refusal(() -> new Nurture(Map.of(), Map.of(), List.of(warmLeadPush(), warmLeadPush())));
      assertThat(e.getMessage()).contains("'test-playbook' is used twice");
    }
  }
}
