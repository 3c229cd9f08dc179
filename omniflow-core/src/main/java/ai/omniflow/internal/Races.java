package ai.omniflow.internal;

import ai.omniflow.OmniFlowException;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Runs a use case's transaction again when it lost a race: the one place that decides what a race
 * is, by asking the exception ({@link OmniFlowException#isRetryable()}), never by its code.
 *
 * <pre>{@code
 * return Races.retrying(5, () -> store.inTransaction(actor, tx -> ingestIn(tx, event)));
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class Races {
  private Races() {}

  /**
   * Calls {@code work}, and calls it again while it throws a retryable {@link OmniFlowException},
   * at most {@code attempts} times in all. Any other failure, and the last race, is thrown as is.
   *
   * @throws IllegalArgumentException if {@code attempts} is not 1 to 10
   */
  public static <T> T retrying(int attempts, Supplier<T> work) {
    if (attempts < 1 || attempts > 10) {
      throw new IllegalArgumentException("attempts must be 1 to 10");
    }
    Objects.requireNonNull(work, "work");
    for (int attempt = 1; ; attempt++) {
      try {
        return work.get();
      } catch (OmniFlowException e) {
        if (attempt >= attempts || !e.isRetryable()) {
          throw e;
        }
      }
    }
  }
}
