package ai.omniflow.attribution;

/**
 * What credit is given to: each channel, or each campaign, content or agent within its channel. A
 * touch without a campaign (content, agent) counts under its channel alone at that level.
 */
public enum AttributionLevel {
  /** Credit per channel. */
  CHANNEL,
  /** Credit per (channel, campaign); a touch without a campaign counts under its channel alone. */
  CAMPAIGN,
  /**
   * Credit per (channel, content): the post, ad or content id a touch came through; a touch without
   * one counts under its channel alone.
   */
  CONTENT,
  /**
   * Credit per (channel, agent): the agent assigned to the conversation a touch belongs to; a touch
   * without one (an ad click, an unassigned thread) counts under its channel alone.
   */
  AGENT;

  /** The touch's part of the key at this level besides its channel, or {@code null}. */
  @org.jspecify.annotations.Nullable
  String detail(Touch t) {
    return switch (this) {
      case CHANNEL -> null;
      case CAMPAIGN -> t.campaign();
      case CONTENT -> t.content();
      case AGENT -> t.agent();
    };
  }
}
