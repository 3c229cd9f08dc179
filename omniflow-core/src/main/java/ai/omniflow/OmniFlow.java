package ai.omniflow;

import ai.omniflow.audit.AuditService;
import ai.omniflow.connector.spi.ConnectorConfig;
import ai.omniflow.connector.spi.ConnectorFactory;
import ai.omniflow.connectors.ConnectorMode;
import ai.omniflow.connectors.ConnectorRegistry;
import ai.omniflow.connectors.ConnectorService;
import ai.omniflow.contacts.ContactService;
import ai.omniflow.events.EventService;
import ai.omniflow.inbox.InboxService;
import ai.omniflow.pack.PackCatalog;
import ai.omniflow.pack.PackService;
import ai.omniflow.pack.spi.PackSource;
import ai.omniflow.store.InMemoryStore;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.ApiKeyService;
import ai.omniflow.tenancy.Authenticator;
import ai.omniflow.tenancy.TenancyService;
import ai.omniflow.vault.TokenVault;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * OmniFlow, wired: the services a host calls, over one {@link Store}, one set of vertical packs and
 * one clock. Build it once and share it.
 *
 * <pre>{@code
 * OmniFlow omniFlow = OmniFlow.builder()
 *     .store(new InMemoryStore())
 *     .packSource(ClasspathPackSource.shipped())
 *     .build();
 * Org org = omniFlow.tenancy().createOrg(orgId, "Bay Realty", owner);
 * omniFlow.packs().select(Actor.of(orgId, owner.id(), Role.OWNER), "real-estate");
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class OmniFlow {
  private final Store store;
  private final PackCatalog packCatalog;
  private final Clock clock;
  private final TenancyService tenancy;
  private final Authenticator authenticator;
  private final ApiKeyService apiKeys;
  private final PackService packs;
  private final EventService events;
  private final AuditService audit;
  private final ConnectorService connectors;
  private final ContactService contacts;
  private final InboxService inbox;
  private final ai.omniflow.leads.LeadService leads;
  private final ai.omniflow.routing.RoutingService routing;
  private final @Nullable TokenVault tokenVault;
  private final ObservationRegistry observationRegistry;

  private OmniFlow(Builder b) {
    this.store = b.store == null ? new InMemoryStore() : b.store;
    this.packCatalog = b.packCatalog == null ? PackCatalog.empty() : b.packCatalog;
    this.clock = b.clock;
    this.tenancy = new TenancyService(store, clock);
    this.authenticator = new Authenticator(store);
    this.apiKeys = new ApiKeyService(store, clock);
    // A new pack (or pack version) rescores the org's open leads once the selection commits.
    this.packs = new PackService(store, packCatalog, clock, this::rescoreAfterPackChange);
    this.events = new EventService(store);
    this.audit = new AuditService(store);
    this.contacts = new ContactService(store, clock);
    this.tokenVault = b.tokenVault;
    List<ConnectorRegistry.Registration> registrations = new ArrayList<>();
    for (PendingConnector p : b.connectors) {
      registrations.add(
          new ConnectorRegistry.Registration(
              p.factory(), p.config(), p.modes(), p.factory().create(p.config())));
    }
    ConnectorRegistry registry = ConnectorRegistry.of(registrations, b.connectorMode);
    this.observationRegistry = b.observationRegistry;
    this.connectors = new ConnectorService(store, registry, tokenVault, clock, observationRegistry);
    this.inbox = new InboxService(store, clock, contacts, connectors, observationRegistry);
    PackCatalog catalog = packCatalog;
    this.routing =
        new ai.omniflow.routing.RoutingService(
            store,
            slug -> catalog.find(slug).map(p -> ai.omniflow.pack.CompiledPack.of(p).routing()),
            clock);
    this.leads =
        new ai.omniflow.leads.LeadService(store, packCatalog, clock, routing, observationRegistry);
  }

  private void rescoreAfterPackChange(UUID org) {
    leads.rescoreOpen(Actor.system(org), "pack_changed", 200);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this instance's store, packs and clock. */
  public Builder toBuilder() {
    Builder b = new Builder().store(store).packCatalog(packCatalog).clock(clock);
    for (ConnectorRegistry.Registration r : connectors.registry().all()) {
      b.connector(r.factory(), r.config(), r.modes());
    }
    b.connectorMode(connectors.registry().mode());
    b.observationRegistry(observationRegistry);
    if (tokenVault != null) {
      b.tokenVault(tokenVault);
    }
    return b;
  }

  public Store store() {
    return store;
  }

  public PackCatalog packCatalog() {
    return packCatalog;
  }

  public Clock clock() {
    return clock;
  }

  public TenancyService tenancy() {
    return tenancy;
  }

  public Authenticator authenticator() {
    return authenticator;
  }

  public ApiKeyService apiKeys() {
    return apiKeys;
  }

  public PackService packs() {
    return packs;
  }

  public EventService events() {
    return events;
  }

  public AuditService audit() {
    return audit;
  }

  /** Connector accounts: OAuth, health, sending, disconnecting. */
  public ConnectorService connectors() {
    return connectors;
  }

  /** Contacts and their cross-channel identities: resolve, merge, unmerge. */
  public ContactService contacts() {
    return contacts;
  }

  /** Threads, messages, touchpoints and the ingest path every inbound event takes. */
  public InboxService inbox() {
    return inbox;
  }

  /** Leads: conversion from threads, stages, outcomes and scoring. */
  public ai.omniflow.leads.LeadService leads() {
    return leads;
  }

  /** Agents, availability, routing groups and the routing configuration; see docs/routing.md. */
  public ai.omniflow.routing.RoutingService routing() {
    return routing;
  }

  /** Where this instance's observations go; {@link ObservationRegistry#NOOP} unless set. */
  public ObservationRegistry observationRegistry() {
    return observationRegistry;
  }

  private record PendingConnector(
      ConnectorFactory factory, ConnectorConfig config, Set<ConnectorMode> modes) {}

  /** Builds an {@link OmniFlow}. Not thread-safe. */
  public static final class Builder {
    private @Nullable Store store;
    private @Nullable PackCatalog packCatalog;
    private Clock clock = Clock.systemUTC();
    private final List<PendingConnector> connectors = new ArrayList<>();
    private ConnectorMode connectorMode = ConnectorMode.MOCK;
    private @Nullable TokenVault tokenVault;
    private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

    private Builder() {}

    /**
     * Registers a connector with its app's configuration. It serves the modes of {@link
     * ConnectorRegistry#defaultModes}: mock mode for {@code mock}, live mode for the others.
     */
    public Builder connector(ConnectorFactory factory, ConnectorConfig config) {
      Objects.requireNonNull(factory, "factory");
      return connector(factory, config, ConnectorRegistry.defaultModes(factory.providerId()));
    }

    /** Registers a connector that serves the given modes. */
    public Builder connector(
        ConnectorFactory factory, ConnectorConfig config, Set<ConnectorMode> modes) {
      connectors.add(
          new PendingConnector(
              Objects.requireNonNull(factory, "factory"),
              Objects.requireNonNull(config, "config"),
              Set.copyOf(modes)));
      return this;
    }

    /** Which connectors are available; the default is {@link ConnectorMode#MOCK}. */
    public Builder connectorMode(ConnectorMode mode) {
      this.connectorMode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /** The vault that seals connector tokens; required once any connector is registered. */
    public Builder tokenVault(TokenVault vault) {
      this.tokenVault = Objects.requireNonNull(vault, "vault");
      return this;
    }

    /** The store; the default is a new {@link InMemoryStore}. */
    public Builder store(Store store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Loads the packs from {@code source} now.
     *
     * @throws RuntimeException whatever the source throws for a bad pack
     */
    public Builder packSource(PackSource source) {
      this.packCatalog = PackCatalog.of(Objects.requireNonNull(source, "source"));
      return this;
    }

    public Builder packCatalog(PackCatalog catalog) {
      this.packCatalog = Objects.requireNonNull(catalog, "catalog");
      return this;
    }

    /**
     * Where core's Micrometer Observations go: {@code omniflow.inbox.ingest}, {@code
     * omniflow.inbox.send}, {@code omniflow.leads.score}, {@code omniflow.leads.route} and {@code
     * omniflow.connector.call}, with low-cardinality tags only (docs/architecture.md). Defaults to
     * {@link ObservationRegistry#NOOP}.
     *
     * @throws NullPointerException if {@code registry} is null
     */
    public Builder observationRegistry(ObservationRegistry registry) {
      this.observationRegistry = Objects.requireNonNull(registry, "observationRegistry");
      return this;
    }

    /** Where time comes from; the default is the system clock in UTC. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * @throws IllegalStateException if connectors are registered without a token vault
     * @throws IllegalArgumentException if two connectors share a provider id
     */
    public OmniFlow build() {
      if (!connectors.isEmpty() && tokenVault == null) {
        throw new IllegalStateException(
            "connectors are registered but no token vault is set: call tokenVault(...)");
      }
      return new OmniFlow(this);
    }
  }
}
