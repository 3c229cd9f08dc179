package ai.omniflow.guardrails;

import ai.omniflow.connector.spi.Channel;
import java.util.Objects;

/**
 * What is about to be sent, as far as the guardrails care: on which channel, what for, whether it
 * is free text or a template the platform approved, and whether a person writes it.
 *
 * <pre>{@code
 * OutboundMessage reply = OutboundMessage.agentReply(Channel.WHATSAPP);
 * OutboundMessage step = new OutboundMessage(Channel.SMS, MessageKind.MARKETING, true, false);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param channel where it goes
 * @param kind what it is for
 * @param approvedTemplate whether it is a template the platform approved (WhatsApp's message
 *     templates), which may be sent outside the channel's window; {@code false} for free text
 * @param humanAgent whether a person (an agent) writes and sends it, which Messenger and Instagram
 *     allow up to 7 days after the last inbound message; {@code false} for automatic sends
 */
public record OutboundMessage(
    Channel channel, MessageKind kind, boolean approvedTemplate, boolean humanAgent) {

  /**
   * @throws NullPointerException if the channel or kind is null
   */
  public OutboundMessage {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(kind, "kind");
  }

  /**
   * A free-text conversational reply an agent writes and sends with Meta's {@code HUMAN_AGENT} tag,
   * which keeps Messenger and Instagram open for 7 days. The inbox's send does not tag its replies:
   * it checks a {@link #reply}.
   */
  public static OutboundMessage agentReply(Channel channel) {
    return new OutboundMessage(channel, MessageKind.CONVERSATIONAL, false, true);
  }

  /**
   * A reply as the inbox's send checks it, and as a reply suggestion is warned about: free text
   * (not an approved template), sent without Meta's {@code HUMAN_AGENT} tag, so its window is 24
   * hours on WhatsApp, Messenger and Instagram.
   *
   * @param kind {@link MessageKind#CONVERSATIONAL}, or {@link MessageKind#HELP_ANSWER} for the
   *     answer to a HELP
   * @throws NullPointerException if an argument is null
   */
  public static OutboundMessage reply(Channel channel, MessageKind kind) {
    return new OutboundMessage(channel, kind, false, false);
  }
}
