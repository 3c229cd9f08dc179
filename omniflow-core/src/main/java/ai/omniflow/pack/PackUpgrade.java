package ai.omniflow.pack;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A newer (or other) version of an org's pack that the catalog offers, and what it changes from the
 * version the org accepted (docs/verticals.md, "Upgrades offered to orgs", decision 0080). Nothing
 * changes for the org until it accepts it ({@link PackService#acceptUpgrade}).
 *
 * <pre>{@code
 * omniFlow.packs().upgrade(actor).ifPresent(u -> omniFlow.packs().acceptUpgrade(admin, u.offeredVersion()));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param slug the org's pack
 * @param acceptedVersion the version the org accepted and works on
 * @param offeredVersion the catalog's version
 * @param changes what the offered version changes from the accepted one, or {@code null} when the
 *     accepted version's text was not kept (an org that selected its pack before texts were kept,
 *     or a source that gives none)
 */
public record PackUpgrade(
    String slug,
    @Nullable String acceptedVersion,
    String offeredVersion,
    @Nullable List<PackChange> changes) {
  public PackUpgrade {
    Objects.requireNonNull(slug, "slug");
    Objects.requireNonNull(offeredVersion, "offeredVersion");
    changes = changes == null ? null : List.copyOf(changes);
  }
}
