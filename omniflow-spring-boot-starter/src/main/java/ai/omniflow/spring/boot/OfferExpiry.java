package ai.omniflow.spring.boot;

import ai.omniflow.OmniFlow;
import java.time.Duration;

/**
 * Routes again, every {@code omniflow.leads.offer-expiry-interval}, every lead whose first-to-claim
 * offer expired unclaimed ({@code leads().expireOffers}), so it moves along its group's fallback
 * chain. Idempotent: an offer claimed or re-routed meanwhile is left alone.
 */
public final class OfferExpiry extends OrgSweep {
  /**
   * @throws IllegalArgumentException if {@code interval} is negative
   */
  public OfferExpiry(OmniFlow omniFlow, Duration interval) {
    super(
        omniFlow,
        "offer expiry",
        "offer-expiry",
        "omniflow.leads.offer-expiry-interval",
        interval,
        actor -> omniFlow.leads().expireOffers(actor));
  }
}
