package ai.omniflow.internal;

import ai.omniflow.routing.RoutingDecision;
import ai.omniflow.routing.RoutingEngine;
import ai.omniflow.store.spi.StoreTransaction;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The routing steps another area composes inside its own transaction (leads route and claim under
 * the org's routing lock). Implemented by the routing service, handed over by {@link Wiring}; not
 * API.
 */
public interface RoutingWithin {
  /** Takes the org's routing lock until the transaction ends. */
  void lock(StoreTransaction tx);

  /** The org's routing engine: its own configuration, else {@code packEngine}, else defaults. */
  RoutingEngine engine(StoreTransaction tx, @Nullable RoutingEngine packEngine);

  /** Bumps the decision's round-robin counter and records event {@code lead.routed}. */
  void record(StoreTransaction tx, UUID leadId, RoutingDecision decision);
}
