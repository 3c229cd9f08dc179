package ai.omniflow.webhooks;

/**
 * What one {@link WebhookService#process} call did.
 *
 * @param claimed deliveries claimed
 * @param done deliveries settled {@code done}
 * @param dropped deliveries settled {@code dropped} (no event belonged to a connected account)
 * @param retried deliveries whose attempt failed and that wait for another
 * @param failed deliveries parked {@code failed} after their last attempt
 * @param ingested events that went through ingest (redeliveries included: ingest dedupes them)
 * @param ignored deliveries that held no event OmniFlow uses (an unknown object type, a typing
 *     notice): acknowledged, counted, settled {@code done}
 * @param unowned events for a platform account no org has connected, dropped
 */
public record ProcessingReport(
    int claimed,
    int done,
    int dropped,
    int retried,
    int failed,
    int ingested,
    int ignored,
    int unowned) {

  /** Nothing claimed. */
  public static final ProcessingReport EMPTY = new ProcessingReport(0, 0, 0, 0, 0, 0, 0, 0);

  /** The sum of this report and {@code other}. */
  public ProcessingReport plus(ProcessingReport other) {
    return new ProcessingReport(
        claimed + other.claimed,
        done + other.done,
        dropped + other.dropped,
        retried + other.retried,
        failed + other.failed,
        ingested + other.ingested,
        ignored + other.ignored,
        unowned + other.unowned);
  }
}
