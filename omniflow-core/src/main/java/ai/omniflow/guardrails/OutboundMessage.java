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

  /** A free-text conversational reply an agent writes and sends, as the inbox's send does. */
  public static OutboundMessage agentReply(Channel channel) {
    return new OutboundMessage(channel, MessageKind.CONVERSATIONAL, false, true);
  }
}
