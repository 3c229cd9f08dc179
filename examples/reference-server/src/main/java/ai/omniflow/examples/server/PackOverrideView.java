package ai.omniflow.examples.server;

import ai.omniflow.pack.PackOverride;
import org.jspecify.annotations.Nullable;

/**
 * The org's own override of its pack as {@code /settings/pack} shows it ({@code GET
 * /verticals/override}'s answer): the pack it was written for, whether it applies (the org's pack
 * is that pack), when it was saved, and its text as written.
 *
 * <pre>{@code
 * omniFlow.packs().override(actor).map(o -> PackOverrideView.of(o, org.packSlug(), zone));
 * }</pre>
 *
 * @param packSlug the slug of the pack the patch is written for
 * @param applies whether the org's pack is that pack, so the patch is merged into it
 * @param saved when it was saved, in the org's zone
 * @param savedIso the same instant in ISO-8601, for {@code <time datetime>}
 * @param patch the patch as saved (YAML or JSON)
 */
record PackOverrideView(
    String packSlug, boolean applies, String saved, String savedIso, String patch) {

  static PackOverrideView of(PackOverride o, @Nullable String orgPack, Pages.Zone zone) {
    return new PackOverrideView(
        o.baseSlug(),
        o.baseSlug().equals(orgPack),
        zone.show(o.updatedAt()),
        zone.iso(o.updatedAt()),
        o.patch());
  }
}
