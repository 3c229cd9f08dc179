package ai.omniflow.webhooks.internal;

import ai.omniflow.connectors.ConnectorAccount;
import ai.omniflow.store.spi.Store;
import ai.omniflow.store.spi.WebhookInboxRepository;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import ai.omniflow.webhooks.LastDelivery;
import ai.omniflow.webhooks.WebhookService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The last webhook delivery of each of the org's connector accounts. {@link
 * WebhookService#lastDeliveries} delegates here; its Javadoc is the spec. Not API. Thread-safe.
 */
public final class AccountDeliveries {
  private final Store store;

  public AccountDeliveries(Store store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /** As {@link WebhookService#lastDeliveries}. */
  public Map<String, LastDelivery> lastDeliveries(Actor actor) {
    Permission.CONNECTORS_READ.check(actor);
    List<String> refs =
        store.inTransaction(
            actor,
            tx ->
                tx.connectorAccounts().list().stream().map(ConnectorAccount::accountRef).toList());
    Map<String, LastDelivery> last = new LinkedHashMap<>();
    int chunk = WebhookInboxRepository.MAX_LAST_DELIVERIES;
    for (int from = 0; from < refs.size(); from += chunk) {
      List<String> some = refs.subList(from, Math.min(refs.size(), from + chunk));
      for (LastDelivery d : store.webhookInbox().lastDeliveries(actor.orgId(), some)) {
        last.put(d.accountRef(), d);
      }
    }
    return Map.copyOf(last);
  }
}
