package ai.omniflow.enrollment;

import ai.omniflow.fields.Problem;
import ai.omniflow.nurture.Playbook;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A playbook in force for an org, with where it comes from (decision 0067) and whether it still
 * fits the org's pack as the pack is now (decision 0087).
 *
 * <p>An org's own playbook was checked against the pack when it was saved; the org's pack may
 * change since (another pack selected, an override saved or deleted, an upgrade accepted), so it is
 * checked again against the pack in force each time it is read. One that no longer validates is
 * {@link Status#INVALID} with its {@link #problems()}: enrolling in it is refused ({@code
 * playbook_invalid}), suggestions leave it out, and a running enrollment that reaches a step with a
 * problem ends there ({@code playbook_invalid}). Saving it again, fixed, makes it valid. The pack's
 * own playbooks were checked with the pack and are always valid.
 *
 * <pre>{@code
 * OrgPlaybook p = omniFlow.playbooks().get(agent, "open-house");
 * if (p.status() == OrgPlaybook.Status.INVALID) { p.problems().forEach(pr -> print(pr.path())); }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param playbook the playbook enrollments follow
 * @param origin whether it is the pack's, the org's in place of the pack's, or the org's own
 * @param updatedAt when the org last saved it; {@code null} for the pack's
 * @param problems what no longer fits the org's pack, each at the JSON pointer of its step ({@code
 *     /steps/2/change_stage/stage}); empty for a valid playbook; at most {@value #MAX_PROBLEMS},
 *     the first found
 */
public record OrgPlaybook(
    Playbook playbook, Origin origin, @Nullable Instant updatedAt, List<Problem> problems) {

  /** The most problems kept. */
  public static final int MAX_PROBLEMS = 20;

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

  /** Whether a playbook fits the org's pack as it is now. */
  public enum Status {
    /** It validates against the org's pack. */
    VALID,
    /** It no longer validates against the org's pack: see {@link OrgPlaybook#problems()}. */
    INVALID;

    /** The wire name: {@code valid}, {@code invalid}. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * @throws IllegalArgumentException if a pack's playbook has a save time or problems, or an org's
   *     has no save time
   * @throws NullPointerException if a required value is null
   */
  public OrgPlaybook {
    Objects.requireNonNull(playbook, "playbook");
    Objects.requireNonNull(origin, "origin");
    if ((origin == Origin.PACK) != (updatedAt == null)) {
      throw new IllegalArgumentException(
          "an org's playbook has a time it was saved, a pack's none");
    }
    Objects.requireNonNull(problems, "problems");
    problems = List.copyOf(problems.subList(0, Math.min(problems.size(), MAX_PROBLEMS)));
    if (origin == Origin.PACK && !problems.isEmpty()) {
      throw new IllegalArgumentException("a pack's playbook is checked with the pack");
    }
  }

  /** A playbook that fits the org's pack. */
  public OrgPlaybook(Playbook playbook, Origin origin, @Nullable Instant updatedAt) {
    this(playbook, origin, updatedAt, List.of());
  }

  /** {@link Status#INVALID} when it has problems, else {@link Status#VALID}. */
  public Status status() {
    return problems.isEmpty() ? Status.VALID : Status.INVALID;
  }
}
