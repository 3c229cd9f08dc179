package ai.omniflow.pack;

import ai.omniflow.OmniFlowException;
import ai.omniflow.internal.Recorder;
import ai.omniflow.internal.Snapshots;
import ai.omniflow.internal.Wiring;
import ai.omniflow.store.spi.OrgRepository;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Org;
import ai.omniflow.tenancy.Permission;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Which vertical packs exist and which one an org uses. Selecting a pack is audited and emits
 * {@code org.pack_selected}.
 *
 * <pre>{@code
 * Org org = omniFlow.packs().select(adminActor, "real-estate");
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class PackService {
  static {
    // Only OmniFlow.builder() builds services (decision 0032).
    Wiring.register(
        PackService.class,
        w -> new PackService(w.store(), w.packs(), w.clock(), w.afterPackChange()));
  }

  private final Store store;
  private final PackCatalog catalog;
  private final Clock clock;
  private final java.util.function.Consumer<UUID> onChanged;

  /**
   * @param onChanged called with the org's id after a {@link #select} that changed its pack or the
   *     pack's version has committed, when the store scheduled no rescoring of its own ({@link
   *     OrgRepository#schedulePackRescore}), e.g. to rescore the org's leads; its failures
   *     propagate
   */
  PackService(
      Store store, PackCatalog catalog, Clock clock, java.util.function.Consumer<UUID> onChanged) {
    this.onChanged = Objects.requireNonNull(onChanged, "onChanged");
    this.store = Objects.requireNonNull(store, "store");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Every pack an org may select. */
  public List<VerticalPack> available(Actor actor) {
    Permission.PACKS_READ.check(actor);
    return catalog.all();
  }

  /** The org's selected pack, if it has one. */
  public Optional<VerticalPack> current(Actor actor) {
    Permission.ORG_READ.check(actor);
    return store.inTransaction(
        actor,
        tx ->
            tx.orgs()
                .current()
                .map(Org::packSlug)
                .flatMap(slug -> slug == null ? Optional.empty() : catalog.find(slug)));
  }

  /**
   * Makes {@code slug} the org's pack. Selecting the pack already selected changes nothing and
   * records nothing. A change has the org's open leads rescored with the new pack after it commits,
   * never inside its transaction: in the background on the store's scheduler where the store has
   * one (the JDBC store, run by {@code SlaScheduler} with its leads: decision 0075), else before
   * this returns.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#PACK_SELECT}; {@code
   *     unknown_pack} (invalid input) if no pack has that slug; {@code not_found} if the org does
   *     not exist
   */
  public Org select(Actor actor, String slug) {
    Permission.PACK_SELECT.check(actor);
    VerticalPack pack = catalog.require(Objects.requireNonNull(slug, "slug"));
    boolean[] changed = new boolean[1];
    boolean[] scheduled = new boolean[1];
    Org org =
        store.inTransaction(
            actor,
            tx -> {
              Org before =
                  tx.orgs().current().orElseThrow(() -> OmniFlowException.notFound("The org"));
              if (pack.slug().equals(before.packSlug())
                  && pack.version().equals(before.packVersion())) {
                return before;
              }
              Org after = before.withPack(pack.slug(), pack.version());
              tx.orgs().update(after);
              changed[0] = true;
              // Rescoring runs after this commits: on the store's scheduler if it has one.
              scheduled[0] =
                  tx.orgs()
                      .schedulePackRescore(
                          OrgRepository.packRescoreId(
                              after.id(), pack.slug(), pack.version(), UUID.randomUUID()));
              Map<String, @Nullable Object> payload = new LinkedHashMap<>();
              payload.put("pack_slug", pack.slug());
              payload.put("pack_version", pack.version());
              payload.put("previous_pack_slug", before.packSlug());
              Recorder.record(
                  tx,
                  clock.instant(),
                  new Recorder.Change(
                      PackEvents.ORG_PACK_SELECTED,
                      PackEvents.AUDIT_ORG_SELECT_PACK,
                      "org",
                      before.id().toString(),
                      payload,
                      Snapshots.org(before),
                      Snapshots.org(after)));
              return after;
            });
    if (changed[0] && !scheduled[0]) {
      onChanged.accept(org.id());
    }
    return org;
  }
}
