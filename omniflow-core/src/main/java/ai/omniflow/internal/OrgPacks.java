package ai.omniflow.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.pack.PackCatalog;
import ai.omniflow.pack.PackOverride;
import ai.omniflow.pack.VerticalPack;
import ai.omniflow.store.spi.StoreTransaction;
import ai.omniflow.tenancy.Org;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pack an org works with: its selected pack from the catalog, with the org's own override
 * merged over it when it has one written for that pack (docs/verticals.md, "An org's own
 * override"). Every engine that reads the org's pack asks here, inside its transaction. Stateless;
 * the catalog keeps the merged packs.
 */
public final class OrgPacks {
  private static final Logger LOG = LoggerFactory.getLogger(OrgPacks.class);

  private OrgPacks() {}

  /** The transaction's org's pack; empty if it has none selected or the pack is not installed. */
  public static Optional<VerticalPack> find(StoreTransaction tx, PackCatalog catalog) {
    return tx.orgs().current().flatMap(org -> find(tx, catalog, org));
  }

  /**
   * {@code org}'s pack (the transaction's org); empty if it has none selected or the pack is not
   * installed. An override that no longer merges (its base changed under it) is left out and
   * logged: the org keeps working on the base pack until the override is fixed.
   */
  public static Optional<VerticalPack> find(StoreTransaction tx, PackCatalog catalog, Org org) {
    String slug = org.packSlug();
    if (slug == null) {
      return Optional.empty();
    }
    Optional<VerticalPack> base = catalog.find(slug);
    if (base.isEmpty() || !catalog.patchable()) {
      return base;
    }
    Optional<PackOverride> override = tx.packOverrides().find();
    if (override.isEmpty() || !override.get().baseSlug().equals(slug)) {
      return base;
    }
    try {
      return Optional.of(catalog.patched(base.get(), override.get()));
    } catch (OmniFlowException e) {
      LOG.warn(
          "The override of org {} no longer merges over {} {}; using the pack without it: {}",
          org.id(),
          slug,
          base.get().version(),
          e.getMessage());
      return base;
    }
  }
}
