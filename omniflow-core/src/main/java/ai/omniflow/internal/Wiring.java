package ai.omniflow.internal;

import ai.omniflow.connectors.ConnectorRegistry;
import ai.omniflow.pack.PackCatalog;
import ai.omniflow.routing.RoutingEngine;
import ai.omniflow.store.spi.Store;
import ai.omniflow.store.spi.StoreTransaction;
import ai.omniflow.vault.TokenVault;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * How {@link ai.omniflow.OmniFlow.Builder} builds the service facades, whose constructors are
 * package-private so that a host cannot build a second, inconsistent graph of services (decision
 * 0032). Each facade registers its factory from its own static initializer ({@link #register},
 * which only the facade itself may call); {@link #build} initializes the facade's class and calls
 * it. The parts every facade may need (store, clock, packs, connectors) and the facades and
 * in-transaction collaborators built so far are held here, for one build only.
 *
 * <pre>{@code
 * static {
 *   Wiring.register(EventService.class, w -> new EventService(w.store()));
 * }
 * }</pre>
 *
 * <p>Not API. Not thread-safe: one builder uses one instance.
 */
public final class Wiring {
  private static final Map<Class<?>, Function<Wiring, ?>> FACTORIES = new ConcurrentHashMap<>();
  private static final StackWalker WALKER =
      StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

  private final Store store;
  private final Clock clock;
  private final PackCatalog packs;
  private final ConnectorRegistry connectorRegistry;
  private final @Nullable TokenVault tokenVault;
  private final Function<StoreTransaction, Optional<RoutingEngine>> packRouting;
  private final Consumer<UUID> afterPackChange;
  private final Map<Class<?>, Object> parts = new LinkedHashMap<>();

  /**
   * @param packRouting the routing engine of the transaction's org's pack
   * @param afterPackChange what to do once an org's pack selection commits
   */
  public Wiring(
      Store store,
      Clock clock,
      PackCatalog packs,
      ConnectorRegistry connectorRegistry,
      @Nullable TokenVault tokenVault,
      Function<StoreTransaction, Optional<RoutingEngine>> packRouting,
      Consumer<UUID> afterPackChange) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.packs = Objects.requireNonNull(packs, "packs");
    this.connectorRegistry = Objects.requireNonNull(connectorRegistry, "connectorRegistry");
    this.tokenVault = tokenVault;
    this.packRouting = Objects.requireNonNull(packRouting, "packRouting");
    this.afterPackChange = Objects.requireNonNull(afterPackChange, "afterPackChange");
  }

  /**
   * Registers the factory of {@code facade}; called once, from the facade's static initializer.
   *
   * @throws IllegalStateException if called from any class but {@code facade}, or twice
   */
  public static <F> void register(Class<F> facade, Function<Wiring, F> factory) {
    Objects.requireNonNull(factory, "factory");
    if (WALKER.getCallerClass() != facade) {
      throw new IllegalStateException("only " + facade.getName() + " registers its factory");
    }
    if (FACTORIES.putIfAbsent(facade, factory) != null) {
      throw new IllegalStateException(facade.getName() + " is registered already");
    }
  }

  /**
   * Builds {@code facade} with its registered factory and keeps it for the facades built after it
   * ({@link #part}).
   *
   * @throws IllegalStateException if the facade registers no factory
   */
  public <F> F build(Class<F> facade) {
    try {
      Class.forName(facade.getName(), true, facade.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(facade.getName() + " cannot be loaded", e);
    }
    Function<Wiring, ?> factory = FACTORIES.get(facade);
    if (factory == null) {
      throw new IllegalStateException(facade.getName() + " registers no factory");
    }
    F built = facade.cast(factory.apply(this));
    provide(facade, built);
    return built;
  }

  /** Keeps {@code part} (a facade, or an in-transaction collaborator) for later factories. */
  public <T> void provide(Class<T> type, T part) {
    parts.put(type, type.cast(Objects.requireNonNull(part, "part")));
  }

  /**
   * A facade or collaborator built before.
   *
   * @throws IllegalStateException if none of that type was built yet
   */
  public <T> T part(Class<T> type) {
    Object part = parts.get(type);
    if (part == null) {
      throw new IllegalStateException(type.getName() + " is not built yet");
    }
    return type.cast(part);
  }

  public Store store() {
    return store;
  }

  public Clock clock() {
    return clock;
  }

  public PackCatalog packs() {
    return packs;
  }

  public ConnectorRegistry connectorRegistry() {
    return connectorRegistry;
  }

  public @Nullable TokenVault tokenVault() {
    return tokenVault;
  }

  public Function<StoreTransaction, Optional<RoutingEngine>> packRouting() {
    return packRouting;
  }

  public Consumer<UUID> afterPackChange() {
    return afterPackChange;
  }
}
