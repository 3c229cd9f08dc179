package ai.omniflow.enrollment;

import ai.omniflow.nurture.Playbook;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A playbook in force for an org, with where it comes from (decision 0067).
 *
 * <p>Immutable and thread-safe.
 *
 * @param playbook the playbook enrollments follow
 * @param origin whether it is the pack's, the org's in place of the pack's, or the org's own
 * @param updatedAt when the org last saved it; {@code null} for the pack's
 */
public record OrgPlaybook(Playbook playbook, Origin origin, @Nullable Instant updatedAt) {

  /** Where a playbook in force comes from. */
  public enum Origin {
    /** The pack's, as shipped. */
    PACK,
    /** The org's, in place of the pack's with the same key; deleting it restores the pack's. */
    OVERRIDE,
    /** The org's, with a key the pack does not have. */
    ORG;

    /** The wire name: {@code pack}, {@code override}, {@code org}. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public OrgPlaybook {
    Objects.requireNonNull(playbook, "playbook");
    Objects.requireNonNull(origin, "origin");
    if ((origin == Origin.PACK) != (updatedAt == null)) {
      throw new IllegalArgumentException(
          "an org's playbook has a time it was saved, a pack's none");
    }
  }
}
