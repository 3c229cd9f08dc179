package ai.omniflow.connector.spi;

import org.jspecify.annotations.Nullable;

/**
 * The ad, campaign or post an inbound event came from, where the platform says; attribution credits
 * touchpoints with it. Any field may be null; {@link #NONE} has none.
 *
 * <pre>{@code
 * new Referral("120210000000001", "120210000000002", null); // click-to-message ad
 * }</pre>
 *
 * @param campaignId the ad campaign's id, or null
 * @param adId the ad's id, or null
 * @param postId the organic post's (or ad post's) id, or null
 */
public record Referral(
    @Nullable String campaignId, @Nullable String adId, @Nullable String postId) {
  /** No referral. */
  public static final Referral NONE = new Referral(null, null, null);

  public Referral {
    campaignId = Checks.blankToNull(campaignId);
    adId = Checks.blankToNull(adId);
    postId = Checks.blankToNull(postId);
  }

  /** Whether no field is present. */
  public boolean isEmpty() {
    return campaignId == null && adId == null && postId == null;
  }
}
