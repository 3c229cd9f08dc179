package ai.omniflow.sla;

import ai.omniflow.Limits;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One step of an {@link SlaPolicy}'s escalation: on a clock's warning or breach, after a delay, do
 * one action. The usual ladder is notify the assignee, then a manager, then re-route to a group,
 * then move the lead to the pond.
 *
 * <pre>{@code
 * EscalationStep reroute = EscalationStep.onBreach(Duration.ofMinutes(15), Action.REROUTE_TO_GROUP, "team");
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * <p>Throws {@link ai.omniflow.OmniFlowException} {@code invalid_escalation} (invalid input) for a
 * negative or too long delay, a re-route without a group or another action with one, or a group id
 * longer than {@link Limits#MAX_ID}
 *
 * @param trigger what starts the step's delay
 * @param delay how long after the trigger the step runs: zero to {@link
 *     BusinessCalendar#MAX_WINDOW}, wall time
 * @param action what the step does
 * @param group the routing group's id for {@link Action#REROUTE_TO_GROUP}, else {@code null}
 */
public record EscalationStep(
    Trigger trigger, Duration delay, Action action, @Nullable String group) {

  /** What starts an escalation step's delay. */
  public enum Trigger {
    /** The clock crossed the policy's warning threshold. */
    WARNING,
    /** The clock passed its due time. */
    BREACH
  }

  /** What an escalation step does. */
  public enum Action {
    /** Notify the user the thread or lead is assigned to. */
    NOTIFY_ASSIGNEE,
    /** Notify the org's managers. */
    NOTIFY_MANAGER,
    /** Route the lead again through the routing engine, to the named group. */
    REROUTE_TO_GROUP,
    /** Release the lead to the pond, where any agent may claim it. */
    MOVE_TO_POND
  }

  public EscalationStep {
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(delay, "delay");
    Objects.requireNonNull(action, "action");
    if (delay.isNegative() || delay.compareTo(BusinessCalendar.MAX_WINDOW) > 0) {
      throw SlaProblems.invalid(
          "escalation",
          "escalation delay must be from zero to " + BusinessCalendar.MAX_WINDOW + ".");
    }
    if (action == Action.REROUTE_TO_GROUP) {
      if (group == null || group.isBlank()) {
        throw SlaProblems.invalid("escalation", "escalation to a group must name the group.");
      }
      Limits.text("escalation", group, Limits.MAX_ID);
    } else if (group != null) {
      throw SlaProblems.invalid(
          "escalation", "escalation names a group only to re-route to that group.");
    }
  }

  /** A step on the warning, after {@code delay}. */
  public static EscalationStep onWarning(Duration delay, Action action) {
    return new EscalationStep(Trigger.WARNING, delay, action, null);
  }

  /** A step on the breach, after {@code delay}, without a group. */
  public static EscalationStep onBreach(Duration delay, Action action) {
    return new EscalationStep(Trigger.BREACH, delay, action, null);
  }

  /** A step on the breach, after {@code delay}, re-routing to {@code group}. */
  public static EscalationStep onBreach(Duration delay, Action action, String group) {
    return new EscalationStep(Trigger.BREACH, delay, action, group);
  }
}
