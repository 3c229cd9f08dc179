package ai.omniflow.attribution;

import ai.omniflow.Limits;
import ai.omniflow.OmniFlowException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One touchpoint of a journey as attribution sees it: the channel, optionally the campaign, the
 * content (post, ad or content id) and the agent it came through, and optionally when it happened
 * (only {@code time_decay} reads the time). The content and agent are read only when a report
 * groups by them ({@link AttributionLevel#CONTENT}, {@link AttributionLevel#AGENT}).
 *
 * <pre>{@code
 * Touch t = Touch.of("instagram_dm", "spring_sale", Instant.parse("2026-05-01T10:00:00Z"));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * <p>Throws {@link OmniFlowException} {@code invalid_channel}, {@code invalid_campaign} or {@code
 * invalid_at}, {@code invalid_content} or {@code invalid_agent} (invalid input) outside those
 * bounds
 *
 * @param channel the channel, 1 to {@link Limits#MAX_ID} characters, no NUL
 * @param campaign the campaign, if known; same bounds
 * @param at when it happened, if known; within {@link Limits#EARLIEST}–{@link Limits#LATEST}
 * @param content the post, ad or content it came through, if known; same bounds as the channel
 * @param agent the agent whose conversation it was (a user id), if any; same bounds
 */
public record Touch(
    String channel,
    @Nullable String campaign,
    @Nullable Instant at,
    @Nullable String content,
    @Nullable String agent) {
  /** Validates the bounds. */
  public Touch {
    Limits.text("channel", channel, Limits.MAX_ID);
    if (channel.isEmpty()) {
      throw OmniFlowException.invalidInput(
          AttributionErrors.INVALID_CHANNEL, "channel must not be empty.");
    }
    Limits.optionalText("campaign", campaign, Limits.MAX_ID);
    if (at != null) {
      Limits.instant("at", at);
    }
    Limits.optionalText("content", content, Limits.MAX_ID);
    Limits.optionalText("agent", agent, Limits.MAX_ID);
  }

  /** A touch on a channel, with no campaign and no time. */
  public static Touch of(String channel) {
    return new Touch(channel, null, null, null, null);
  }

  /** A touch on a channel in a campaign at a time. */
  public static Touch of(String channel, @Nullable String campaign, @Nullable Instant at) {
    return new Touch(channel, campaign, at, null, null);
  }

  /** This touch with the content it came through. */
  public Touch withContent(@Nullable String content) {
    return new Touch(channel, campaign, at, content, agent);
  }

  /** This touch with the agent whose conversation it was. */
  public Touch withAgent(@Nullable String agent) {
    return new Touch(channel, campaign, at, content, agent);
  }
}
