package ai.omniflow.pack;

import ai.omniflow.Limits;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An org's own override of its pack: a patch, in the override format of docs/verticals.md
 * ("Overriding a pack") without {@code base}, {@code base_version}, {@code slug} or {@code
 * version}, merged over the pack it was written for. While the org's pack is {@link #baseSlug()},
 * the org's effective pack is that pack with this patch merged over it (docs/verticals.md, "An
 * org's own override"); it was checked as a whole pack when it was saved.
 *
 * <pre>{@code
 * PackOverride o = omniFlow.packs().saveOverride(admin, "stages:\n  - {key: qualified, label: Pre-qualified}\n");
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param orgId the org
 * @param baseSlug the slug of the pack the patch is written for
 * @param patch the patch as the org wrote it (YAML or JSON), at most {@link #MAX_PATCH} characters
 * @param revision a new random id each time the override is saved, so that what was built from an
 *     earlier text is never taken for this one
 * @param updatedAt when it was saved
 */
public record PackOverride(
    UUID orgId, String baseSlug, String patch, UUID revision, Instant updatedAt) {
  /** The most characters a patch may have. */
  public static final int MAX_PATCH = 65_536;

  /**
   * @throws ai.omniflow.OmniFlowException {@code invalid_patch} (invalid input) for a patch longer
   *     than {@link #MAX_PATCH} or holding NUL; {@code invalid_updated_at} for an instant outside
   *     {@link Limits#EARLIEST} to {@link Limits#LATEST}
   * @throws IllegalArgumentException if {@code baseSlug} is not a slug
   * @throws NullPointerException if a value is null
   */
  public PackOverride {
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(baseSlug, "baseSlug");
    PackValidator.slugProblem(baseSlug)
        .ifPresent(
            p -> {
              throw new IllegalArgumentException("baseSlug is not a slug");
            });
    Limits.text("patch", Objects.requireNonNull(patch, "patch"), MAX_PATCH);
    Objects.requireNonNull(revision, "revision");
    Limits.instant("updated_at", updatedAt);
  }
}
