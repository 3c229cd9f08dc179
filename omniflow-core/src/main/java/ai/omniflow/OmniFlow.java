package ai.omniflow;

import ai.omniflow.assist.PackIntentClassifier;
import ai.omniflow.assist.TemplateReplySuggester;
import ai.omniflow.assist.spi.IntentClassifier;
import ai.omniflow.assist.spi.ReplySuggester;
import ai.omniflow.audit.AuditService;
import ai.omniflow.connector.spi.ConnectorConfig;
import ai.omniflow.connector.spi.ConnectorFactory;
import ai.omniflow.connectors.ConnectorMode;
import ai.omniflow.connectors.ConnectorRegistry;
import ai.omniflow.connectors.ConnectorService;
import ai.omniflow.contacts.ContactService;
import ai.omniflow.events.EventService;
import ai.omniflow.inbox.InboxService;
import ai.omniflow.inbox.SentAtWindow;
import ai.omniflow.internal.Wiring;
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
  private final SentAtWindow sentAtWindow;
  private final ai.omniflow.leads.LeadService leads;
  private final ai.omniflow.routing.RoutingService routing;
  private final ai.omniflow.attribution.AttributionService attribution;
  private final ai.omniflow.sla.SlaService sla;
  private final ai.omniflow.webhooks.WebhookService webhooks;
  private final ai.omniflow.enrollment.EnrollmentService enrollments;
  private final ai.omniflow.enrollment.PlaybookService playbooks;
  private final ai.omniflow.tasks.TaskService tasks;
  private final @Nullable TokenVault tokenVault;
  private final ReplySuggester replySuggester;
  private final @Nullable ReplySuggester registeredSuggester;
  private final IntentClassifier intentClassifier;
  private final ObservationRegistry observationRegistry;
  private final ai.omniflow.sla.spi.Notifier slaNotifier;

  private OmniFlow(Builder b) {
    this.store = b.store == null ? new InMemoryStore() : b.store;
    this.packCatalog = b.packCatalog == null ? PackCatalog.empty() : b.packCatalog;
    this.clock = b.clock;
    this.tokenVault = b.tokenVault;
    this.intentClassifier = b.intentClassifier;
    this.registeredSuggester = b.replySuggester;
    this.replySuggester =
        b.replySuggester == null
            ? TemplateReplySuggester.builder().classifier(intentClassifier).build()
            : b.replySuggester;
    List<ConnectorRegistry.Registration> registrations = new ArrayList<>();
    for (PendingConnector p : b.connectors) {
      registrations.add(
          new ConnectorRegistry.Registration(
              p.factory(), p.config(), p.modes(), p.factory().create(p.config())));
    }
    this.sentAtWindow = b.sentAtWindow;
    this.observationRegistry = b.observationRegistry;
    this.slaNotifier = b.slaNotifier;
    PackCatalog catalog = packCatalog;
    // Services have package-private constructors: only this builds them, as one graph (0032).
    Wiring w =
        new Wiring(
            store,
            clock,
            packCatalog,
            ConnectorRegistry.of(registrations, b.connectorMode),
            tokenVault,
            tx ->
                ai.omniflow.internal.OrgPacks.find(tx, catalog)
                    .map(p -> ai.omniflow.pack.CompiledPack.of(p).routing()),
            // A new pack (or pack version) rescores the org's open leads once the selection
            // commits.
            this::rescoreAfterPackChange);
    w.provide(SentAtWindow.class, sentAtWindow);
    w.provide(ReplySuggester.class, replySuggester);
    w.provide(IntentClassifier.class, intentClassifier);
    w.provide(ObservationRegistry.class, observationRegistry);
    w.provide(ai.omniflow.sla.spi.Notifier.class, slaNotifier);
    this.tenancy = w.build(TenancyService.class);
    this.authenticator = w.build(Authenticator.class);
    this.apiKeys = w.build(ApiKeyService.class);
    this.packs = w.build(PackService.class);
    this.events = w.build(EventService.class);
    this.audit = w.build(AuditService.class);
    this.contacts = w.build(ContactService.class);
    this.connectors = w.build(ConnectorService.class);
    // Leads hand the inbox the conversion of lead-ad forms, so routing and leads come first.
    this.routing = w.build(ai.omniflow.routing.RoutingService.class);
    this.leads = w.build(ai.omniflow.leads.LeadService.class);
    // The SLA service hands the inbox its clock keeping, and its escalations re-route leads, so it
    // is built after leads and before the inbox.
    this.sla = w.build(ai.omniflow.sla.SlaService.class);
    this.inbox = w.build(InboxService.class);
    this.attribution = w.build(ai.omniflow.attribution.AttributionService.class);
    this.webhooks = w.build(ai.omniflow.webhooks.WebhookService.class);
    // Enrollments send through the inbox, so they are built after it.
    this.enrollments = w.build(ai.omniflow.enrollment.EnrollmentService.class);
    this.playbooks = w.build(ai.omniflow.enrollment.PlaybookService.class);
    this.tasks = w.build(ai.omniflow.tasks.TaskService.class);
  }

  private void rescoreAfterPackChange(UUID org) {
    leads.rescoreOpen(Actor.system(org), "pack_changed", 200);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this instance's store, packs and clock. */
  public Builder toBuilder() {
    Builder b =
        new Builder()
            .store(store)
            .packCatalog(packCatalog)
            .clock(clock)
            .sentAtWindow(sentAtWindow)
            .intentClassifier(intentClassifier);
    if (registeredSuggester != null) {
      // The default suggester follows the classifier, so a derived copy keeps deriving it.
      b.replySuggester(registeredSuggester);
    }
    for (ConnectorRegistry.Registration r : connectors.registry().all()) {
      b.connector(r.factory(), r.config(), r.modes());
    }
    b.connectorMode(connectors.registry().mode());
    b.observationRegistry(observationRegistry);
    b.slaNotifier(slaNotifier);
    if (tokenVault != null) {
      b.tokenVault(tokenVault);
    }
    return b;
  }

  public PackCatalog packCatalog() {
    return packCatalog;
  }

  public Clock clock() {
    return clock;
  }

  /** The suggester of {@link InboxService#suggestReply}. */
  public ReplySuggester replySuggester() {
    return replySuggester;
  }

  /** The classifier that finds the intents of inbound messages: opt-outs, scoring signals. */
  public IntentClassifier intentClassifier() {
    return intentClassifier;
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

  /** Touchpoints from outside the inbox, spend, and attribution reports over stored journeys. */
  public ai.omniflow.attribution.AttributionService attribution() {
    return attribution;
  }

  /** The SLA policy in force and the org's business calendars; see docs/sla.md. */
  public ai.omniflow.sla.SlaService sla() {
    return sla;
  }

  /**
   * Nurture enrollments: enroll a lead in a playbook, stop it, read it with its history, and run
   * its steps from the scheduler; see docs/nurture.md.
   */
  public ai.omniflow.enrollment.EnrollmentService enrollments() {
    return enrollments;
  }

  /**
   * Nurture playbooks per org: the pack's and the org's own, edited and deleted, and the ones that
   * fit a lead now; see docs/nurture.md.
   */
  public ai.omniflow.enrollment.PlaybookService playbooks() {
    return playbooks;
  }

  /** Tasks for people: list, complete, snooze, and the scheduler's overdue checks. */
  public ai.omniflow.tasks.TaskService tasks() {
    return tasks;
  }

  /** Platform webhooks: receive and store deliveries, process them after the commit. */
  public ai.omniflow.webhooks.WebhookService webhooks() {
    return webhooks;
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
    private SentAtWindow sentAtWindow = SentAtWindow.DEFAULT;
    private final List<PendingConnector> connectors = new ArrayList<>();
    private ConnectorMode connectorMode = ConnectorMode.MOCK;
    private @Nullable TokenVault tokenVault;
    private @Nullable ReplySuggester replySuggester;
    private IntentClassifier intentClassifier = PackIntentClassifier.ofDefaults();
    private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;
    private ai.omniflow.sla.spi.Notifier slaNotifier = ai.omniflow.sla.spi.Notifier.EVENTS_ONLY;

    private Builder() {}

    /**
     * The suggester of {@link InboxService#suggestReply}; the default is a {@link
     * TemplateReplySuggester} that classifies with the {@link #intentClassifier}.
     */
    public Builder replySuggester(ReplySuggester suggester) {
      this.replySuggester = Objects.requireNonNull(suggester, "suggester");
      return this;
    }

    /**
     * The classifier that finds the intents of inbound messages: opt-outs for {@link
     * InboxService#suggestReply} and the intent signals of lead scoring; the default is {@link
     * PackIntentClassifier#ofDefaults()}.
     */
    public Builder intentClassifier(IntentClassifier classifier) {
      this.intentClassifier = Objects.requireNonNull(classifier, "classifier");
      return this;
    }

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

    /**
     * Who hears of SLA escalations beyond event {@code sla.escalated}, which is always written
     * (e-mail, SMS, chat); the default, {@link ai.omniflow.sla.spi.Notifier#EVENTS_ONLY}, does
     * nothing more.
     *
     * @throws NullPointerException if {@code notifier} is null
     */
    public Builder slaNotifier(ai.omniflow.sla.spi.Notifier notifier) {
      this.slaNotifier = Objects.requireNonNull(notifier, "notifier");
      return this;
    }

    /** Where time comes from; the default is the system clock in UTC. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * How far from now an inbound event's {@code sent_at} may lie for ingest to take it; the
     * default is {@link SentAtWindow#DEFAULT}, 30 days back and 5 minutes ahead.
     */
    public Builder sentAtWindow(SentAtWindow window) {
      this.sentAtWindow = Objects.requireNonNull(window, "window");
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
