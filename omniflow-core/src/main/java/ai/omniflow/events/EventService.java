package ai.omniflow.events;

import ai.omniflow.Page;
import ai.omniflow.PageRequest;
import ai.omniflow.internal.Wiring;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import java.util.Objects;

/**
 * Reads an org's event log, newest first.
 *
 * <pre>{@code
 * Page<DomainEvent> page = omniFlow.events().list(actor, PageRequest.of(20, 0));
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class EventService {
  static {
    // Only OmniFlow.builder() builds services (decision 0032).
    Wiring.register(EventService.class, w -> new EventService(w.store()));
  }

  private final Store store;

  EventService(Store store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /**
   * @throws ai.omniflow.OmniFlowException {@code forbidden} without {@link Permission#EVENTS_READ}
   */
  public Page<DomainEvent> list(Actor actor, PageRequest page) {
    Permission.EVENTS_READ.check(actor);
    return store.inTransaction(actor, tx -> tx.events().list(page));
  }
}
