package ai.omniflow.enrollment;

import ai.omniflow.OmniFlowException;
import ai.omniflow.assist.spi.IntentClassifier;
import ai.omniflow.enrollment.internal.Enrolling;
import ai.omniflow.enrollment.internal.EnrollmentRuns;
import ai.omniflow.guardrails.Guardrails;
import ai.omniflow.inbox.InboxService;
import ai.omniflow.internal.LeadStageChanges;
import ai.omniflow.internal.Wiring;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Nurture enrollments: a lead enrolled in one of its org's playbooks, stopped, read with its
 * history, and moved on step by step by the scheduler. Obtain it from {@link
 * ai.omniflow.OmniFlow#enrollments()}; docs/nurture.md describes playbooks and enrollments.
 *
 * <pre>{@code
 * LeadNurture n = omniFlow.enrollments().apply(agent, leadId, "gentle-follow-up");
 * omniFlow.enrollments().stop(agent, leadId);
 * }</pre>
 *
 * <p>An enrollment also stops by itself, in the transaction of what stopped it: an inbound message
 * (if its playbook stops on any reply), an opt-out on any channel, the lead won or lost. Every
 * change writes its event and audit entry in its own transaction; a refused call writes nothing.
 * Thread-safe.
 */
public final class EnrollmentService {
  // A facade: each use case is a class of one concern in enrollment.internal (decision 0033).

  static {
    // Only OmniFlow.builder() builds services (decision 0032).
    Wiring.register(
        EnrollmentService.class,
        w ->
            new EnrollmentService(
                new Enrolling(w.store(), w.clock(), w.packs()),
                new EnrollmentRuns(
                    w.store(),
                    w.clock(),
                    w.packs(),
                    w.part(InboxService.class),
                    w.part(IntentClassifier.class),
                    Guardrails.ofDefaults(),
                    w.part(LeadStageChanges.class))));
  }

  private final Enrolling enrolling;
  private final EnrollmentRuns runs;

  EnrollmentService(Enrolling enrolling, EnrollmentRuns runs) {
    this.enrolling = Objects.requireNonNull(enrolling, "enrolling");
    this.runs = Objects.requireNonNull(runs, "runs");
  }

  /**
   * Enrolls the lead in the org's playbook {@code playbookKey}, its first step due now. Event
   * {@code nurture.enrolled}, audited; a {@code started} line in its history.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#LEADS_WRITE}; {@code
   *     invalid_playbook_id} (invalid input) if the key is missing or malformed; {@code not_found}
   *     if the org has no such lead (another org's included); {@code unknown_playbook} (not found)
   *     if the org's pack has no such playbook; (conflict) {@code lead_closed} if the lead is won
   *     or lost, {@code enrollment_active} if it is enrolled already, {@code pack_required} if the
   *     org has no pack, {@code playbook_invalid} if it is the org's own and no longer fits the
   *     org's pack (naming the step; each problem in {@code errors}: decision 0087)
   */
  public LeadNurture apply(Actor actor, UUID leadId, String playbookKey) {
    return enrolling.apply(actor, leadId, playbookKey);
  }

  /**
   * Stops the lead's running enrollment ({@code stopped_by_user}); its pending run is cancelled.
   * Event {@code nurture.stopped}, audited; a {@code stopped} line in its history. It does not
   * resume; enrolling the lead again starts a new enrollment.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#LEADS_WRITE}; {@code
   *     not_found} if the org has no such lead; {@code not_enrolled} (conflict) if no enrollment of
   *     the lead runs
   */
  public LeadNurture stop(Actor actor, UUID leadId) {
    return enrolling.stop(actor, leadId);
  }

  /**
   * The lead's newest enrollment with its history.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#LEADS_READ}; {@code
   *     not_found} if the org has no such lead
   */
  public LeadNurture get(Actor actor, UUID leadId) {
    return enrolling.get(actor, leadId);
  }

  /**
   * Runs the enrollment's due step: what the scheduler's task {@link
   * ai.omniflow.store.spi.EnrollmentRepository#STEP_TASK} calls. In one transaction it locks the
   * enrollment, moves it on with the {@link EnrollmentStepper}, records the step and commits; only
   * then does it send (through {@link InboxService#send}, which checks the guardrails again and
   * claims the draft). Running it again, after a crash or on a second node, finds the enrollment
   * past the step: a step is done at most once.
   *
   * @return when to run it next, or empty once it has ended (or is of no such enrollment)
   */
  public Optional<Instant> runStep(UUID orgId, UUID enrollmentId) {
    return runs.run(orgId, enrollmentId);
  }
}
