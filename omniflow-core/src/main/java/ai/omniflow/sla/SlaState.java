package ai.omniflow.sla;

import java.util.Locale;

/** Where a thread's SLA clock stands, in the glossary's words. */
public enum SlaState {
  /** A clock runs and less than the warning threshold of its window is used. */
  ON_TRACK,
  /** A clock runs and at least the warning threshold of its window is used. */
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
}
