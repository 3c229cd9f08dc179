package ai.omniflow.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.pack.AcceptedPack;
import ai.omniflow.pack.PackCatalog;
import ai.omniflow.pack.PackOverride;
import ai.omniflow.pack.VerticalPack;
import ai.omniflow.store.spi.StoreTransaction;
import ai.omniflow.tenancy.Org;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pack an org works with (docs/verticals.md, decision 0080): its selected pack at the version
 * it accepted — the catalog's, or, when the catalog has moved to another version, the one kept with
 * the org — with the org's own override merged over it when it has one written for that pack. Every
 * engine that reads the org's pack asks here, inside its transaction. Stateless; the catalog keeps
 * the packs it builds.
 */
public final class OrgPacks {
  private static final Logger LOG = LoggerFactory.getLogger(OrgPacks.class);

  /**
   * The pack an org's override builds on.
   *
   * @param pack the pack at the version the org accepted
   * @param accepted the kept text it was read from, or {@code null} for the catalog's own pack
   */
  public record Base(VerticalPack pack, @Nullable AcceptedPack accepted) {}

  private OrgPacks() {}

  /** The transaction's org's pack; empty if it has none selected or the pack is not installed. */
  public static Optional<VerticalPack> find(StoreTransaction tx, PackCatalog catalog) {
    return tx.orgs().current().flatMap(org -> find(tx, catalog, org));
  }

  /**
   * {@code org}'s pack (the transaction's org); empty if it has none selected or the pack is not
   * installed. An override that no longer merges is left out and logged: the org keeps working on
   * the pack without it until the override is fixed.
   */
  public static Optional<VerticalPack> find(StoreTransaction tx, PackCatalog catalog, Org org) {
    Optional<Base> base = base(tx, catalog, org);
    if (base.isEmpty() || !catalog.patchable()) {
      return base.map(Base::pack);
    }
    Optional<PackOverride> override = tx.packOverrides().find();
    if (override.isEmpty() || !override.get().baseSlug().equals(base.get().pack().slug())) {
      return base.map(Base::pack);
    }
    VerticalPack pack = merge(catalog, base.get(), override.get(), org).pack();
    return Optional.of(pack == null ? base.get().pack() : pack);
  }

  /**
   * {@code override} merged over {@code base}, or why it is refused, kept by the catalog per
   * override revision and base version, so that a broken override (valid when saved, refused over a
   * newer base) is neither merged again nor logged again on every use: a refusal is logged once,
   * when first found.
   *
   * @throws OmniFlowException as {@link PackCatalog#merge}
   */
  public static PackCatalog.Merge merge(
      PackCatalog catalog, Base base, PackOverride override, Org org) {
    return catalog.merge(
        base.pack(),
        base.accepted(),
        override,
        refusal ->
            LOG.warn(
                "The override of org {} (revision {}) does not merge over {} {}; the org works on"
                    + " the pack without it until it is fixed (GET /verticals/override): {}",
                org.id(),
                override.revision(),
                base.pack().slug(),
                base.pack().version(),
                refusal.getMessage()));
  }

  /**
   * The pack {@code org} selected, at the version it accepted: the catalog's pack when its version
   * is the accepted one (or nothing was kept to read instead), else the kept text of the accepted
   * version. Empty if the org has no pack or the catalog lacks its slug.
   */
  public static Optional<Base> base(StoreTransaction tx, PackCatalog catalog, Org org) {
    String slug = org.packSlug();
    if (slug == null) {
      return Optional.empty();
    }
    Optional<VerticalPack> current = catalog.find(slug);
    if (current.isEmpty()) {
      return Optional.empty();
    }
    if (org.packVersion() == null || current.get().version().equals(org.packVersion())) {
      if (org.packVersion() != null) {
        keep(tx, catalog, org, current.get());
      }
      return Optional.of(new Base(current.get(), null));
    }
    Optional<AcceptedPack> kept = tx.acceptedPacks().find();
    if (kept.isPresent()
        && kept.get().slug().equals(slug)
        && kept.get().version().equals(org.packVersion())) {
      try {
        return Optional.of(new Base(catalog.accepted(kept.get()), kept.get()));
      } catch (OmniFlowException e) {
        LOG.warn(
            "Org {} accepted {} {}, whose kept text does not read here; using {}: {}",
            org.id(),
            slug,
            org.packVersion(),
            current.get().version(),
            e.getMessage());
      }
    }
    return Optional.of(new Base(current.get(), null));
  }

  /**
   * Keeps the text of {@code pack}, the version {@code org} runs, as the version it accepted, if no
   * text of that version is kept (decision 0085): an org that selected its pack before texts were
   * kept (V32) is thus kept on it when the host later ships a newer one, and is offered that one
   * with what it changes. Only the version the org's row names is written, in the reading
   * transaction, and only while the org's row still names it (the store checks under a lock), so a
   * newer version is never applied by it. The catalog remembers orgs found kept, so this asks the
   * store once per org and version on each node, not on every read.
   */
  private static void keep(StoreTransaction tx, PackCatalog catalog, Org org, VerticalPack pack) {
    if (catalog.seenKept(org.id(), pack)) {
      return;
    }
    Optional<String> text = catalog.text(pack);
    if (text.isEmpty()) {
      return; // a source without texts: nothing to keep, as decision 0080 says
    }
    // Accepted "when the org was created": when it selected the pack was not kept either.
    AcceptedPack now =
        new AcceptedPack(org.id(), pack.slug(), pack.version(), text.get(), org.createdAt());
    if (tx.acceptedPacks().keepIfMissing(now)) {
      // Not remembered yet: this transaction may still roll back; the next read finds it kept.
      LOG.info(
          "Keeping {} {} as the version org {} accepted: it selected it before texts were kept",
          pack.slug(),
          pack.version(),
          org.id());
    } else {
      catalog.noteKept(org.id(), pack);
    }
  }

  /**
   * {@code override} merged over {@code base}.
   *
   * @throws OmniFlowException as {@link PackCatalog#patched(VerticalPack, PackOverride)}
   */
  public static VerticalPack patched(PackCatalog catalog, Base base, PackOverride override) {
    AcceptedPack accepted = base.accepted();
    return accepted == null
        ? catalog.patched(base.pack(), override)
        : catalog.patched(accepted, override);
  }
}
