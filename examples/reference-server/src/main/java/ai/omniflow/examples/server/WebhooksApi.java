package ai.omniflow.examples.server;

import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.connector.spi.WebhookRequest;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.webhooks.StoredDelivery;
import ai.omniflow.webhooks.WebhookReceipt;
import ai.omniflow.webhooks.WebhookService;
import ai.omniflow.webhooks.WebhookStatus;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The platforms' webhook endpoints and an org admin's view of stored deliveries. {@code GET|POST
 * /webhooks/{provider}} are public (the platform authenticates by its signature or verify token,
 * and sends no org headers): the handler reads the raw body itself, hands it to {@link
 * WebhookService#receive}, which verifies and stores it, and answers 200; the worker ({@link
 * WebhookWorker}) processes it after the commit. {@link RequestBodyLimit} lets webhook bodies up to
 * {@link WebhookService#MAX_BODY_BYTES} through and answers 413 above.
 */
@RestController
final class WebhooksApi {
  private final OmniFlow omniFlow;

  WebhooksApi(OmniFlow omniFlow) {
    this.omniFlow = omniFlow;
  }

  /** The subscription handshake: 200 with the challenge as text, 403 {@code handshake_refused}. */
  @GetMapping(value = "/webhooks/{provider}", produces = MediaType.TEXT_PLAIN_VALUE)
  String handshake(@PathVariable String provider, HttpServletRequest request) {
    Map<String, String> query = new LinkedHashMap<>();
    int count = 0;
    for (Map.Entry<String, String[]> e : request.getParameterMap().entrySet()) {
      if (++count > 16) {
        break;
      }
      if (e.getValue().length > 0) {
        query.put(e.getKey(), e.getValue()[0]);
      }
    }
    return omniFlow.webhooks().handshake(provider, query);
  }

  /**
   * A delivery: 200 {@code {"received": true, "duplicate": …}} once it is stored; 401 {@code
   * signature_invalid}, 400 {@code malformed_payload}, 413 {@code payload_too_large}, 404 {@code
   * unknown_provider}.
   */
  @PostMapping(value = "/webhooks/{provider}", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> receive(@PathVariable String provider, HttpServletRequest request)
      throws IOException {
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes(WebhookService.MAX_BODY_BYTES + 1);
    }
    WebhookReceipt receipt = omniFlow.webhooks().receive(provider, webhookRequest(request, body));
    return Map.of("received", true, "duplicate", receipt.duplicate());
  }

  /** The org's stored deliveries in a status ({@code failed} by default), oldest first. */
  @GetMapping("/webhooks/events")
  List<DeliveryView> events(
      Actor actor,
      @RequestParam(defaultValue = "failed") String status,
      @RequestParam(defaultValue = "0") long after,
      @RequestParam(defaultValue = "50") int limit) {
    WebhookStatus s =
        WebhookStatus.fromWireName(status)
            .orElseThrow(
                () ->
                    OmniFlowException.invalidInput(
                        "invalid_status", "status must be pending, done, dropped or failed."));
    return omniFlow.webhooks().events(actor, s, after, limit).stream()
        .map(DeliveryView::of)
        .toList();
  }

  /** Puts a settled delivery of the org back to run; 409 {@code webhook_event_pending}. */
  @PostMapping("/webhooks/events/{id}/replay")
  DeliveryView replay(Actor actor, @PathVariable long id) {
    return DeliveryView.of(omniFlow.webhooks().replay(actor, id));
  }

  /** The request as the platform sent it: the URL it called (for Twilio's signature), headers. */
  private static WebhookRequest webhookRequest(HttpServletRequest request, byte[] body) {
    StringBuilder url = new StringBuilder(request.getRequestURL());
    if (request.getQueryString() != null) {
      url.append('?').append(request.getQueryString());
    }
    URI uri;
    try {
      uri = URI.create(url.toString());
    } catch (IllegalArgumentException e) {
      throw OmniFlowException.badRequest("invalid_uri", "The request URI cannot be read.");
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    int count = 0;
    for (String name : Collections.list(request.getHeaderNames())) {
      if (++count > 64) {
        break;
      }
      List<String> values = new ArrayList<>();
      for (String v : Collections.list(request.getHeaders(name))) {
        if (values.size() < 8 && v.length() <= 8192) {
          values.add(v);
        }
      }
      headers.put(name, values);
    }
    return new WebhookRequest(request.getMethod(), uri, headers, body);
  }

  /** A stored delivery without its body: what an admin needs to decide on a replay. */
  record DeliveryView(
      long id,
      String provider,
      String status,
      int attempts,
      Instant receivedAt,
      Instant nextAttemptAt,
      int eventCount,
      @Nullable String lastError,
      @Nullable Instant processedAt) {
    static DeliveryView of(StoredDelivery d) {
      return new DeliveryView(
          d.id(),
          d.delivery().provider(),
          d.status().wireName(),
          d.attempts(),
          d.delivery().receivedAt(),
          d.nextAttemptAt(),
          d.eventCount(),
          d.lastError(),
          d.processedAt());
    }
  }
}
