package ai.omniflow.guardrails;

import java.util.Locale;

/**
 * What an outbound message is for, which decides the rules it passes: a marketing message needs
 * consent given and keeps to quiet hours and frequency caps; a conversational reply and a
 * transactional notice only need a contact who has not opted out and an open channel window; the
 * answer to a HELP passes as a reply does, and an opt-out of the channel as well when it answers a
 * HELP just taken in on it ({@link GuardrailExemption#HELP_ANSWER}).
 */
public enum MessageKind {
  /** Promotes something the contact did not ask about: a nurture step, a campaign. */
  MARKETING,
  /** Answers the contact within a conversation they started or kept going. */
  CONVERSATIONAL,
  /** Tells the contact about something they did: a booking, a receipt, a reminder. */
  TRANSACTIONAL,
  /**
   * The org's help text, answering the contact's own HELP keyword (or a pack's word for it) on the
   * channel it came in on, and nothing else. As {@link #CONVERSATIONAL}, except that a withdrawn
   * consent does not block it when the facts say a HELP came in on the message's channel at most
   * {@link Guardrails#HELP_ANSWER_WINDOW} before ({@link ContactFacts#helpAskedOn}): the decision
   * is then {@link GuardrailDecision#HELP_ANSWER}. Only the inbox's answer to an inbound HELP uses
   * it.
   */
  HELP_ANSWER;

  /** The kind's name on the wire: {@code marketing}, {@code conversational}, … */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
