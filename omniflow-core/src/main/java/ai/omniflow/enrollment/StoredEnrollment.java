package ai.omniflow.enrollment;

import ai.omniflow.Limits;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An {@link Enrollment} as the store keeps it: with its org, the contact its lead belongs to (whose
 * replies and opt-outs stop it), whether its playbook stops on any reply (so an inbound message can
 * stop it in the message's own transaction, without the pack), and when it was made and last
 * changed.
 *
 * <pre>{@code
 * StoredEnrollment s = new StoredEnrollment(orgId, contactId,
 *     Enrollment.start(UUID.randomUUID(), leadId, "gentle-follow-up", now), true, now, now);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param orgId the org
 * @param contactId the contact of the enrolled lead
 * @param enrollment where it is
 * @param stopOnReply whether any reply of the contact ends it ({@code Playbook#stopOnReply})
 * @param createdAt when the lead was enrolled
 * @param updatedAt when it last changed
 */
public record StoredEnrollment(
    UUID orgId,
    UUID contactId,
    Enrollment enrollment,
    boolean stopOnReply,
    Instant createdAt,
    Instant updatedAt) {

  /**
   * @throws ai.omniflow.OmniFlowException {@code invalid_created_at} or {@code invalid_updated_at}
   *     for an instant outside {@link Limits#EARLIEST} to {@link Limits#LATEST}
   * @throws NullPointerException if a value is null
   */
  public StoredEnrollment {
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(contactId, "contactId");
    Objects.requireNonNull(enrollment, "enrollment");
    Limits.instant("created_at", createdAt);
    Limits.instant("updated_at", updatedAt);
  }

  /** The enrollment's id. */
  public UUID id() {
    return enrollment.id();
  }

  /** This enrollment moved to {@code next} at {@code at}. */
  public StoredEnrollment with(Enrollment next, Instant at) {
    if (!next.id().equals(enrollment.id())) {
      throw new IllegalArgumentException("another enrollment");
    }
    return new StoredEnrollment(orgId, contactId, next, stopOnReply, createdAt, at);
  }
}
