package ai.omniflow.enrollment.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.leads.LeadErrors;
import ai.omniflow.pack.PackCatalog;
import ai.omniflow.pack.VerticalPack;
import ai.omniflow.store.spi.StoreTransaction;
import ai.omniflow.tenancy.Org;

/**
 * The org's pack and its playbooks, the org's own in place of the pack's with the same key
 * (decision 0067). Not API. Stateless and thread-safe.
 */
final class Playbooks {
  private Playbooks() {}

  /**
   * @throws OmniFlowException {@code pack_required} (conflict) if the org has none, or it is not
   *     installed
   */
  static VerticalPack pack(StoreTransaction tx, PackCatalog packs) {
    Org org = tx.orgs().current().orElseThrow(() -> OmniFlowException.notFound("The org"));
    if (org.packSlug() == null) {
      throw OmniFlowException.conflict(
          LeadErrors.PACK_REQUIRED, "The org has chosen no vertical pack; choose one first.");
    }
    return ai.omniflow.internal.OrgPacks.find(tx, packs, org)
        .orElseThrow(
            () ->
                OmniFlowException.conflict(
                    LeadErrors.PACK_REQUIRED, "The org's pack is not installed."));
  }
}
