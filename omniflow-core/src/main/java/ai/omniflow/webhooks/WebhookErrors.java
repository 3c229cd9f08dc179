package ai.omniflow.webhooks;

/**
 * The stable error codes OmniFlow raises for platform webhooks, as {@link
 * ai.omniflow.OmniFlowException#code()} carries them on the wire. docs/connectors.md says when each
 * is raised; a host maps them to HTTP statuses by their kind.
 *
 * <pre>{@code
 * catch (OmniFlowException e) {
 *   if (e.code().equals(WebhookErrors.SIGNATURE_INVALID)) { … }
 * }
 * }</pre>
 *
 * <p>Constants only; decision 0038 says why these are strings and not an enum.
 */
public final class WebhookErrors {
  /** {@code signature_invalid}: the delivery's signature is missing or does not match (401). */
  public static final String SIGNATURE_INVALID = "signature_invalid";

  /**
   * {@code handshake_refused}: a subscription handshake with a wrong verify token or mode (403).
   */
  public static final String HANDSHAKE_REFUSED = "handshake_refused";

  /** {@code payload_too_large}: a delivery over {@link WebhookService#MAX_BODY_BYTES} (413). */
  public static final String PAYLOAD_TOO_LARGE = "payload_too_large";

  /** {@code malformed_payload}: a signed delivery whose body the connector cannot read (400). */
  public static final String MALFORMED_PAYLOAD = "malformed_payload";

  /** {@code invalid_provider}: a provider name that is not a provider id's shape (400). */
  public static final String INVALID_PROVIDER = "invalid_provider";

  /** {@code webhook_event_pending}: a replay of an event that is still waiting to run (409). */
  public static final String WEBHOOK_EVENT_PENDING = "webhook_event_pending";

  /**
   * {@code parse_failed}: a stored delivery's connector failed to parse it for a reason with no
   * code of its own; recorded as the delivery's error code, never answered to a caller.
   */
  public static final String PARSE_FAILED = "parse_failed";

  /**
   * {@code ingest_failed}: an event of a stored delivery failed to go in for a reason with no code
   * of its own; recorded as the delivery's error code, never answered to a caller.
   */
  public static final String INGEST_FAILED = "ingest_failed";

  private WebhookErrors() {}
}
