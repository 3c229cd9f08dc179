package ai.omniflow.guardrails;

import ai.omniflow.connector.spi.Channel;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Channel windows, as Meta's platform policies set them: on WhatsApp free text only within 24 hours
 * of the contact's last inbound message there, else an approved template; on Messenger and
 * Instagram direct messages 24 hours, or 7 days for a reply a human agent writes (the {@code
 * HUMAN_AGENT} tag). Other channels have no window. A closed window opens only when the contact
 * writes, so the block has no {@code until}. Thread-safe.
 */
final class ChannelWindowRule {
  /** The standard messaging window of WhatsApp, Messenger and Instagram. */
  static final Duration STANDARD = Duration.ofHours(24);

  /** The window for a human agent's reply on Messenger and Instagram. */
  static final Duration HUMAN_AGENT = Duration.ofDays(7);

  private static final GuardrailDecision CLOSED =
      GuardrailDecision.blocked(GuardrailRule.CHANNEL_WINDOW, GuardrailErrors.WINDOW_CLOSED, null);

  /** The block, or {@code null} if the rule lets the message pass. */
  @Nullable GuardrailDecision check(OutboundMessage message, ContactFacts facts, Instant now) {
    return closed(message, facts.lastInboundOn(message.channel()), now) ? CLOSED : null;
  }

  /**
   * Whether the window of {@code message} is closed at {@code now}, the contact having last written
   * on its channel at {@code lastInbound} ({@code null} if never).
   */
  static boolean closed(OutboundMessage message, @Nullable Instant lastInbound, Instant now) {
    Duration window = windowFor(message);
    return window != null && (lastInbound == null || now.isAfter(lastInbound.plus(window)));
  }

  /** The window {@code message} must fall in, or {@code null} if it needs none. */
  static @Nullable Duration windowFor(OutboundMessage message) {
    Channel channel = message.channel();
    if (channel == Channel.WHATSAPP) {
      return message.approvedTemplate() ? null : STANDARD;
    }
    if (channel == Channel.FACEBOOK_DM || channel == Channel.INSTAGRAM_DM) {
      return message.humanAgent() ? HUMAN_AGENT : STANDARD;
    }
    return null;
  }
}
