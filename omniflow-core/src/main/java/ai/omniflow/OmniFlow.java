package ai.omniflow;

import ai.omniflow.audit.AuditService;
import ai.omniflow.events.EventService;
import ai.omniflow.pack.PackCatalog;
import ai.omniflow.pack.PackService;
import ai.omniflow.pack.spi.PackSource;
import ai.omniflow.store.InMemoryStore;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.ApiKeyService;
import ai.omniflow.tenancy.Authenticator;
import ai.omniflow.tenancy.TenancyService;
import java.time.Clock;
import java.util.Objects;
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

  private OmniFlow(Builder b) {
    this.store = b.store == null ? new InMemoryStore() : b.store;
    this.packCatalog = b.packCatalog == null ? PackCatalog.empty() : b.packCatalog;
    this.clock = b.clock;
    this.tenancy = new TenancyService(store, clock);
    this.authenticator = new Authenticator(store);
    this.apiKeys = new ApiKeyService(store, clock);
    this.packs = new PackService(store, packCatalog, clock);
    this.events = new EventService(store);
    this.audit = new AuditService(store);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this instance's store, packs and clock. */
  public Builder toBuilder() {
    return new Builder().store(store).packCatalog(packCatalog).clock(clock);
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

  /** Builds an {@link OmniFlow}. Not thread-safe. */
  public static final class Builder {
    private @Nullable Store store;
    private @Nullable PackCatalog packCatalog;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

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

    /** Where time comes from; the default is the system clock in UTC. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public OmniFlow build() {
      return new OmniFlow(this);
    }
  }
}
