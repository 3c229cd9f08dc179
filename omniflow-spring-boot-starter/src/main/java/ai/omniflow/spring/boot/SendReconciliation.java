package ai.omniflow.spring.boot;

import ai.omniflow.OmniFlow;
import java.time.Duration;

/**
 * Resolves, every {@code omniflow.inbox.send-reconcile-interval}, the send claims older than {@code
 * omniflow.inbox.send-claim-timeout} ({@code inbox().reconcileSends}): a draft whose send crashed
 * or timed out after claiming it becomes {@code unknown} for a person to check; it is never sent
 * again. Idempotent: a claim resolved meanwhile is left alone.
 */
public final class SendReconciliation extends OrgSweep {
  /**
   * @throws IllegalArgumentException if {@code interval} is negative, or {@code claimTimeout} is
   *     negative or longer than a day
   */
  public SendReconciliation(OmniFlow omniFlow, Duration interval, Duration claimTimeout) {
    super(
        omniFlow,
        "send reconciliation",
        "send-reconciliation",
        "omniflow.inbox.send-reconcile-interval",
        interval,
        actor -> omniFlow.inbox().reconcileSends(actor, claimTimeout));
    if (claimTimeout.isNegative() || claimTimeout.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException("omniflow.inbox.send-claim-timeout must be 0 to 24 hours");
    }
  }
}
