package ai.omniflow.sla;

import ai.omniflow.sla.EscalationStep.Action;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * An org's response targets: windows per channel and score band, when a clock warns, whether it
 * runs only in business hours, whether it pauses while waiting on the customer, and how it
 * escalates.
 *
 * <pre>{@code
 * SlaPolicy policy = new SlaPolicy(
 *     List.of(SlaTarget.everywhere(Duration.ofHours(1)),
 *         new SlaTarget("instagram_dm", "hot", Duration.ofMinutes(5), Duration.ofMinutes(15), null)),
 *     0.75, true, false,
 *     List.of(EscalationStep.onWarning(Duration.ZERO, Action.NOTIFY_ASSIGNEE),
 *         EscalationStep.onBreach(Duration.ZERO, Action.NOTIFY_MANAGER)));
 * SlaTarget target = policy.targetFor("instagram_dm", "hot");
 * }</pre>
 *
 * <h2>Which target applies</h2>
 *
 * {@link #targetFor} picks, for a channel and a band (or none): the target naming both; else, of
 * the target naming only the channel and the one naming only the band, the one with the shorter
 * first- response window (the channel's on a tie), so neither silently loosens the other; else the
 * default target, which names neither and which every policy has.
 *
 * <p>Immutable and thread-safe.
 *
 * <p>Throws {@link ai.omniflow.OmniFlowException} {@code invalid_targets}, {@code
 * invalid_warning_threshold} or {@code invalid_escalation} (invalid input) when these rules are
 * broken
 *
 * @param targets at most {@value #MAX_TARGETS}, exactly one default, no two for the same channel
 *     and band
 * @param warningThreshold the share of the window after which a running clock is at risk, strictly
 *     between 0 and 1
 * @param businessHoursOnly whether clocks count only the calendar's open time (else wall time)
 * @param pauseWhileWaiting whether a clock pauses from an automatic reply (which asks the customer
 *     something) until the customer writes again; see {@link SlaClock}
 * @param escalation at most {@value #MAX_ESCALATION_STEPS} steps, warning steps before breach
 *     steps, each trigger's delays not decreasing, and nothing after moving to the pond
 */
public record SlaPolicy(
    List<SlaTarget> targets,
    double warningThreshold,
    boolean businessHoursOnly,
    boolean pauseWhileWaiting,
    List<EscalationStep> escalation) {

  /** The most targets in one policy (eight channels times four band choices, and room). */
  public static final int MAX_TARGETS = 64;

  /** The most escalation steps in one policy. */
  public static final int MAX_ESCALATION_STEPS = 8;

  public SlaPolicy {
    targets = List.copyOf(targets);
    escalation = List.copyOf(escalation);
    if (targets.size() > MAX_TARGETS) {
      throw SlaProblems.invalid(
          "targets", "targets must have at most " + MAX_TARGETS + " entries.");
    }
    Set<String> seen = new HashSet<>();
    int defaults = 0;
    for (SlaTarget t : targets) {
      if (!seen.add(t.channel() + "/" + t.band())) {
        throw SlaProblems.invalid(
            "targets",
            "targets must not repeat a channel and band (" + t.channel() + ", " + t.band() + ").");
      }
      defaults += t.isDefault() ? 1 : 0;
    }
    if (defaults != 1) {
      throw SlaProblems.invalid(
          "targets", "targets must include one default, for every channel and band.");
    }
    if (!(warningThreshold > 0 && warningThreshold < 1)) {
      throw SlaProblems.invalid(
          "warning_threshold", "warning_threshold must be strictly between 0 and 1.");
    }
    if (escalation.size() > MAX_ESCALATION_STEPS) {
      throw SlaProblems.invalid(
          "escalation", "escalation must have at most " + MAX_ESCALATION_STEPS + " steps.");
    }
    for (int i = 1; i < escalation.size(); i++) {
      EscalationStep before = escalation.get(i - 1);
      EscalationStep step = escalation.get(i);
      if (before.action() == Action.MOVE_TO_POND) {
        throw SlaProblems.invalid(
            "escalation", "escalation must end at moving to the pond: step " + i + " follows it.");
      }
      boolean backwards =
          before.trigger().compareTo(step.trigger()) > 0
              || (before.trigger() == step.trigger() && before.delay().compareTo(step.delay()) > 0);
      if (backwards) {
        throw SlaProblems.invalid(
            "escalation",
            "escalation must be in order, warning steps first and delays not decreasing: step "
                + i
                + ".");
      }
    }
  }

  /**
   * The real-estate pack's default: first and next replies within 5 minutes of business time, or
   * within 15 minutes of wall time when the message comes after hours; at risk at 75 %; the
   * assignee told on warning, a manager on breach, the lead to the pond 30 minutes after.
   */
  public static SlaPolicy realEstateDefault() {
    Duration five = Duration.ofMinutes(5);
    return new SlaPolicy(
        List.of(new SlaTarget(null, null, five, five, Duration.ofMinutes(15))),
        0.75,
        true,
        false,
        List.of(
            EscalationStep.onWarning(Duration.ZERO, Action.NOTIFY_ASSIGNEE),
            EscalationStep.onBreach(Duration.ZERO, Action.NOTIFY_MANAGER),
            EscalationStep.onBreach(Duration.ofMinutes(30), Action.MOVE_TO_POND)));
  }

  /**
   * The generic pack's default: first and next replies within one hour of business time; at risk at
   * 75 %; the assignee told on warning and a manager on breach.
   */
  public static SlaPolicy genericDefault() {
    return new SlaPolicy(
        List.of(SlaTarget.everywhere(Duration.ofHours(1))),
        0.75,
        true,
        false,
        List.of(
            EscalationStep.onWarning(Duration.ZERO, Action.NOTIFY_ASSIGNEE),
            EscalationStep.onBreach(Duration.ZERO, Action.NOTIFY_MANAGER)));
  }

  /**
   * The target for a thread on {@code channel} whose lead is in {@code band} ({@code null} without
   * a lead), by the precedence in the class description.
   *
   * @throws ai.omniflow.OmniFlowException {@code invalid_channel} or {@code invalid_band} for ids
   *     outside the glossary's
   */
  public SlaTarget targetFor(String channel, @Nullable String band) {
    SlaTarget.checkChannel(channel);
    if (band != null) {
      SlaTarget.checkBand(band);
    }
    SlaTarget byChannel = null;
    SlaTarget byBand = null;
    SlaTarget fallback = null;
    for (SlaTarget t : targets) {
      boolean channelMatches = channel.equals(t.channel());
      boolean bandMatches = band != null && band.equals(t.band());
      if (channelMatches && bandMatches) {
        return t;
      } else if (channelMatches && t.band() == null) {
        byChannel = t;
      } else if (bandMatches && t.channel() == null) {
        byBand = t;
      } else if (t.isDefault()) {
        fallback = t;
      }
    }
    if (byChannel != null && byBand != null) {
      return byBand.firstResponse().compareTo(byChannel.firstResponse()) < 0 ? byBand : byChannel;
    }
    if (byChannel != null) {
      return byChannel;
    }
    if (byBand != null) {
      return byBand;
    }
    return Objects.requireNonNull(fallback, "a policy always has a default target");
  }

  /**
   * Checks that every re-route step names a group the org has; a service calls it before saving.
   *
   * @throws ai.omniflow.OmniFlowException {@code invalid_escalation} naming the step's position
   */
  public SlaPolicy requireKnownGroups(Predicate<String> groupExists) {
    for (int i = 0; i < escalation.size(); i++) {
      String group = escalation.get(i).group();
      if (group != null && !groupExists.test(group)) {
        throw SlaProblems.invalid(
            "escalation", "escalation step " + i + " re-routes to a group the org does not have.");
      }
    }
    return this;
  }
}
