package ai.omniflow.guardrails;

/**
 * The stable codes of the guardrails: why a message was blocked ({@link GuardrailDecision#code()},
 * and the code of the {@code 409} a send answers), as {@link ai.omniflow.OmniFlowException#code()}
 * carries them on the wire. docs/compliance.md says when each is given. Two of them are the codes
 * the inbox raised before the guardrails existed, kept so that clients need not change.
 *
 * <pre>{@code
 * GuardrailDecision d = guardrails.check(message, facts, now);
 * if (GuardrailErrors.QUIET_HOURS.equals(d.code())) { defer(d.until()); }
 * }</pre>
 *
 * <p>Constants only; decision 0038 says why these are strings and not an enum.
 */
public final class GuardrailErrors {
  /** {@code contact_opted_out}: the contact withdrew consent for the channel (or for all). */
  public static final String CONTACT_OPTED_OUT = "contact_opted_out";

  /** {@code consent_missing}: a marketing message to a contact who never gave consent. */
  public static final String CONSENT_MISSING = "consent_missing";

  /** {@code window_closed}: free text outside the channel's window after the last inbound. */
  public static final String WINDOW_CLOSED = "window_closed";

  /** {@code frequency_cap}: the contact has had the most marketing messages for the day or week. */
  public static final String FREQUENCY_CAP = "frequency_cap";

  /** {@code quiet_hours}: a marketing message outside the sending hours in the recipient's time. */
  public static final String QUIET_HOURS = "quiet_hours";

  private GuardrailErrors() {}
}
