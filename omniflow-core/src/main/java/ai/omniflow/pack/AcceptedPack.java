package ai.omniflow.pack;

import ai.omniflow.Limits;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The pack version an org accepted, kept as the text of its pack file so that the org keeps working
 * on it when the catalog moves to a newer version, until it accepts that one (docs/verticals.md,
 * "Upgrades offered to orgs", decision 0080).
 *
 * <pre>{@code
 * omniFlow.packs().upgrade(actor); // what the catalog's version changes from the accepted one
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param orgId the org
 * @param slug the pack's slug
 * @param version the version accepted
 * @param text the pack file's text, as the source gave it, at most {@link #MAX_TEXT} characters
 * @param acceptedAt when the org selected or accepted it
 */
public record AcceptedPack(
    UUID orgId, String slug, String version, String text, Instant acceptedAt) {
  /** The most characters a kept pack text may have. */
  public static final int MAX_TEXT = 1_048_576;

  /**
   * @throws IllegalArgumentException if {@code slug} or {@code version} is malformed, or the text
   *     is longer than {@link #MAX_TEXT}
   * @throws ai.omniflow.OmniFlowException {@code invalid_accepted_at} for an instant outside {@link
   *     Limits#EARLIEST} to {@link Limits#LATEST}
   * @throws NullPointerException if a value is null
   */
  public AcceptedPack {
    Objects.requireNonNull(orgId, "orgId");
    if (PackValidator.slugProblem(Objects.requireNonNull(slug, "slug")).isPresent()) {
      throw new IllegalArgumentException("slug is not a slug");
    }
    if (PackValidator.versionProblem(Objects.requireNonNull(version, "version")).isPresent()) {
      throw new IllegalArgumentException("version is not a pack version");
    }
    if (Objects.requireNonNull(text, "text").length() > MAX_TEXT) {
      throw new IllegalArgumentException("text is longer than " + MAX_TEXT + " characters");
    }
    Limits.instant("accepted_at", acceptedAt);
  }
}
