package ai.omniflow.enrollment;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A lead's nurture as {@code GET /leads/{id}/nurture} shows it: its newest enrollment, running or
 * ended, with that enrollment's history oldest first; no enrollment and no history if the lead was
 * never enrolled.
 *
 * <pre>{@code
 * LeadNurture n = omniFlow.enrollments().get(actor, leadId);
 * boolean running = n.enrollment() != null && n.enrollment().enrollment().active();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param leadId the lead
 * @param enrollment its newest enrollment, or {@code null}
 * @param history that enrollment's history, oldest first (at most {@link
 *     ai.omniflow.store.spi.EnrollmentRepository#MAX_HISTORY} entries)
 */
public record LeadNurture(
    UUID leadId, @Nullable StoredEnrollment enrollment, List<EnrollmentHistoryEntry> history) {
  public LeadNurture {
    Objects.requireNonNull(leadId, "leadId");
    history = List.copyOf(history);
  }
}
