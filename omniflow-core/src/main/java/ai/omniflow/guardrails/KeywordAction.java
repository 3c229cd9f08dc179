package ai.omniflow.guardrails;

import java.util.Locale;

/** What an inbound compliance keyword asks for ({@link ComplianceKeywords#recognize}). */
public enum KeywordAction {
  /** Withdraw consent for the channel the message came on (STOP, UNSUBSCRIBE, BAJA…). */
  STOP,
  /** Withdraw consent for every channel (STOPALL). */
  STOP_ALL,
  /** Give consent again (START, UNSTOP). */
  START,
  /** Ask for the org's help text (HELP). */
  HELP;

  /** The action's name on the wire: {@code stop}, {@code stop_all}, {@code start}, {@code help}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
