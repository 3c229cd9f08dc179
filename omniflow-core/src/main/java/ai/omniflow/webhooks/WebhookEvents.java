package ai.omniflow.webhooks;

/**
 * The types of the {@link ai.omniflow.events.DomainEvent}s OmniFlow appends for stored webhook
 * deliveries, and the actions of the audit entries kept beside them ({@code AUDIT_…}).
 * docs/connectors.md lists them.
 *
 * <pre>{@code
 * boolean replayed = event.type().equals(WebhookEvents.WEBHOOK_EVENT_REPLAYED);
 * }</pre>
 *
 * <p>Constants only; decision 0038 says why these are strings and not an enum.
 */
public final class WebhookEvents {
  /** Event {@code webhook_event.replayed}: an org admin put a stored delivery back to run. */
  public static final String WEBHOOK_EVENT_REPLAYED = "webhook_event.replayed";

  /** Audit action {@code webhook_event.replay}. */
  public static final String AUDIT_WEBHOOK_EVENT_REPLAY = "webhook_event.replay";

  private WebhookEvents() {}
}
