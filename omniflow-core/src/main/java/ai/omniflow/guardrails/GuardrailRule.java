package ai.omniflow.guardrails;

import java.util.Locale;

/**
 * The rules of the guardrails, in the order {@link Guardrails#check} applies them; the first that
 * blocks decides. Its {@link #wireName()} is what the API and the {@code message.blocked} event
 * name as the rule.
 */
public enum GuardrailRule {
  /** Opt-out and consent: never to a contact who withdrew; marketing only with consent given. */
  CONSENT,
  /** Channel windows: free text only within the platform's window after the last inbound. */
  CHANNEL_WINDOW,
  /** Marketing messages per contact per day and per week. */
  FREQUENCY_CAP,
  /** Marketing only within the sending hours in the recipient's local time. */
  QUIET_HOURS;

  /** The rule's name on the wire: {@code consent}, {@code channel_window}, … */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
