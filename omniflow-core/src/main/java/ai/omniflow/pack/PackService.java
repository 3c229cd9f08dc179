package ai.omniflow.pack;

import ai.omniflow.OmniFlowException;
import ai.omniflow.internal.Ids;
import ai.omniflow.internal.OrgPacks;
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
    return store.inTransaction(actor, tx -> OrgPacks.find(tx, catalog));
  }

  /**
   * Makes {@code slug} the org's pack, at the catalog's version, and keeps that version's text with
   * the org (where the source gives texts), so that the org keeps it when the catalog later moves
   * to another version (see {@link #upgrade}). Selecting the pack and version already selected
   * changes nothing and records nothing. An override of the org's for that pack is checked over it
   * first. A change has the org's open leads rescored with the new pack after it commits, never
   * inside its transaction: in the background on the store's scheduler where the store has one (the
   * JDBC store, run by {@code SlaScheduler} with its leads: decision 0075), else before this
   * returns.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#PACK_SELECT}; {@code
   *     unknown_pack} (invalid input) if no pack has that slug; {@code invalid_pack_override}
   *     (invalid input) if the org's override of that pack does not merge over this version; {@code
   *     not_found} if the org does not exist
   */
  public Org select(Actor actor, String slug) {
    Permission.PACK_SELECT.check(actor);
    catalog.require(Objects.requireNonNull(slug, "slug"));
    return apply(actor, slug, null);
  }

  /**
   * The catalog's version of the org's pack, when it is not the version the org accepted: what it
   * changes from the accepted one ({@code changes}, {@code null} when the accepted version's text
   * was not kept). Empty when the org is on the catalog's version or has no installed pack. Nothing
   * changes until the org accepts it ({@link #acceptUpgrade}).
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#ORG_READ}
   */
  public Optional<PackUpgrade> upgrade(Actor actor) {
    Permission.ORG_READ.check(actor);
    return store.inTransaction(
        actor,
        tx -> {
          Org org = tx.orgs().current().orElseThrow(() -> OmniFlowException.notFound("The org"));
          String slug = org.packSlug();
          VerticalPack offered = slug == null ? null : catalog.find(slug).orElse(null);
          if (slug == null || offered == null || offered.version().equals(org.packVersion())) {
            return Optional.<PackUpgrade>empty();
          }
          Optional<AcceptedPack> kept =
              tx.acceptedPacks()
                  .find()
                  .filter(a -> a.slug().equals(slug) && a.version().equals(org.packVersion()));
          Optional<String> offeredText = catalog.text(offered);
          List<PackChange> changes =
              kept.isPresent() && offeredText.isPresent()
                  ? catalog.diff(kept.get().text(), offeredText.get())
                  : null;
          return Optional.of(new PackUpgrade(slug, org.packVersion(), offered.version(), changes));
        });
  }

  /**
   * Accepts the catalog's version of the org's pack as {@link #upgrade} offers it: the org's pack
   * becomes that version (its text kept in place of the old one's), its override is checked over it
   * first, and its open leads are rescored as {@link #select} does. Accepting the version the org
   * is on changes nothing.
   *
   * @param version the version accepted, as the offer showed it
   * @throws OmniFlowException {@code forbidden} without {@link Permission#PACK_SELECT}; {@code
   *     no_pack_selected} (conflict) if the org has no installed pack; {@code
   *     pack_version_not_offered} (conflict) if the catalog's version is not {@code version};
   *     {@code invalid_pack_override} (invalid input) if the org's override does not merge over it
   */
  public Org acceptUpgrade(Actor actor, String version) {
    Permission.PACK_SELECT.check(actor);
    return apply(actor, null, Objects.requireNonNull(version, "version"));
  }

  /** Selects ({@code slug} given) or accepts ({@code version} given) the catalog's pack. */
  private Org apply(Actor actor, @Nullable String slug, @Nullable String version) {
    boolean[] changed = new boolean[1];
    boolean[] scheduled = new boolean[1];
    Org org =
        store.inTransaction(
            actor,
            tx -> {
              Org before =
                  tx.orgs().current().orElseThrow(() -> OmniFlowException.notFound("The org"));
              String s = slug != null ? slug : before.packSlug();
              VerticalPack pack = s == null ? null : catalog.find(s).orElse(null);
              if (pack == null) {
                throw OmniFlowException.conflict(
                    PackErrors.NO_PACK_SELECTED, "The org has no installed vertical pack.");
              }
              if (version != null && !pack.version().equals(version)) {
                throw OmniFlowException.conflict(
                    PackErrors.PACK_VERSION_NOT_OFFERED,
                    "The catalog offers "
                        + pack.slug()
                        + " "
                        + pack.version()
                        + ", not '"
                        + ai.omniflow.fields.Problem.clip(version)
                        + "'.");
              }
              if (pack.slug().equals(before.packSlug())
                  && pack.version().equals(before.packVersion())) {
                return before;
              }
              Optional<PackOverride> override =
                  catalog.patchable()
                      ? tx.packOverrides().find().filter(o -> o.baseSlug().equals(pack.slug()))
                      : Optional.empty();
              if (override.isPresent()) {
                catalog.patched(pack, override.get()); // refuses before anything is written
              }
              Org after = before.withPack(pack.slug(), pack.version());
              tx.orgs().update(after);
              Optional<String> text = catalog.text(pack);
              if (text.isPresent()) {
                tx.acceptedPacks()
                    .save(
                        new AcceptedPack(
                            after.id(), pack.slug(), pack.version(), text.get(), clock.instant()));
              }
              changed[0] = true;
              // Rescoring runs after this commits: on the store's scheduler if it has one.
              scheduled[0] =
                  tx.orgs()
                      .schedulePackRescore(
                          OrgRepository.packRescoreId(
                              after.id(), pack.slug(), pack.version(), Ids.next()));
              Map<String, @Nullable Object> payload = new LinkedHashMap<>();
              payload.put("pack_slug", pack.slug());
              payload.put("pack_version", pack.version());
              payload.put("previous_pack_slug", before.packSlug());
              payload.put("previous_pack_version", before.packVersion());
              boolean upgrade = slug == null;
              Recorder.record(
                  tx,
                  clock.instant(),
                  new Recorder.Change(
                      upgrade ? PackEvents.ORG_PACK_UPGRADED : PackEvents.ORG_PACK_SELECTED,
                      upgrade
                          ? PackEvents.AUDIT_ORG_UPGRADE_PACK
                          : PackEvents.AUDIT_ORG_SELECT_PACK,
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

  /**
   * The org's own override of its pack, if it has one. It applies while the org's pack is its
   * {@link PackOverride#baseSlug()}: selecting another pack keeps it, unused, until the org selects
   * that pack again or deletes it.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#ORG_READ}
   */
  public Optional<PackOverride> override(Actor actor) {
    Permission.ORG_READ.check(actor);
    return store.inTransaction(actor, tx -> tx.packOverrides().find());
  }

  /**
   * The org's own override and what it does now: merged into the org's pack, unused (written for
   * another pack), or broken — refused over the version the org's pack is now, with why, each
   * problem at its path and line (decision 0080, 0085). A broken override is found by merging it
   * once per revision and base version (kept, and logged once, by the catalog), not on every read.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#ORG_READ}
   */
  public Optional<OverrideStatus> overrideStatus(Actor actor) {
    Permission.ORG_READ.check(actor);
    return store.inTransaction(
        actor,
        tx -> {
          Optional<PackOverride> o = tx.packOverrides().find();
          Org org = tx.orgs().current().orElse(null);
          if (o.isEmpty() || org == null) {
            return Optional.<OverrideStatus>empty();
          }
          OrgPacks.Base base = OrgPacks.base(tx, catalog, org).orElse(null);
          if (base == null
              || !catalog.patchable()
              || !o.get().baseSlug().equals(base.pack().slug())) {
            return Optional.of(new OverrideStatus(o.get(), OverrideStatus.State.UNUSED, List.of()));
          }
          OmniFlowException refusal = OrgPacks.merge(catalog, base, o.get(), org).refusal();
          return Optional.of(
              refusal == null
                  ? new OverrideStatus(o.get(), OverrideStatus.State.APPLIED, List.of())
                  : new OverrideStatus(o.get(), OverrideStatus.State.BROKEN, refusal.errors()));
        });
  }

  /**
   * Saves {@code patch} as the org's override of its selected pack, replacing the one it had: the
   * patch (docs/verticals.md, "An org's own override") is merged over the pack and the result
   * checked as a whole pack first; a patch that is refused writes nothing. A saved override has the
   * org's open leads rescored as {@link #select} does.
   *
   * @param patch YAML or JSON text, at most {@link PackOverride#MAX_PATCH} characters
   * @throws OmniFlowException {@code forbidden} without {@link Permission#PACK_SELECT}; {@code
   *     invalid_patch} (invalid input) for a longer patch or one holding NUL; {@code
   *     no_pack_selected} (conflict) if the org has no installed pack; {@code
   *     pack_overrides_unsupported} (conflict) if the host's pack source cannot merge overrides;
   *     {@code invalid_pack_override} (invalid input), listing every problem at its path, if the
   *     merged pack is not valid; {@code not_found} if the org does not exist
   */
  public PackOverride saveOverride(Actor actor, String patch) {
    Permission.PACK_SELECT.check(actor);
    ai.omniflow.Limits.text(
        "patch", Objects.requireNonNull(patch, "patch"), PackOverride.MAX_PATCH);
    PackOverride[] saved = new PackOverride[1];
    boolean scheduled =
        changeOverride(
            actor,
            (tx, org, base) -> {
              PackOverride o =
                  new PackOverride(
                      org.id(), base.pack().slug(), patch, UUID.randomUUID(), clock.instant());
              // Refuses an invalid patch before anything is written.
              OrgPacks.patched(catalog, base, o);
              Optional<PackOverride> before = tx.packOverrides().find();
              tx.packOverrides().save(o);
              saved[0] = o;
              return new Recorder.Change(
                  PackEvents.ORG_PACK_OVERRIDE_SAVED,
                  PackEvents.AUDIT_ORG_SAVE_PACK_OVERRIDE,
                  "org",
                  org.id().toString(),
                  OverrideRecords.payload(base.pack(), o),
                  before.map(OverrideRecords::snapshot).orElse(null),
                  OverrideRecords.snapshot(o));
            });
    afterOverrideChange(actor, scheduled);
    return saved[0];
  }

  /**
   * Deletes the org's override: its pack is the selected pack as the catalog has it again, and its
   * open leads are rescored as {@link #select} does.
   *
   * @return whether it had one
   * @throws OmniFlowException {@code forbidden} without {@link Permission#PACK_SELECT}; {@code
   *     not_found} if the org does not exist
   */
  public boolean deleteOverride(Actor actor) {
    Permission.PACK_SELECT.check(actor);
    boolean[] deleted = new boolean[1];
    boolean[] scheduled = new boolean[1];
    store.inTransaction(
        actor,
        tx -> {
          Org org = tx.orgs().current().orElseThrow(() -> OmniFlowException.notFound("The org"));
          Optional<PackOverride> before = tx.packOverrides().find();
          if (before.isEmpty() || !tx.packOverrides().delete()) {
            return null;
          }
          deleted[0] = true;
          boolean applied = before.get().baseSlug().equals(org.packSlug());
          if (applied && org.packVersion() != null) {
            scheduled[0] =
                tx.orgs()
                    .schedulePackRescore(
                        OrgRepository.packRescoreId(
                            org.id(), org.packSlug(), org.packVersion(), Ids.next()));
          }
          Map<String, @Nullable Object> payload = new LinkedHashMap<>();
          payload.put("pack_slug", before.get().baseSlug());
          payload.put("revision", before.get().revision().toString());
          Recorder.record(
              tx,
              clock.instant(),
              new Recorder.Change(
                  PackEvents.ORG_PACK_OVERRIDE_DELETED,
                  PackEvents.AUDIT_ORG_DELETE_PACK_OVERRIDE,
                  "org",
                  org.id().toString(),
                  payload,
                  OverrideRecords.snapshot(before.get()),
                  null));
          if (!applied) {
            scheduled[0] = true; // nothing to rescore: the override did not apply
          }
          return null;
        });
    if (deleted[0]) {
      afterOverrideChange(actor, scheduled[0]);
    }
    return deleted[0];
  }

  /** One change to the org's override, inside its transaction, given the org and its pack. */
  @FunctionalInterface
  private interface OverrideChange {
    Recorder.Change apply(ai.omniflow.store.spi.StoreTransaction tx, Org org, OrgPacks.Base base);
  }

  /** Runs {@code change} and records it; returns whether the store scheduled the rescoring. */
  private boolean changeOverride(Actor actor, OverrideChange change) {
    return store.inTransaction(
        actor,
        tx -> {
          Org org = tx.orgs().current().orElseThrow(() -> OmniFlowException.notFound("The org"));
          OrgPacks.Base base =
              OrgPacks.base(tx, catalog, org)
                  .orElseThrow(
                      () ->
                          OmniFlowException.conflict(
                              PackErrors.NO_PACK_SELECTED,
                              "The org has no installed vertical pack to override; select one"
                                  + " first."));
          Recorder.record(tx, clock.instant(), change.apply(tx, org, base));
          return tx.orgs()
              .schedulePackRescore(
                  OrgRepository.packRescoreId(
                      org.id(), base.pack().slug(), base.pack().version(), Ids.next()));
        });
  }

  private void afterOverrideChange(Actor actor, boolean scheduled) {
    if (!scheduled) {
      onChanged.accept(actor.orgId());
    }
  }
}
