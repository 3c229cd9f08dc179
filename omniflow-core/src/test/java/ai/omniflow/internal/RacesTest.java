package ai.omniflow.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.OmniFlowException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Running a transaction again after a lost race")
class RacesTest {

  @Test
  @DisplayName("a retryable failure is run again until the work succeeds")
  void retriesARaceUntilItSucceeds() {
    AtomicInteger calls = new AtomicInteger();
    String result =
        Races.retrying(
            3,
            () -> {
              if (calls.incrementAndGet() < 3) {
                throw OmniFlowException.race("thread_exists", "The thread exists already.");
              }
              return "done";
            });
    assertThat(result).isEqualTo("done");
    assertThat(calls).hasValue(3);
  }

  @Test
  @DisplayName("the last race is thrown once the attempts are spent")
  void throwsTheLastRace() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(
            () ->
                Races.retrying(
                    2,
                    () -> {
                      calls.incrementAndGet();
                      throw OmniFlowException.race("open_lead_exists", "The lead exists.");
                    }))
        .isInstanceOfSatisfying(
            OmniFlowException.class, e -> assertThat(e.code()).isEqualTo("open_lead_exists"));
    assertThat(calls).hasValue(2);
  }

  @Test
  @DisplayName("a failure that is not a race is thrown at once, whatever its code")
  void doesNotRetryOtherFailures() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(
            () ->
                Races.retrying(
                    5,
                    () -> {
                      calls.incrementAndGet();
                      // The same code as a race, but not marked retryable: codes decide nothing.
                      throw OmniFlowException.conflict("thread_exists", "The thread exists.");
                    }))
        .isInstanceOf(OmniFlowException.class);
    assertThat(calls).hasValue(1);
  }

  @Test
  @DisplayName("attempts outside 1 to 10 are refused")
  void boundsAttempts() {
    assertThatThrownBy(() -> Races.retrying(0, () -> "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Races.retrying(11, () -> "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
