package ai.omniflow.webhooks.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.connector.spi.ConnectorException;
import ai.omniflow.connector.spi.FailureKind;
import ai.omniflow.connector.spi.InboundEvent;
import ai.omniflow.connectors.ConnectorAccount;
import ai.omniflow.connectors.ConnectorErrors;
import ai.omniflow.connectors.ConnectorRegistry;
import ai.omniflow.connectors.ConnectorService;
import ai.omniflow.inbox.InboxService;
import ai.omniflow.store.spi.Store;
import ai.omniflow.store.spi.WebhookInboxRepository;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.webhooks.AccountOwner;
import ai.omniflow.webhooks.ProcessingReport;
import ai.omniflow.webhooks.Settlement;
import ai.omniflow.webhooks.StoredDelivery;
import ai.omniflow.webhooks.WebhookErrors;
import ai.omniflow.webhooks.WebhookService;
import ai.omniflow.webhooks.WebhookSettings;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processing stored deliveries after the commit: claims a batch under a lease, parses each delivery
 * through its provider's connector, finds each event's org from the platform account it names, and
 * hands the events to the one ingest path, an org's several in one transaction ({@link
 * InboxService#ingestAll}; one at a time, {@link InboxService#ingest}, after that fails), whose
 * receipts make a delivery that runs twice take each message in once. A failure is retried with
 * back-off, then parked {@code failed}. {@link WebhookService#process} delegates here; its Javadoc
 * is the spec. Not API. Thread-safe.
 */
public final class Processing {
  private static final Logger LOG = LoggerFactory.getLogger(Processing.class);

  private final Store store;
  private final ConnectorRegistry registry;
  private final InboxService inbox;
  private final ConnectorService connectors;
  private final Clock clock;
  private final OrgIngests ingests;

  /** How many platform accounts' owners {@link #owner} keeps. */
  static final int MAX_OWNERS = 10_000;

  /**
   * The owners of platform accounts found before: an account's owner never changes once registered
   * (the first org to connect it keeps it, and the directory is append-only, V15), so a found owner
   * is kept, for a while, and an unowned account is asked again each time (it may be connected any
   * moment). Saves a transaction per event.
   */
  private final Cache<List<String>, AccountOwner> owners =
      Caffeine.newBuilder()
          .maximumSize(MAX_OWNERS)
          .expireAfterWrite(Duration.ofMinutes(10))
          .build();

  private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  /** The wait after a provider's rate limit that named none. */
  static final Duration DEFAULT_THROTTLE = Duration.ofSeconds(60);

  public Processing(
      Store store,
      ConnectorRegistry registry,
      InboxService inbox,
      ConnectorService connectors,
      Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.inbox = Objects.requireNonNull(inbox, "inbox");
    this.connectors = Objects.requireNonNull(connectors, "connectors");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ingests = new OrgIngests(inbox);
  }

  /** As {@link WebhookService#process}. */
  public ProcessingReport process(WebhookSettings settings) {
    Objects.requireNonNull(settings, "settings");
    WebhookInboxRepository deliveries = store.webhookInbox();
    UUID claim = UUID.randomUUID();
    List<StoredDelivery> batch =
        deliveries.claim(claim, clock.instant(), settings.lease(), settings.batchSize());
    Instant settleBy = clock.instant().plus(settings.lease().dividedBy(2));
    List<DeliveryWork> works = new ArrayList<>(batch.size());
    // Each org's events, in the order of the claim, go in by chunks of one transaction each
    // (decision 0081).
    Map<UUID, List<OrgIngests.Item>> byOrg = new LinkedHashMap<>();
    for (StoredDelivery d : batch) {
      works.add(parse(deliveries, d, byOrg));
    }
    ProcessingReport report = ProcessingReport.EMPTY;
    // Settled together, in one call at the end (one transaction, not one per delivery), or sooner
    // once half the lease has gone, so that no other worker claims what this one finished. A crash
    // before it leaves the batch to the next claim after the lease; ingest's receipts keep what
    // went in from going in twice (decision 0076).
    Map<Long, Settlement> unsettled = new LinkedHashMap<>();
    for (Map.Entry<UUID, List<OrgIngests.Item>> org : byOrg.entrySet()) {
      for (List<OrgIngests.Item> part : ingests.parts(org.getValue())) {
        ingests.ingest(org.getKey(), part);
        if (!clock.instant().isBefore(settleBy)) {
          report = report.plus(conclude(works, settings, unsettled));
          settle(deliveries, claim, unsettled);
        }
      }
    }
    report = report.plus(conclude(works, settings, unsettled));
    settle(deliveries, claim, unsettled);
    return report;
  }

  /**
   * Parses {@code d} and finds its events' owners; queues each owned event under its org. A
   * delivery whose parse fails, or whose owners cannot be read, has no event queued.
   */
  private DeliveryWork parse(
      WebhookInboxRepository deliveries, StoredDelivery d, Map<UUID, List<OrgIngests.Item>> byOrg) {
    DeliveryWork w = new DeliveryWork(d);
    String provider = d.delivery().provider();
    List<InboundEvent> events;
    try {
      Optional<ConnectorRegistry.Registration> reg = registry.find(provider);
      if (reg.isEmpty()) {
        w.parseFailure =
            DeliveryWork.Outcome.failed(
                0,
                0,
                0,
                d.orgId(),
                null,
                ConnectorErrors.UNKNOWN_PROVIDER,
                "no connector is registered for the provider");
        return w;
      }
      events = reg.get().connector().parse(d.delivery().toRequest());
    } catch (ConnectorException e) {
      w.parseFailure = refused(deliveries, d, e);
      return w;
    } catch (RuntimeException e) {
      w.parseFailure =
          DeliveryWork.Outcome.failed(
              0,
              0,
              0,
              d.orgId(),
              null,
              code(e, WebhookErrors.PARSE_FAILED),
              "parse: " + describe(e));
      return w;
    }
    w.events = events.size();
    List<OrgIngests.Item> owned = new ArrayList<>(events.size());
    for (InboundEvent event : events) {
      try {
        Optional<AccountOwner> owner = owner(deliveries, provider, event.providerAccountId());
        if (owner.isEmpty()) {
          w.unowned++;
          LOG.info(
              "webhook delivery {} of {}: an event for an account no org has connected, dropped",
              d.id(),
              provider);
          continue;
        }
        UUID org = w.org == null ? owner.get().orgId() : w.org;
        w.org = org;
        if (w.account == null && org.equals(owner.get().orgId())) {
          w.account = accountRef(owner.get());
        }
        owned.add(new OrgIngests.Item(w, owner.get(), event));
      } catch (RuntimeException e) {
        w.fail(code(e, WebhookErrors.INGEST_FAILED), "ingest: " + describe(e));
        return w;
      }
    }
    for (OrgIngests.Item i : owned) {
      byOrg.computeIfAbsent(i.owner().orgId(), k -> new ArrayList<>()).add(i);
    }
    w.open = owned.size();
    return w;
  }

  private static void settle(
      WebhookInboxRepository deliveries, UUID claim, Map<Long, Settlement> unsettled) {
    if (unsettled.isEmpty()) {
      return;
    }
    Set<Long> settled = deliveries.settleAll(claim, unsettled);
    for (Long id : unsettled.keySet()) {
      if (!settled.contains(id)) {
        // The lease ran out and another worker holds it now; it settles it.
        LOG.warn("webhook delivery {} was claimed again before it was settled", id);
      }
    }
    unsettled.clear();
  }

  /**
   * Puts the settlement of each delivery whose events have all been tried, and not concluded yet,
   * in {@code unsettled}, in the order of the claim; returns what they count.
   */
  private ProcessingReport conclude(
      List<DeliveryWork> works, WebhookSettings settings, Map<Long, Settlement> unsettled) {
    ProcessingReport report = ProcessingReport.EMPTY;
    for (DeliveryWork w : works) {
      if (!w.concluded && w.open == 0) {
        w.concluded = true;
        report = report.plus(w.conclude(settings, clock.instant(), unsettled));
      }
    }
    return report;
  }

  /** As {@link WebhookService#platformAccessToken}. */
  public Optional<String> accessToken(String provider, String externalAccountId) {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(externalAccountId, "externalAccountId");
    if (externalAccountId.isBlank()
        || externalAccountId.length() > ConnectorException.MAX_ACCOUNT_ID) {
      return Optional.empty();
    }
    Optional<AccountOwner> owner;
    try {
      owner = store.webhookInbox().owner(provider, externalAccountId);
    } catch (UnsupportedOperationException e) {
      return Optional.empty(); // a store without the webhook inbox knows no platform ids
    }
    return owner.flatMap(
        o -> connectors.webhookAccessToken(Actor.system(o.orgId()), provider, o.accountRef()));
  }

  private Optional<AccountOwner> owner(
      WebhookInboxRepository deliveries, String provider, String externalAccountId) {
    List<String> key = List.of(provider, externalAccountId);
    AccountOwner known = owners.getIfPresent(key);
    if (known != null) {
      return Optional.of(known);
    }
    Optional<AccountOwner> found = deliveries.owner(provider, externalAccountId);
    found.ifPresent(o -> owners.put(key, o));
    return found;
  }

  /**
   * A parse the platform refused (a Meta lead read): a refused token makes the account it concerns
   * {@code NEEDS_REAUTH}, so nothing calls the platform with it again until it is connected again,
   * and the delivery is retried (and replayable once reconnected); a rate limit puts the next
   * attempt no sooner than the wait the platform named.
   */
  private DeliveryWork.Outcome refused(
      WebhookInboxRepository deliveries, StoredDelivery d, ConnectorException e) {
    String provider = d.delivery().provider();
    UUID org = d.orgId();
    String account = null;
    Optional<AccountOwner> owner =
        e.externalAccountId().flatMap(id -> deliveries.owner(provider, id));
    if (owner.isPresent()) {
      // The delivery shows to the org of the account it failed for.
      org = org == null ? owner.get().orgId() : org;
      account = org.equals(owner.get().orgId()) ? accountRef(owner.get()) : null;
      if (e.kind() == FailureKind.AUTH_EXPIRED) {
        try {
          connectors.refusedByProvider(
              Actor.system(owner.get().orgId()), provider, owner.get().accountRef());
        } catch (RuntimeException x) {
          LOG.warn(
              "webhook delivery {} of {}: the refused account could not be marked: {}",
              d.id(),
              provider,
              describe(x));
        }
      }
    }
    Duration wait =
        e.kind() == FailureKind.RATE_LIMITED ? e.retryAfter().orElse(DEFAULT_THROTTLE) : null;
    return new DeliveryWork.Outcome(
        0, 0, 0, org, account, code(e, WebhookErrors.PARSE_FAILED), "parse: " + describe(e), wait);
  }

  /** The owner's account ref, if it has a ref's shape (the directory does not check it). */
  private static @Nullable String accountRef(AccountOwner owner) {
    return ConnectorAccount.isAccountRef(owner.accountRef()) ? owner.accountRef() : null;
  }

  /**
   * The code a failure is known by: an {@link OmniFlowException}'s code, a {@link
   * ConnectorException}'s kind in lower case (e.g. {@code auth_expired}), else {@code fallback}.
   */
  static String code(RuntimeException e, String fallback) {
    if (e instanceof OmniFlowException o && CODE.matcher(o.code()).matches()) {
      return o.code();
    }
    if (e instanceof ConnectorException c) {
      return c.kind().name().toLowerCase(Locale.ROOT);
    }
    return fallback;
  }

  /**
   * A failure in a bounded sentence: OmniFlow's and connectors' exceptions keep their code or kind
   * and message (which never carry secrets); any other only its type.
   */
  static String describe(RuntimeException e) {
    String text;
    if (e instanceof OmniFlowException o) {
      text = o.code() + ": " + o.getMessage();
    } else if (e instanceof ConnectorException c) {
      text = String.valueOf(c.getMessage()); // "KIND: message"
    } else {
      text = e.getClass().getSimpleName();
    }
    text = text.replace('\0', ' ');
    return text.length() > StoredDelivery.MAX_ERROR
        ? text.substring(0, StoredDelivery.MAX_ERROR)
        : text;
  }
}
