package ai.omniflow.examples.server;

import ai.omniflow.pack.PackChange;
import ai.omniflow.pack.PackUpgrade;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A newer version of the org's pack as {@code /settings/pack} offers it ({@code GET
 * /verticals/upgrade}'s answer, decision 0080): the version the org is on, the one offered, and
 * what it changes, one row a change.
 *
 * <pre>{@code
 * omniFlow.packs().upgrade(actor).map(PackUpgradeView::of).ifPresent(u -> model.addAttribute("upgrade", u));
 * }</pre>
 *
 * @param slug the org's pack
 * @param accepted the version the org accepted and works on
 * @param offered the catalog's version, which the Accept button names
 * @param changes what the offered version changes, or {@code null} when the accepted version's text
 *     was not kept, so nothing can be compared
 */
record PackUpgradeView(
    String slug, String accepted, String offered, @Nullable List<Change> changes) {

  /**
   * One change, as a row: {@code added}, {@code removed}, {@code changed} or {@code order}, where,
   * and the values before and after ({@code —} for none), each on one line and clipped by core.
   */
  record Change(String kind, String path, String before, String after) {}

  static PackUpgradeView of(PackUpgrade u) {
    List<Change> changes =
        u.changes() == null ? null : u.changes().stream().map(PackUpgradeView::change).toList();
    return new PackUpgradeView(u.slug(), u.acceptedVersion(), u.offeredVersion(), changes);
  }

  private static Change change(PackChange c) {
    return new Change(
        c.kind(),
        c.path(),
        c.before() == null ? "—" : c.before(),
        c.after() == null ? "—" : c.after());
  }
}
