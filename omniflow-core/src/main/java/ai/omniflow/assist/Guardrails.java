package ai.omniflow.assist;

import ai.omniflow.connector.spi.Channel;
import ai.omniflow.guardrails.MessageKind;
import ai.omniflow.guardrails.OutboundMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a suggester checks before it proposes sending anything: whether the contact opted out,
 * whether the channel's reply window is still open, and whether it is quiet hours for the contact.
 * The window is the one the inbox's send applies ({@link
 * ai.omniflow.guardrails.Guardrails#channelWindow} of an {@link OutboundMessage#reply}), so a
 * suggestion warns of {@code window_closed} exactly when sending it as free text would be refused
 * for it.
 *
 * <pre>{@code
 * Guardrails g = Guardrails.of("whatsapp", thread.lastInboundAt(), clock.instant());
 * g.windowClosed();  // true more than 24 h after the last inbound message
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param optedOut whether the contact asked not to be messaged
 * @param channel the thread's channel, e.g. {@code instagram_dm}, {@code sms}; a text that names
 *     none of the glossary's channels has no window
 * @param lastInboundAt when the contact last wrote, or {@code null} if never
 * @param now the time of the suggestion, from the caller's clock
 * @param quietHours when not to message the contact, or {@code null} for none
 */
public record Guardrails(
    boolean optedOut,
    String channel,
    @Nullable Instant lastInboundAt,
    Instant now,
    @Nullable QuietHours quietHours) {

  /**
   * @throws IllegalArgumentException if the channel is blank
   * @throws NullPointerException if the channel or {@code now} is null
   */
  public Guardrails {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(now, "now");
    if (channel.isBlank()) {
      throw new IllegalArgumentException("channel must not be blank");
    }
  }

  /** Guardrails for a contact who has not opted out, with no quiet hours. */
  public static Guardrails of(String channel, @Nullable Instant lastInboundAt, Instant now) {
    return new Guardrails(false, channel, lastInboundAt, now, null);
  }

  /**
   * The reply window of a channel, as the inbox's send applies it to a free-text reply: 24 hours
   * for {@code facebook_dm}, {@code instagram_dm} and {@code whatsapp}; none ({@code null}) for
   * every other channel.
   */
  public static @Nullable Duration windowFor(String channel) {
    OutboundMessage reply = reply(channel);
    return reply == null ? null : ai.omniflow.guardrails.Guardrails.channelWindow(reply);
  }

  /** The reply window of this channel ({@link #windowFor}), or {@code null} if it has none. */
  public @Nullable Duration channelWindow() {
    return windowFor(channel);
  }

  /** A copy that says whether the contact opted out. */
  public Guardrails withOptedOut(boolean optedOut) {
    return new Guardrails(optedOut, channel, lastInboundAt, now, quietHours);
  }

  /** A copy with these quiet hours. */
  public Guardrails withQuietHours(@Nullable QuietHours quietHours) {
    return new Guardrails(optedOut, channel, lastInboundAt, now, quietHours);
  }

  /**
   * Whether a free-form reply may no longer be sent: the channel has a window and the contact never
   * wrote, or wrote longer than the window ago.
   */
  public boolean windowClosed() {
    OutboundMessage reply = reply(channel);
    return reply != null
        && ai.omniflow.guardrails.Guardrails.windowClosed(reply, lastInboundAt, now);
  }

  /** A free-text reply on the channel with this id, or {@code null} if no channel has it. */
  private static @Nullable OutboundMessage reply(String channelId) {
    for (Channel c : Channel.values()) {
      if (c.id().equals(channelId)) {
        return OutboundMessage.reply(c, MessageKind.CONVERSATIONAL);
      }
    }
    return null;
  }

  /**
   * The warnings these guardrails give, in this order: {@value Suggestion#CONTACT_OPTED_OUT},
   * {@value Suggestion#WINDOW_CLOSED}, {@value Suggestion#QUIET_HOURS}; empty when all is clear.
   */
  public java.util.List<String> warnings() {
    java.util.List<String> warnings = new java.util.ArrayList<>(3);
    if (optedOut) {
      warnings.add(Suggestion.CONTACT_OPTED_OUT);
    }
    if (windowClosed()) {
      warnings.add(Suggestion.WINDOW_CLOSED);
    }
    if (inQuietHours()) {
      warnings.add(Suggestion.QUIET_HOURS);
    }
    return warnings;
  }

  /** Whether {@code now} falls in the quiet hours. */
  public boolean inQuietHours() {
    return quietHours != null && quietHours.contains(now);
  }

  /**
   * Hours of the day, in a zone, when a contact is not to be messaged; may span midnight ({@code
   * 21:00–08:00}).
   *
   * @param start the first quiet moment
   * @param end the first moment after the quiet hours
   * @param zone the contact's (or org's) zone
   */
  public record QuietHours(LocalTime start, LocalTime end, ZoneId zone) {
    /**
     * @throws IllegalArgumentException if start equals end
     */
    public QuietHours {
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(end, "end");
      Objects.requireNonNull(zone, "zone");
      if (start.equals(end)) {
        throw new IllegalArgumentException("quiet hours must not start and end at the same time");
      }
    }

    /** Whether {@code instant} falls in these hours. */
    public boolean contains(Instant instant) {
      LocalTime t = instant.atZone(zone).toLocalTime();
      return start.isBefore(end)
          ? !t.isBefore(start) && t.isBefore(end)
          : !t.isBefore(start) || t.isBefore(end);
    }
  }
}
