package ai.omniflow.sla;

import java.util.Locale;

/** Where a thread's SLA clock stands, in the glossary's words. */
public enum SlaState {
  /** A clock runs and less than the warning threshold of its window is used. */
  ON_TRACK,
  /**
   * A clock runs and at least the warning threshold of its window is used: from its warning time on
   * (decision 0071).
   */
  AT_RISK,
  /** The clock passed its due time without a human reply (or got one late). */
  BREACHED,
  /** The last clock was stopped by a human reply in time. */
  MET,
  /** No clock ever started: the customer has not written. */
  NONE;

  /** The wire name, e.g. {@code on_track}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The state with that wire name, or empty. */
  public static java.util.Optional<SlaState> ofWireName(String wireName) {
    for (SlaState s : values()) {
      if (s.wireName().equals(wireName)) {
        return java.util.Optional.of(s);
      }
    }
    return java.util.Optional.empty();
  }
}
