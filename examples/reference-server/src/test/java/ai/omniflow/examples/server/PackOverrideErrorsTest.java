package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.OmniFlowException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A refused override as the pack page lists it")
class PackOverrideErrorsTest {

  @Test
  @DisplayName("has each problem of core's message on its own, with its path, and the rest counted")
  void problemsWithTheirPaths() {
    PackOverrideErrors e =
        PackOverrideErrors.of(
            OmniFlowException.invalidInput(
                "invalid_pack_override",
                "The override of real-estate 1.6.2 is not valid (53 problems): /stages/0/lable :"
                    + " unknown key 'lable' (did you mean 'label'?); / : a list; of two; /slug :"
                    + " an org's override builds on the org's pack (and 50 more)."));

    assertThat(e.summary())
        .isEqualTo("The override of real-estate 1.6.2 is not valid (53 problems)");
    assertThat(e.problems())
        .containsExactly(
            new PackOverrideErrors.Problem(
                "/stages/0/lable", "unknown key 'lable' (did you mean 'label'?)"),
            new PackOverrideErrors.Problem("/", "a list; of two"),
            new PackOverrideErrors.Problem("/slug", "an org's override builds on the org's pack"));
    assertThat(e.more()).isEqualTo(50);
  }

  @Test
  @DisplayName("is its message alone for any other refusal")
  void otherRefusals() {
    PackOverrideErrors e =
        PackOverrideErrors.of(
            OmniFlowException.invalidInput(
                "invalid_patch", "patch must be at most 65536 characters."));

    assertThat(e.summary()).isEqualTo("patch must be at most 65536 characters");
    assertThat(e.problems()).isEmpty();
    assertThat(e.more()).isZero();
  }
}
