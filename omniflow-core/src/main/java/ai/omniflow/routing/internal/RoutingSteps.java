package ai.omniflow.routing.internal;

import ai.omniflow.internal.Recorder;
import ai.omniflow.internal.RoutingWithin;
import ai.omniflow.routing.RoutingConfig;
import ai.omniflow.routing.RoutingDecision;
import ai.omniflow.routing.RoutingEngine;
import ai.omniflow.routing.RoutingEvents;
import ai.omniflow.routing.RoutingJson;
import ai.omniflow.routing.RoutingRequest;
import ai.omniflow.routing.RoutingSnapshot;
import ai.omniflow.store.spi.StoreTransaction;
import ai.omniflow.tenancy.Permission;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Routing inside the caller's transaction: the org's lock, the configuration and engine in force,
 * the snapshot of agents, groups and counters, and the record of a decision. None of these checks a
 * permission except {@link #route}; the caller has.
 *
 * <pre>{@code
 * RoutingDecision d = steps.route(tx, lead.id(), request, () -> openLeadsByAgent(tx));
 * }</pre>
 *
 * <p>Thread-safe (stateless apart from its collaborators).
 */
public final class RoutingSteps implements RoutingWithin {
  private final Function<StoreTransaction, Optional<RoutingEngine>> packRouting;
  private final Clock clock;

  /**
   * @param packRouting the compiled routing engine of the transaction's org's pack; empty if none
   */
  public RoutingSteps(
      Function<StoreTransaction, Optional<RoutingEngine>> packRouting, Clock clock) {
    this.packRouting = Objects.requireNonNull(packRouting, "packRouting");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Routes lead {@code leadId}, the whole safe sequence: {@link #lock}, then {@code openCounts}
   * (read under the lock, so another node's assignment is seen), {@link #snapshot}, {@link
   * #engine(StoreTransaction)}, decide at the clock's now, {@link #record}. The caller writes the
   * assignment (or the offer, or the pond) in the same transaction.
   *
   * @throws ai.omniflow.OmniFlowException {@code forbidden} without {@link Permission#ROUTING_READ}
   */
  public RoutingDecision route(
      StoreTransaction tx,
      UUID leadId,
      RoutingRequest request,
      Supplier<Map<UUID, Integer>> openCounts) {
    Objects.requireNonNull(leadId, "leadId");
    Objects.requireNonNull(request, "request");
    Permission.ROUTING_READ.check(tx.actor());
    lock(tx);
    RoutingSnapshot state = snapshot(tx, openCounts.get());
    RoutingDecision d = engine(tx).decide(request, state, clock.instant());
    record(tx, leadId, d);
    return d;
  }

  /**
   * Locks the org's routing state until {@code tx} ends ({@link
   * ai.omniflow.store.spi.RoutingRepository#lock()}).
   */
  @Override
  public void lock(StoreTransaction tx) {
    tx.routing().lock();
  }

  /** The configuration in force: the org's own, else its pack's, else the default. */
  public RoutingConfig config(StoreTransaction tx) {
    Optional<RoutingConfig> own = tx.routing().config();
    if (own.isPresent()) {
      return own.get();
    }
    return packEngine(tx).map(RoutingEngine::config).orElse(RoutingConfig.DEFAULT);
  }

  /** An engine for the configuration in force and the org's pack fields. */
  public RoutingEngine engine(StoreTransaction tx) {
    return engine(tx, packEngine(tx).orElse(null));
  }

  /**
   * As {@link #engine(StoreTransaction)} for a caller that has read the org's pack already: {@code
   * packEngine} is the pack's compiled routing engine ({@code null}: the org has no pack), used as
   * it is unless the org has a configuration of its own.
   */
  @Override
  public RoutingEngine engine(StoreTransaction tx, @Nullable RoutingEngine packEngine) {
    Optional<RoutingConfig> own = tx.routing().config();
    if (own.isPresent()) {
      return RoutingEngine.compile(own.get(), packEngine == null ? List.of() : packEngine.fields());
    }
    return packEngine == null
        ? RoutingEngine.compile(RoutingConfig.DEFAULT, List.of())
        : packEngine;
  }

  /** The lead fields of the org's pack (none without a pack), against which rules compile. */
  public List<ai.omniflow.fields.LeadField> fields(StoreTransaction tx) {
    return packEngine(tx).map(RoutingEngine::fields).orElse(List.of());
  }

  /**
   * The org's agents, groups and counters with {@code openCounts} (open leads per agent, from the
   * leads). Call {@link #lock} first.
   */
  public RoutingSnapshot snapshot(StoreTransaction tx, Map<UUID, Integer> openCounts) {
    return RoutingSnapshot.of(
        tx.routing().agents(), tx.routing().groups(), tx.routing().counters(), openCounts);
  }

  /**
   * Records a decision about lead {@code leadId}: bumps the group's counter when the decision says
   * so and writes a {@code lead.routed} event and audit entry carrying the outcome and the
   * explanation. The lead engine writes the assignment itself.
   */
  @Override
  public void record(
      StoreTransaction tx, UUID leadId, RoutingDecision decision, @Nullable String reason) {
    String counter = decision.counterGroup();
    if (counter != null) {
      tx.routing().incrementCounter(counter, Objects.requireNonNull(decision.agent()));
    }
    Map<String, @Nullable Object> payload = RoutingJson.toJson(decision);
    if (reason != null) {
      payload.put("reason", reason);
    }
    Recorder.record(
        tx,
        clock.instant(),
        new Recorder.Change(
            RoutingEvents.LEAD_ROUTED,
            RoutingEvents.AUDIT_LEAD_ROUTE,
            "lead",
            leadId.toString(),
            payload,
            null,
            payload));
  }

  private Optional<RoutingEngine> packEngine(StoreTransaction tx) {
    return packRouting.apply(tx);
  }
}
