package ai.omniflow.guardrails;

import java.util.Locale;

/**
 * What an outbound message is for, which decides the rules it passes: a marketing message needs
 * consent given and keeps to quiet hours and frequency caps; a conversational reply and a
 * transactional notice only need a contact who has not opted out and an open channel window.
 */
public enum MessageKind {
  /** Promotes something the contact did not ask about: a nurture step, a campaign. */
  MARKETING,
  /** Answers the contact within a conversation they started or kept going. */
  CONVERSATIONAL,
  /** Tells the contact about something they did: a booking, a receipt, a reminder. */
  TRANSACTIONAL;

  /** The kind's name on the wire: {@code marketing}, {@code conversational}, … */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
