package ai.omniflow.enrollment;

import ai.omniflow.connector.spi.Channel;
import ai.omniflow.guardrails.ContactFacts;
import ai.omniflow.guardrails.GuardrailDecision;
import ai.omniflow.guardrails.Guardrails;
import ai.omniflow.guardrails.MessageKind;
import ai.omniflow.guardrails.OutboundMessage;
import ai.omniflow.leads.ScoreBand;
import ai.omniflow.nurture.NurtureErrors;
import ai.omniflow.nurture.Playbook;
import ai.omniflow.nurture.PlaybookStep;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Moves an enrollment on through its playbook: the pure part of the scheduler's nurture step. It
 * runs branches and finished waits in place and stops at the first step that needs the outside
 * world or the store (a send, a task, a stage change), a wait, or the end. Every send is checked by
 * the {@link Guardrails} as a marketing message first.
 *
 * <ul>
 *   <li>An opt-out ends the enrollment ({@code opted_out}); so does any reply when the playbook
 *       stops on reply ({@code replied}).
 *   <li>A send the guardrails block until a time (quiet hours, caps) is {@link Advance.Deferred} to
 *       that time, at the same step; one blocked for good (no consent, a closed window) ends the
 *       enrollment with the guardrail's code; a send with no channel given and none the contact
 *       wrote on ends it with {@code no_reachable_channel}.
 *   <li>A branch on a field or a score band reads the lead as {@link LeadState} gives it; a wait in
 *       business time ends when that much open time of the org's calendar has passed.
 *   <li>A step that no longer fits the org's pack, when the caller names it, ends the enrollment
 *       there ({@code playbook_invalid}, decision 0087).
 *   <li>A stop step or the end of the steps completes it ({@code completed}).
 * </ul>
 *
 * <pre>{@code
 * EnrollmentStepper stepper = new EnrollmentStepper(Guardrails.ofDefaults());
 * Advance a = stepper.advance(playbook, enrollment, facts, Channel.SMS, Replies.NONE, now);
 * }</pre>
 *
 * <p>Reads no clock and no store. Immutable and thread-safe.
 */
public final class EnrollmentStepper {
  private final Guardrails guardrails;

  /**
   * @throws NullPointerException if {@code guardrails} is null
   */
  public EnrollmentStepper(Guardrails guardrails) {
    this.guardrails = Objects.requireNonNull(guardrails, "guardrails");
  }

  /**
   * The next move of {@code enrollment} at {@code now}.
   *
   * @param playbook the enrollment's playbook
   * @param facts what the guardrails need to know of the contact
   * @param lastChannel the channel the contact last wrote on, for sends that name none; may be
   *     {@code null}
   * @param replies what the contact said since the enrollment's latest send
   * @throws IllegalArgumentException if the enrollment is not of this playbook, or has ended
   * @throws NullPointerException if an argument other than {@code lastChannel} is null
   */
  public Advance advance(
      Playbook playbook,
      Enrollment enrollment,
      ContactFacts facts,
      @Nullable Channel lastChannel,
      Replies replies,
      Instant now) {
    return advance(playbook, enrollment, facts, lastChannel, replies, LeadState.UNKNOWN, now);
  }

  /**
   * The next move of {@code enrollment} at {@code now}, with what is known of the lead: its fields
   * and score band for branches on them, the org's business calendar for waits in business time. A
   * field branch whose condition no longer compiles against the lead's fields (the pack changed
   * under the playbook) ends the enrollment with {@code invalid_condition}.
   *
   * @param lead the lead's fields, band and the org's calendar
   * @throws IllegalArgumentException if the enrollment is not of this playbook, or has ended
   * @throws NullPointerException if an argument other than {@code lastChannel} is null
   */
  public Advance advance(
      Playbook playbook,
      Enrollment enrollment,
      ContactFacts facts,
      @Nullable Channel lastChannel,
      Replies replies,
      LeadState lead,
      Instant now) {
    return advance(playbook, enrollment, facts, lastChannel, replies, lead, now, Set.of());
  }

  /**
   * As {@link #advance(Playbook, Enrollment, ContactFacts, Channel, Replies, LeadState, Instant)},
   * for a playbook some of whose steps no longer fit the org's pack (decision 0087): reaching one
   * of {@code invalidSteps} ends the enrollment there with {@code playbook_invalid}, before that
   * step runs; the steps before it run as usual.
   *
   * @param invalidSteps the indices of the steps with a problem against the org's pack
   * @throws IllegalArgumentException if the enrollment is not of this playbook, or has ended
   * @throws NullPointerException if an argument other than {@code lastChannel} is null
   */
  public Advance advance(
      Playbook playbook,
      Enrollment enrollment,
      ContactFacts facts,
      @Nullable Channel lastChannel,
      Replies replies,
      LeadState lead,
      Instant now,
      Set<Integer> invalidSteps) {
    Objects.requireNonNull(invalidSteps, "invalidSteps");
    Objects.requireNonNull(facts, "facts");
    Objects.requireNonNull(lead, "lead");
    Objects.requireNonNull(replies, "replies");
    Objects.requireNonNull(now, "now");
    if (!playbook.key().equals(enrollment.playbookKey())) {
      throw new IllegalArgumentException("the enrollment is not of this playbook");
    }
    if (!enrollment.active()) {
      throw new IllegalArgumentException("the enrollment has ended");
    }
    if (replies.optedOut()) {
      return stopped(enrollment, "opted_out", now);
    }
    if (replies.replied() && playbook.stopOnReply()) {
      return stopped(enrollment, "replied", now);
    }
    if (now.isBefore(enrollment.nextRunAt())) {
      return new Advance.Wait(enrollment);
    }
    int i = enrollment.step();
    // Branches only jump forward (the playbook has no cycle), so this ends within steps.size().
    for (int guard = 0; guard <= playbook.steps().size(); guard++) {
      if (i >= playbook.steps().size()) {
        return completed(enrollment, now);
      }
      PlaybookStep step = playbook.steps().get(i);
      if (invalidSteps.contains(i)) {
        return stopped(
            enrollment.at(i, now, enrollment.lastSendAt()), NurtureErrors.PLAYBOOK_INVALID, now);
      }
      if (step instanceof PlaybookStep.Stop) {
        return completed(enrollment.at(i, now, enrollment.lastSendAt()), now);
      }
      if (step instanceof PlaybookStep.Branch b) {
        boolean holds;
        switch (b.on()) {
          case REPLIED -> holds = replies.replied();
          case INTENT -> holds = b.intents().stream().anyMatch(replies::intentIs);
          case BAND -> {
            ScoreBand band = lead.band();
            holds = band != null && b.bands().contains(band.wireName());
          }
          default -> {
            try {
              holds = lead.holds(Objects.requireNonNull(b.when(), "when"));
            } catch (IllegalArgumentException e) {
              return stopped(
                  enrollment.at(i, now, enrollment.lastSendAt()), "invalid_condition", now);
            }
          }
        }
        String target = holds ? b.then() : b.otherwise();
        i = target == null ? i + 1 : playbook.indexOf(target);
        continue;
      }
      if (step instanceof PlaybookStep.Wait w) {
        Instant until =
            w.businessTime() ? lead.calendar().dueAt(now, w.duration()) : now.plus(w.duration());
        return new Advance.Wait(enrollment.at(i + 1, until, enrollment.lastSendAt()));
      }
      if (step instanceof PlaybookStep.ChangeStage c) {
        return new Advance.ChangeStage(enrollment.at(i + 1, now, enrollment.lastSendAt()), c);
      }
      if (step instanceof PlaybookStep.CreateTask t) {
        return new Advance.CreateTask(
            enrollment.at(i + 1, now, enrollment.lastSendAt()), t, now.plus(t.dueIn()));
      }
      PlaybookStep.Send s = (PlaybookStep.Send) step;
      Channel channel = s.channel() != null ? s.channel() : lastChannel;
      if (channel == null) {
        return stopped(enrollment.at(i, now, enrollment.lastSendAt()), "no_reachable_channel", now);
      }
      GuardrailDecision d =
          guardrails.check(
              new OutboundMessage(channel, MessageKind.MARKETING, false, false), facts, now);
      if (d.allowed()) {
        return new Advance.Send(enrollment.at(i + 1, now, now), s, channel);
      }
      Instant until = d.until();
      if (until == null) {
        return stopped(enrollment.at(i, now, enrollment.lastSendAt()), d.code(), now);
      }
      return new Advance.Deferred(enrollment.at(i, until, enrollment.lastSendAt()), d);
    }
    throw new IllegalStateException("a playbook without a cycle ends within its steps");
  }

  private static Advance stopped(Enrollment e, @Nullable String reason, Instant now) {
    return new Advance.Ended(
        e.ended(Enrollment.Status.STOPPED, reason == null ? "blocked" : reason, now));
  }

  private static Advance completed(Enrollment e, Instant now) {
    return new Advance.Ended(e.ended(Enrollment.Status.COMPLETED, "completed", now));
  }
}
