package ai.omniflow.inbox;

import ai.omniflow.connector.spi.Channel;
import ai.omniflow.guardrails.Guardrails;
import ai.omniflow.guardrails.MessageKind;
import ai.omniflow.guardrails.OutboundMessage;
import java.time.Instant;
import java.util.Objects;

/**
 * Whether a thread can be answered on its own channel now, as {@link InboxService#send} decides it
 * before any consent is read: never on a lead-ad form ({@code channel_not_replyable}); on WhatsApp,
 * Messenger and Instagram direct messages only within the channel window after the contact's last
 * inbound message there ({@code window_closed}, decided by the same {@link Guardrails} rule the
 * send's check applies, for the same {@link OutboundMessage#reply reply}); on other channels at any
 * time. A list can put the threads a person can answer first and mark the others.
 *
 * <pre>{@code
 * ReplyWindow w = ReplyWindow.of(thread, clock.instant());
 * if (w == ReplyWindow.CLOSED) { ... a template is needed ... }
 * }</pre>
 *
 * <p>A thread {@link #OPEN} here may still be refused by the send: a closed thread, a contact who
 * opted out of the channel, no connector account. Immutable and thread-safe.
 */
public enum ReplyWindow {
  /** A free-text reply may be sent now. */
  OPEN,
  /** The channel's window after the contact's last message is closed: a template is needed. */
  CLOSED,
  /** The channel takes no reply at all (a lead-ad form): the person is reached on another one. */
  NOT_REPLYABLE;

  /**
   * The window of {@code thread} at {@code now}.
   *
   * @throws NullPointerException if an argument is null
   */
  public static ReplyWindow of(InboxThread thread, Instant now) {
    Objects.requireNonNull(thread, "thread");
    Objects.requireNonNull(now, "now");
    if (!replyable(thread.channel())) {
      return NOT_REPLYABLE;
    }
    OutboundMessage reply = OutboundMessage.reply(thread.channel(), MessageKind.CONVERSATIONAL);
    return Guardrails.windowClosed(reply, thread.lastInboundAt(), now) ? CLOSED : OPEN;
  }

  /** Whether a reply can ever be sent on {@code channel}: not on a lead-ad form. */
  public static boolean replyable(Channel channel) {
    return channel != Channel.LEAD_FORM;
  }
}
