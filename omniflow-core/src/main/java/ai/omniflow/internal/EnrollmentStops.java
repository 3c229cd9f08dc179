package ai.omniflow.internal;

import ai.omniflow.enrollment.EnrollmentHistoryEntry;
import ai.omniflow.enrollment.StoredEnrollment;
import ai.omniflow.nurture.NurtureEvents;
import ai.omniflow.store.spi.StoreTransaction;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Stops nurture enrollments inside another use case's transaction: an inbound message (the
 * enrollments whose playbook stops on any reply), an opt-out (all of the contact's), a lead won or
 * lost (the lead's). Each stop cancels the enrollment's scheduled run, appends a {@code stopped}
 * line to its history and records event {@code nurture.stopped}, in that transaction, so a
 * rolled-back message or outcome stops nothing. Not API. Stateless and thread-safe.
 */
public final class EnrollmentStops {
  private EnrollmentStops() {}

  /** After an inbound message of the contact: stops those that stop on any reply. */
  public static void afterInbound(StoreTransaction tx, UUID contactId, Instant now) {
    stopContacts(tx, contactId, "replied", StoredEnrollment::stopOnReply, null, now);
  }

  /** After the contact withdrew consent (any channel): stops all of the contact's. */
  public static void afterOptOut(StoreTransaction tx, UUID contactId, Instant now) {
    stopContacts(tx, contactId, "opted_out", s -> true, null, now);
  }

  /** After the lead was won or lost: stops its enrollment, with {@code won} or {@code lost}. */
  public static void afterOutcome(
      StoreTransaction tx, UUID contactId, UUID leadId, String outcome, Instant now) {
    stopContacts(tx, contactId, outcome, s -> s.enrollment().leadId().equals(leadId), null, now);
  }

  /**
   * Stops {@code s} for {@code reason}: saves it ended (its run cancelled), appends the history
   * line and records the event, with {@code detail} (who stopped it) if given.
   *
   * @return the enrollment as saved
   */
  public static StoredEnrollment stop(
      StoreTransaction tx,
      StoredEnrollment s,
      String reason,
      @Nullable String detail,
      Instant now) {
    StoredEnrollment stopped = s.with(s.enrollment().stop(reason, now), now);
    tx.enrollments().update(stopped);
    tx.enrollments()
        .append(
            new EnrollmentHistoryEntry(
                Ids.next(),
                s.orgId(),
                s.id(),
                EnrollmentHistoryEntry.Kind.STOPPED,
                null,
                detail == null ? reason : reason + ": " + detail,
                now));
    Recorder.record(
        tx,
        now,
        new Recorder.Change(
            NurtureEvents.NURTURE_STOPPED,
            NurtureEvents.AUDIT_NURTURE_STOP,
            "enrollment",
            s.id().toString(),
            payload(stopped),
            snapshot(s),
            snapshot(stopped)));
    return stopped;
  }

  private static void stopContacts(
      StoreTransaction tx,
      UUID contactId,
      String reason,
      Predicate<StoredEnrollment> which,
      @Nullable String detail,
      Instant now) {
    for (StoredEnrollment s : tx.enrollments().activeOfContact(contactId)) {
      if (which.test(s)) {
        stop(tx, s, reason, detail, now);
      }
    }
  }

  /** The event payload of an enrollment. */
  public static Map<String, @Nullable Object> payload(StoredEnrollment s) {
    Map<String, @Nullable Object> p = new LinkedHashMap<>();
    p.put("enrollment_id", s.id().toString());
    p.put("lead_id", s.enrollment().leadId().toString());
    p.put("contact_id", s.contactId().toString());
    p.put("playbook_key", s.enrollment().playbookKey());
    p.put("status", s.enrollment().status().name().toLowerCase(java.util.Locale.ROOT));
    p.put("end_reason", s.enrollment().endReason());
    return p;
  }

  /** The audit snapshot of an enrollment. */
  public static Map<String, @Nullable Object> snapshot(StoredEnrollment s) {
    Map<String, @Nullable Object> p = payload(s);
    p.put("step", s.enrollment().step());
    p.put("next_run_at", s.enrollment().nextRunAt().toString());
    return p;
  }
}
