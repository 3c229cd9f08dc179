package ai.omniflow.enrollment.internal;

import ai.omniflow.enrollment.Enrollment;
import ai.omniflow.enrollment.EnrollmentHistoryEntry;
import ai.omniflow.enrollment.StoredEnrollment;
import ai.omniflow.internal.EnrollmentStops;
import ai.omniflow.internal.Ids;
import ai.omniflow.internal.Recorder;
import ai.omniflow.nurture.NurtureEvents;
import ai.omniflow.store.spi.StoreTransaction;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a step run writes beside the enrollment: its history lines, and the events and audit entries
 * of a step and of an enrollment's end. Used by {@link EnrollmentRuns}. Not API. Stateless.
 */
final class StepRecords {
  private StepRecords() {}

  static void ended(StoreTransaction tx, StoredEnrollment saved, String stepKey, Instant now) {
    ended(tx, saved, stepKey, null, now);
  }

  /**
   * As {@link #ended(StoreTransaction, StoredEnrollment, String, Instant)}, the history line with
   * {@code detail} (cut to its bound) in place of the end reason, if given.
   */
  static void ended(
      StoreTransaction tx,
      StoredEnrollment saved,
      String stepKey,
      @Nullable String detail,
      Instant now) {
    Enrollment e = saved.enrollment();
    boolean completed = e.status() == Enrollment.Status.COMPLETED;
    history(
        tx,
        saved,
        completed ? EnrollmentHistoryEntry.Kind.COMPLETED : EnrollmentHistoryEntry.Kind.STOPPED,
        stepKey,
        detail == null ? e.endReason() : detail,
        now);
    Recorder.record(
        tx,
        now,
        new Recorder.Change(
            completed ? NurtureEvents.NURTURE_COMPLETED : NurtureEvents.NURTURE_STOPPED,
            NurtureEvents.AUDIT_NURTURE_STEP,
            "enrollment",
            saved.id().toString(),
            EnrollmentStops.payload(saved),
            null,
            EnrollmentStops.snapshot(saved)));
  }

  static void step(
      StoreTransaction tx,
      String event,
      StoredEnrollment saved,
      Map<String, @Nullable Object> payload,
      Instant now) {
    Recorder.record(
        tx,
        now,
        new Recorder.Change(
            event,
            NurtureEvents.AUDIT_NURTURE_STEP,
            "enrollment",
            saved.id().toString(),
            payload,
            null,
            EnrollmentStops.snapshot(saved)));
  }

  static void history(
      StoreTransaction tx,
      StoredEnrollment s,
      EnrollmentHistoryEntry.Kind kind,
      @Nullable String stepKey,
      @Nullable String detail,
      Instant now) {
    String d =
        detail == null || detail.length() <= EnrollmentHistoryEntry.MAX_DETAIL
            ? detail
            : detail.substring(0, EnrollmentHistoryEntry.MAX_DETAIL);
    tx.enrollments()
        .append(new EnrollmentHistoryEntry(Ids.next(), s.orgId(), s.id(), kind, stepKey, d, now));
  }
}
