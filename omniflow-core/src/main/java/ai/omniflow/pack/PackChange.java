package ai.omniflow.pack;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One thing a pack version changes from another (docs/verticals.md, "Upgrades"): a value added,
 * removed or changed, or a keyed list's items put in another order; keyed-list items are named by
 * their key ({@code /stages[qualified]/label}). Values are shown on one line, clipped to 80
 * characters.
 *
 * <pre>{@code
 * omniFlow.packs().upgrade(actor).ifPresent(u -> u.changes().forEach(c -> print(c.kind() + " " + c.path())));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind {@code added}, {@code removed}, {@code changed} or {@code order}
 * @param path where, e.g. {@code /scoring/rules[pre_approved]/points}
 * @param before the old value, or {@code null} for an added one
 * @param after the new value, or {@code null} for a removed one
 */
public record PackChange(
    String kind, String path, @Nullable String before, @Nullable String after) {
  public PackChange {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(path, "path");
  }
}
