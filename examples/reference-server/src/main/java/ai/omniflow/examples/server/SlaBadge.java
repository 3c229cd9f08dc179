package ai.omniflow.examples.server;

import ai.omniflow.sla.SlaReading;
import ai.omniflow.sla.SlaState;
import ai.omniflow.sla.ThreadSla;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A thread's SLA clock as the pages' lists show it (the inbox's threads, the leads): a badge with
 * the clock's state in the glossary's words ({@code on_track}, {@code at_risk}, {@code breached},
 * {@code met}) and, for a clock not yet met, when it is or was due in the org's zone. A thread
 * without a stored clock shows none, as its {@code sla} in the JSON API is {@code null} ({@link
 * SlaViews}).
 *
 * @param state the state's wire name, for the badge's style and for tests
 * @param label what the badge says, such as {@code SLA at risk}
 * @param due when the clock is or was due, in the org's zone, or {@code null} (met, or paused)
 * @param dueIso the same instant in ISO-8601, for {@code <time datetime>}
 */
record SlaBadge(String state, String label, @Nullable String due, @Nullable String dueIso) {

  /** The badge of a thread's stored clock, or {@code null} without one. */
  static @Nullable SlaBadge of(@Nullable ThreadSla sla, Pages.Zone zone) {
    if (sla == null || sla.reading().state() == SlaState.NONE) {
      return null;
    }
    SlaReading r = sla.reading();
    boolean showDue = r.state() != SlaState.MET && r.dueAt() != null;
    return new SlaBadge(
        r.state().wireName(),
        label(r.state()),
        showDue ? zone.show(r.dueAt()) : null,
        showDue ? zone.iso(r.dueAt()) : null);
  }

  /**
   * The badge of a lead's thread clock: only a first-response clock, as a lead's {@code sla} in the
   * JSON API ({@link SlaViews#leadView}).
   */
  static @Nullable SlaBadge ofLead(@Nullable ThreadSla sla, Pages.Zone zone) {
    return sla == null || sla.clock().kind() != SlaReading.Clock.FIRST_RESPONSE
        ? null
        : of(sla, zone);
  }

  /** What a badge of {@code state} says: {@code SLA on track}, {@code SLA at risk}, ... */
  static String label(SlaState state) {
    return state == SlaState.NONE
        ? "no SLA clock"
        : "SLA " + state.wireName().replace('_', ' ').toLowerCase(Locale.ROOT);
  }

  /** Whether the clock is still to be answered in time: on track or at risk. */
  public boolean running() {
    return state.equals(SlaState.ON_TRACK.wireName()) || state.equals(SlaState.AT_RISK.wireName());
  }
}
