package ai.omniflow.webhooks.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.internal.Recorder;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import ai.omniflow.webhooks.StoredDelivery;
import ai.omniflow.webhooks.WebhookErrors;
import ai.omniflow.webhooks.WebhookEvents;
import ai.omniflow.webhooks.WebhookService;
import ai.omniflow.webhooks.WebhookStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An org admin's view of the org's stored deliveries, and replaying one. {@link
 * WebhookService#events} and {@link WebhookService#replay} delegate here; their Javadoc is the
 * spec. Not API. Thread-safe.
 */
public final class StoredDeliveries {
  private final Store store;
  private final Clock clock;

  public StoredDeliveries(Store store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** As {@link WebhookService#events}. */
  public List<StoredDelivery> events(Actor actor, WebhookStatus status, long afterId, int limit) {
    Permission.ORG_SETTINGS_MANAGE.check(actor);
    Objects.requireNonNull(status, "status");
    if (limit < 1 || limit > WebhookService.MAX_PAGE) {
      throw OmniFlowException.invalidInput(
          "invalid_limit", "limit must be 1 to " + WebhookService.MAX_PAGE + ".");
    }
    return store.webhookInbox().list(actor.orgId(), status, Math.max(0, afterId), limit);
  }

  /** As {@link WebhookService#replay}. */
  public StoredDelivery replay(Actor actor, long id) {
    Permission.ORG_SETTINGS_MANAGE.check(actor);
    StoredDelivery before =
        store
            .webhookInbox()
            .find(id)
            .filter(d -> actor.orgId().equals(d.orgId()))
            .orElseThrow(() -> OmniFlowException.notFound("The webhook event"));
    if (before.status() == WebhookStatus.PENDING) {
      throw OmniFlowException.conflict(
          WebhookErrors.WEBHOOK_EVENT_PENDING, "The webhook event is waiting to run already.");
    }
    Instant now = clock.instant();
    store.useTransaction(
        actor,
        tx -> {
          Map<String, @Nullable Object> payload = new LinkedHashMap<>();
          payload.put("id", id);
          payload.put("provider", before.delivery().provider());
          payload.put("status_before", before.status().wireName());
          Recorder.record(
              tx,
              now,
              new Recorder.Change(
                  WebhookEvents.WEBHOOK_EVENT_REPLAYED,
                  WebhookEvents.AUDIT_WEBHOOK_EVENT_REPLAY,
                  "webhook_event",
                  Long.toString(id),
                  payload,
                  Map.of("status", before.status().wireName()),
                  Map.of("status", WebhookStatus.PENDING.wireName())));
          // Last, so that a refusal rolls the event and audit entry back.
          if (!store.webhookInbox().requeue(id, actor.orgId(), now)) {
            throw OmniFlowException.conflict(
                WebhookErrors.WEBHOOK_EVENT_PENDING,
                "The webhook event is waiting to run already.");
          }
        });
    return store.webhookInbox().find(id).orElseThrow();
  }
}
