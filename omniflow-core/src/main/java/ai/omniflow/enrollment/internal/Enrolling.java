package ai.omniflow.enrollment.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.enrollment.Enrollment;
import ai.omniflow.enrollment.EnrollmentHistoryEntry;
import ai.omniflow.enrollment.LeadNurture;
import ai.omniflow.enrollment.OrgPlaybook;
import ai.omniflow.enrollment.StoredEnrollment;
import ai.omniflow.internal.EnrollmentStops;
import ai.omniflow.internal.Ids;
import ai.omniflow.internal.Recorder;
import ai.omniflow.leads.Lead;
import ai.omniflow.leads.LeadErrors;
import ai.omniflow.nurture.NurtureErrors;
import ai.omniflow.nurture.NurtureEvents;
import ai.omniflow.nurture.Playbook;
import ai.omniflow.nurture.PlaybookStep;
import ai.omniflow.pack.PackCatalog;
import ai.omniflow.store.spi.EnrollmentRepository;
import ai.omniflow.store.spi.Store;
import ai.omniflow.store.spi.StoreTransaction;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Enrolling a lead, stopping its enrollment, and reading it with its history: the person-driven use
 * cases of {@link ai.omniflow.enrollment.EnrollmentService}, whose Javadoc is the spec. Not API.
 * Thread-safe.
 */
public final class Enrolling {
  private final Store store;
  private final Clock clock;
  private final PackCatalog packs;

  public Enrolling(Store store, Clock clock, PackCatalog packs) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.packs = Objects.requireNonNull(packs, "packs");
  }

  /** As {@link ai.omniflow.enrollment.EnrollmentService#apply}. */
  public LeadNurture apply(Actor actor, UUID leadId, String playbookKey) {
    Permission.LEADS_WRITE.check(actor);
    Objects.requireNonNull(leadId, "leadId");
    if (playbookKey == null
        || playbookKey.length() > 63
        || !PlaybookStep.KEY.matcher(playbookKey).matches()) {
      throw OmniFlowException.invalidInput(
          "invalid_playbook_id",
          "playbook_id must be a playbook key: a lower-case letter, then lower-case letters,"
              + " digits, '_' or '-', at most 63 characters.");
    }
    return store.inTransaction(
        actor,
        tx -> {
          Lead lead =
              tx.leads().lock(leadId).orElseThrow(() -> OmniFlowException.notFound("The lead"));
          if (!lead.isOpen()) {
            throw OmniFlowException.conflict(
                LeadErrors.LEAD_CLOSED, "The lead is won or lost; only an open lead is enrolled.");
          }
          // Editing the playbook takes the same lock: no enrollment starts on a replaced version.
          tx.playbooks().lockKey(playbookKey);
          OrgPlaybook inForce =
              PlaybookEditing.find(tx, Playbooks.pack(tx, packs), playbookKey)
                  .orElseThrow(
                      () ->
                          new OmniFlowException(
                              OmniFlowException.Kind.NOT_FOUND,
                              NurtureErrors.UNKNOWN_PLAYBOOK,
                              "The org has no playbook with that playbook_id."));
          if (inForce.status() == OrgPlaybook.Status.INVALID) {
            // The org's pack changed after the playbook was saved (decision 0087).
            throw PlaybookChecks.refuse(inForce);
          }
          Playbook playbook = inForce.playbook();
          Instant now = clock.instant();
          StoredEnrollment s =
              new StoredEnrollment(
                  actor.orgId(),
                  lead.contactId(),
                  Enrollment.start(Ids.next(), lead.id(), playbook.key(), now),
                  playbook.stopOnReply(),
                  now,
                  now);
          if (!tx.enrollments().insert(s)) {
            throw OmniFlowException.conflict(
                NurtureErrors.ENROLLMENT_ACTIVE,
                "The lead is enrolled in a playbook already; stop that enrollment first.");
          }
          tx.enrollments()
              .append(
                  new EnrollmentHistoryEntry(
                      Ids.next(),
                      actor.orgId(),
                      s.id(),
                      EnrollmentHistoryEntry.Kind.STARTED,
                      null,
                      actor.userId() == null ? null : "by user " + actor.userId(),
                      now));
          Recorder.record(
              tx,
              now,
              new Recorder.Change(
                  NurtureEvents.NURTURE_ENROLLED,
                  NurtureEvents.AUDIT_NURTURE_ENROLL,
                  "enrollment",
                  s.id().toString(),
                  EnrollmentStops.payload(s),
                  null,
                  EnrollmentStops.snapshot(s)));
          return read(tx, lead.id());
        });
  }

  /** As {@link ai.omniflow.enrollment.EnrollmentService#stop}. */
  public LeadNurture stop(Actor actor, UUID leadId) {
    Permission.LEADS_WRITE.check(actor);
    Objects.requireNonNull(leadId, "leadId");
    return store.inTransaction(
        actor,
        tx -> {
          Lead lead =
              tx.leads().find(leadId).orElseThrow(() -> OmniFlowException.notFound("The lead"));
          StoredEnrollment running =
              tx.enrollments()
                  .latestOfLead(lead.id())
                  .flatMap(s -> tx.enrollments().lock(s.id()))
                  .filter(s -> s.enrollment().active())
                  .orElseThrow(
                      () ->
                          OmniFlowException.conflict(
                              NurtureErrors.NOT_ENROLLED, "No enrollment of the lead is running."));
          EnrollmentStops.stop(
              tx,
              running,
              "stopped_by_user",
              actor.userId() == null ? null : "by user " + actor.userId(),
              clock.instant());
          return read(tx, lead.id());
        });
  }

  /** As {@link ai.omniflow.enrollment.EnrollmentService#get}. */
  public LeadNurture get(Actor actor, UUID leadId) {
    Permission.LEADS_READ.check(actor);
    Objects.requireNonNull(leadId, "leadId");
    return store.inTransaction(
        actor,
        tx -> {
          tx.leads().find(leadId).orElseThrow(() -> OmniFlowException.notFound("The lead"));
          return read(tx, leadId);
        });
  }

  private static LeadNurture read(StoreTransaction tx, UUID leadId) {
    StoredEnrollment latest = tx.enrollments().latestOfLead(leadId).orElse(null);
    List<EnrollmentHistoryEntry> history =
        latest == null
            ? List.of()
            : tx.enrollments().history(latest.id(), EnrollmentRepository.MAX_HISTORY);
    return new LeadNurture(leadId, latest, history);
  }
}
