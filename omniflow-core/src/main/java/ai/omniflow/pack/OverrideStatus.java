package ai.omniflow.pack;

import ai.omniflow.InputError;
import java.util.List;
import java.util.Objects;

/**
 * An org's own pack override and what it does now (docs/verticals.md, "An org's own override"):
 * merged into the org's pack, unused (the org's pack is another one), or broken — valid when saved
 * but refused over the version the org's pack is now, so the org works on its pack without it until
 * an admin fixes or deletes it.
 *
 * <pre>{@code
 * omniFlow.packs().overrideStatus(actor)
 *     .filter(s -> s.state() == OverrideStatus.State.BROKEN)
 *     .ifPresent(s -> s.errors().forEach(e -> warn(e.path() + ":" + e.line() + " " + e.message())));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param override the override as saved
 * @param state what it does now
 * @param errors why it is broken, each at its path and line in the patch (at most {@link
 *     ai.omniflow.OmniFlowException#MAX_ERRORS}); empty unless {@link State#BROKEN}
 */
public record OverrideStatus(PackOverride override, State state, List<InputError> errors) {
  /** What an override does now. */
  public enum State {
    /** Merged into the org's pack. */
    APPLIED,
    /** Written for another pack than the org's: kept, unused. */
    UNUSED,
    /** Refused over the org's pack as it is now: the org works on the pack without it. */
    BROKEN
  }

  /**
   * @throws IllegalArgumentException if errors are given for a state other than {@code BROKEN}, or
   *     none for {@code BROKEN}
   */
  public OverrideStatus {
    Objects.requireNonNull(override, "override");
    Objects.requireNonNull(state, "state");
    errors = List.copyOf(errors);
    if ((state == State.BROKEN) == errors.isEmpty()) {
      throw new IllegalArgumentException("errors are given exactly for a broken override");
    }
  }
}
