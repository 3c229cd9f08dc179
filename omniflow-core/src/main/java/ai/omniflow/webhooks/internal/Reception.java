package ai.omniflow.webhooks.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.connector.spi.Connector;
import ai.omniflow.connector.spi.ConnectorException;
import ai.omniflow.connector.spi.WebhookRequest;
import ai.omniflow.connectors.ConnectorRegistry;
import ai.omniflow.store.spi.Store;
import ai.omniflow.webhooks.InboundDelivery;
import ai.omniflow.webhooks.WebhookErrors;
import ai.omniflow.webhooks.WebhookReceipt;
import ai.omniflow.webhooks.WebhookService;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Receiving a delivery: the provider's connector verifies the signature and checks the body's
 * shape, then the raw delivery is appended to the webhook inbox under its dedupe key, and that is
 * all; nothing else runs before the host answers. Also the subscription handshake. {@link
 * WebhookService#receive} and {@link WebhookService#handshake} delegate here; their Javadoc is the
 * spec. Not API. Thread-safe.
 */
public final class Reception {
  /** The headers a stored delivery keeps: what a connector's parser or a re-check reads. */
  static final List<String> KEPT_HEADERS =
      List.of("Content-Type", "Date", "X-Hub-Signature-256", "X-Twilio-Signature");

  private final Store store;
  private final ConnectorRegistry registry;
  private final Clock clock;

  public Reception(Store store, ConnectorRegistry registry, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** As {@link WebhookService#receive}. */
  public WebhookReceipt receive(String provider, WebhookRequest request) {
    InboundDelivery.requireProvider(provider);
    Objects.requireNonNull(request, "request");
    byte[] body = request.rawBody();
    if (body.length > WebhookService.MAX_BODY_BYTES) {
      throw new OmniFlowException(
          OmniFlowException.Kind.BAD_REQUEST,
          WebhookErrors.PAYLOAD_TOO_LARGE,
          "A webhook body must be at most " + WebhookService.MAX_BODY_BYTES + " bytes.");
    }
    Connector connector = registry.require(provider).connector();
    try {
      connector.verifySignature(request);
    } catch (ConnectorException | IllegalArgumentException e) {
      throw new OmniFlowException(
          OmniFlowException.Kind.UNAUTHENTICATED,
          WebhookErrors.SIGNATURE_INVALID,
          "The webhook signature is missing or does not match.");
    }
    try {
      connector.checkWebhookShape(request);
    } catch (ConnectorException | IllegalArgumentException e) {
      throw OmniFlowException.badRequest(
          WebhookErrors.MALFORMED_PAYLOAD, "The webhook body is not what the platform sends.");
    }
    Map<String, String> kept = new LinkedHashMap<>();
    for (String name : KEPT_HEADERS) {
      request
          .header(name)
          .filter(v -> v.length() <= InboundDelivery.MAX_HEADER_VALUE)
          .ifPresent(v -> kept.put(name, v));
    }
    InboundDelivery delivery =
        new InboundDelivery(
            provider,
            dedupeKey(body),
            request.method(),
            request.uri().toString(),
            kept,
            body,
            clock.instant());
    Optional<Long> id = store.webhookInbox().append(delivery);
    return new WebhookReceipt(id.orElse(null), id.isEmpty());
  }

  /** As {@link WebhookService#handshake}. */
  public String handshake(String provider, Map<String, String> query) {
    InboundDelivery.requireProvider(provider);
    Objects.requireNonNull(query, "query");
    Connector connector = registry.require(provider).connector();
    Optional<String> challenge;
    try {
      challenge = connector.verifyHandshake(query);
    } catch (ConnectorException | IllegalArgumentException e) {
      challenge = Optional.empty();
    }
    return challenge
        .filter(c -> c.length() <= 256)
        .orElseThrow(
            () ->
                new OmniFlowException(
                    OmniFlowException.Kind.FORBIDDEN,
                    WebhookErrors.HANDSHAKE_REFUSED,
                    "The subscription handshake was refused."));
  }

  /** The body's SHA-256 in hex: the same bytes redelivered are the same delivery. */
  static String dedupeKey(byte[] body) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
