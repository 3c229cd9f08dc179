package ai.omniflow.attribution;

/** What credit is given to: each channel, or each campaign within its channel. */
public enum AttributionLevel {
  /** Credit per channel. */
  CHANNEL,
  /** Credit per (channel, campaign); a touch without a campaign counts under its channel alone. */
  CAMPAIGN
}
