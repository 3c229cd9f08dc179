package ai.omniflow.sla.spi;

import ai.omniflow.sla.EscalationStep;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Delivers an SLA escalation to people: e-mail, SMS, a chat message. Every escalation step is
 * recorded as event {@code sla.escalated} in the transaction that marks the step done; then, after
 * that transaction commits, OmniFlow hands it to the notifier (claim, commit, call: decision 0029).
 * The default notifier does nothing more: the event is the notification.
 *
 * <pre>{@code
 * OmniFlow.builder().store(store).slaNotifier(n -> mailer.send(n.recipientUserId(), n.action()))
 * }</pre>
 *
 * <h2>Rules for implementers</h2>
 *
 * <ul>
 *   <li>Called at most once per step and node; after a crash between the commit and the call the
 *       call is lost, never repeated: the event remains.
 *   <li>Called on a scheduler thread; return quickly (hand slow work to a queue). An exception is
 *       logged (its type) and does not undo the step, nor stop the other escalations the same
 *       execution did from being notified.
 *   <li>Implementations must be thread-safe.
 * </ul>
 */
@FunctionalInterface
public interface Notifier {
  /** A notifier that does nothing beyond the event already written. */
  Notifier EVENTS_ONLY = n -> {};

  /** Delivers one escalation. */
  void notify(Escalation escalation);

  /**
   * One escalation step of one thread's clock.
   *
   * @param recipientUserId the user to tell ({@link EscalationStep.Action#NOTIFY_ASSIGNEE}: the
   *     thread's assignee; {@link EscalationStep.Action#REROUTE_TO_GROUP}: the lead's new owner
   *     after routing it again), or {@code null} (managers, nobody assigned, or the lead offered to
   *     a group or left in the pond)
   * @param group the routing group of a re-route, else {@code null}
   * @param dueAt the clock's due time
   */
  record Escalation(
      UUID orgId,
      UUID threadId,
      @Nullable UUID leadId,
      EscalationStep.Action action,
      @Nullable UUID recipientUserId,
      @Nullable String group,
      @Nullable Instant dueAt) {}
}
