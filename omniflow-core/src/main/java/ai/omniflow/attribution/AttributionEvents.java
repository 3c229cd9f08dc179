package ai.omniflow.attribution;

/**
 * The event types and audit actions attribution writes, as stored in the event log and the audit
 * log. docs/attribution.md says when each is written.
 *
 * <pre>{@code
 * omniFlow.events().list(actor, PageRequest.first(50)).items().stream()
 *     .filter(e -> e.type().equals(AttributionEvents.TOUCHPOINT_RECORDED));
 * }</pre>
 *
 * <p>Constants only; decision 0038 says why these are strings and not an enum.
 */
public final class AttributionEvents {
  /** {@code touchpoint.recorded}: a click or visit was recorded from outside the inbox. */
  public static final String TOUCHPOINT_RECORDED = "touchpoint.recorded";

  /** Audit action {@code touchpoint.record}. */
  public static final String AUDIT_TOUCHPOINT_RECORD = "touchpoint.record";

  /** {@code touchpoints.linked}: anonymous touchpoints were linked to the contacts they match. */
  public static final String TOUCHPOINTS_LINKED = "touchpoints.linked";

  /** Audit action {@code touchpoints.link}. */
  public static final String AUDIT_TOUCHPOINTS_LINK = "touchpoints.link";

  /** {@code spend.recorded}: a day's spend on a channel or campaign was recorded or replaced. */
  public static final String SPEND_RECORDED = "spend.recorded";

  /** Audit action {@code spend.record}. */
  public static final String AUDIT_SPEND_RECORD = "spend.record";

  private AttributionEvents() {}
}
