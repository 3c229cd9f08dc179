package ai.omniflow.inbox;

import ai.omniflow.connector.spi.Channel;
import ai.omniflow.guardrails.ContactFacts;
import ai.omniflow.guardrails.GuardrailErrors;
import ai.omniflow.guardrails.Guardrails;
import ai.omniflow.guardrails.MessageKind;
import ai.omniflow.guardrails.OutboundMessage;
import java.time.Instant;
import java.util.Objects;

/**
 * Whether a thread can be answered on its own channel now, as {@link InboxService#send} decides it
 * before any consent is read: never on a lead-ad form ({@code channel_not_replyable}); on WhatsApp,
 * Messenger and Instagram direct messages only within the channel window after the contact's last
 * inbound message there ({@code window_closed}, decided by the same {@link Guardrails} check the
 * send makes, for the same {@link #reply reply}); on other channels at any time. A list can put the
 * threads a person can answer first and mark the others.
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

  /** Only the channel window decides here: the defaults' other rules never apply to a reply. */
  private static final Guardrails GUARDRAILS = Guardrails.ofDefaults();

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
    ContactFacts.Builder facts = ContactFacts.builder();
    if (thread.lastInboundAt() != null) {
      facts.lastInbound(thread.channel(), thread.lastInboundAt());
    }
    String code =
        GUARDRAILS
            .check(reply(thread.channel(), MessageKind.CONVERSATIONAL), facts.build(), now)
            .code();
    return GuardrailErrors.WINDOW_CLOSED.equals(code) ? CLOSED : OPEN;
  }

  /** Whether a reply can ever be sent on {@code channel}: not on a lead-ad form. */
  public static boolean replyable(Channel channel) {
    return channel != Channel.LEAD_FORM;
  }

  /**
   * What the inbox's send checks a reply as: free text (not an approved template), sent without
   * Meta's {@code HUMAN_AGENT} tag, so the window is 24 hours on WhatsApp, Messenger and Instagram.
   *
   * @param kind {@link MessageKind#CONVERSATIONAL}, or {@link MessageKind#HELP_ANSWER} for the
   *     answer to a HELP
   */
  public static OutboundMessage reply(Channel channel, MessageKind kind) {
    return new OutboundMessage(channel, kind, false, false);
  }
}
