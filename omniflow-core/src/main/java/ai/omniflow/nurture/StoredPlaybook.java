package ai.omniflow.nurture;

import ai.omniflow.Limits;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An org's own {@link Playbook}, as the store keeps it: it overrides the pack's playbook with the
 * same key, or adds one the pack does not have (docs/nurture.md, decision 0067).
 *
 * <pre>{@code
 * StoredPlaybook s = new StoredPlaybook(orgId, playbook, now, now);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param orgId the org
 * @param playbook the playbook, checked against the org's pack before it was saved
 * @param createdAt when the org first saved a playbook with this key
 * @param updatedAt when it last changed
 */
public record StoredPlaybook(UUID orgId, Playbook playbook, Instant createdAt, Instant updatedAt) {

  /**
   * @throws ai.omniflow.OmniFlowException {@code invalid_created_at} or {@code invalid_updated_at}
   *     for an instant outside {@link Limits#EARLIEST} to {@link Limits#LATEST}
   * @throws NullPointerException if a value is null
   */
  public StoredPlaybook {
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(playbook, "playbook");
    Limits.instant("created_at", createdAt);
    Limits.instant("updated_at", updatedAt);
  }

  /** The playbook's key. */
  public String key() {
    return playbook.key();
  }
}
