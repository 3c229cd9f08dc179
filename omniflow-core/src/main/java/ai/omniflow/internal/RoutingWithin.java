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
  default void record(StoreTransaction tx, UUID leadId, RoutingDecision decision) {
    record(tx, leadId, decision, null);
  }

  /**
   * As {@link #record(StoreTransaction, UUID, RoutingDecision)}, the event also naming why the lead
   * was routed ({@code reason}, e.g. {@code sla_escalation}) when not {@code null}.
   */
  void record(StoreTransaction tx, UUID leadId, RoutingDecision decision, @Nullable String reason);
}
