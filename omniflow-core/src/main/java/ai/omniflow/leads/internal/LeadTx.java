package ai.omniflow.leads.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.contacts.Contact;
import ai.omniflow.internal.Recorder;
import ai.omniflow.leads.Lead;
import ai.omniflow.leads.LeadErrors;
import ai.omniflow.leads.LeadSnapshots;
import ai.omniflow.pack.PackCatalog;
import ai.omniflow.pack.VerticalPack;
import ai.omniflow.store.spi.StoreTransaction;
import ai.omniflow.tenancy.Org;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What the lead use cases share inside a transaction: the org's pack, a lead that must exist, the
 * contact a merged one lives on as, and the event and audit entry of a change. Not API. Stateless.
 */
public final class LeadTx {
  private LeadTx() {}

  /**
   * The org's pack.
   *
   * @throws OmniFlowException {@code pack_required} (conflict) if the org has none, or it is not
   *     installed
   */
  public static VerticalPack pack(StoreTransaction tx, PackCatalog packs) {
    Org org = tx.orgs().current().orElseThrow(() -> OmniFlowException.notFound("The org"));
    if (org.packSlug() == null) {
      throw OmniFlowException.conflict(
          LeadErrors.PACK_REQUIRED, "The org has chosen no vertical pack; choose one first.");
    }
    return ai.omniflow.internal.OrgPacks.find(tx, packs, org)
        .orElseThrow(
            () ->
                OmniFlowException.conflict(
                    LeadErrors.PACK_REQUIRED,
                    "The org's pack " + org.packSlug() + " is not installed."));
  }

  /**
   * The lead.
   *
   * @throws OmniFlowException {@code not_found} if it is absent
   */
  public static Lead require(Optional<Lead> lead) {
    return lead.orElseThrow(() -> OmniFlowException.notFound("The lead"));
  }

  /**
   * The contact, or the one it was merged into (following merges of merges): the contact whose open
   * lead a thread of {@code contactId} converts to. With {@code lock}, each contact read is held
   * until commit, so that concurrent conversions of one person wait for each other.
   *
   * @throws OmniFlowException {@code not_found} if a contact of the chain is absent
   */
  public static Contact survivor(StoreTransaction tx, UUID contactId, boolean lock) {
    UUID id = contactId;
    for (int hops = 0; hops < 16; hops++) {
      Contact c =
          (lock ? tx.contacts().lock(id) : tx.contacts().find(id))
              .orElseThrow(() -> OmniFlowException.notFound("The contact"));
      if (c.mergedIntoId() == null) {
        return c;
      }
      id = c.mergedIntoId();
    }
    throw new IllegalStateException("contact merges form a chain longer than 16");
  }

  /** Records a change to a lead: event {@code event} and audit action {@code action}. */
  public static void record(
      StoreTransaction tx,
      String event,
      String action,
      @Nullable Lead before,
      Lead after,
      Map<String, @Nullable Object> extra) {
    Map<String, @Nullable Object> payload = new LinkedHashMap<>();
    payload.put("lead_id", after.id().toString());
    payload.put("contact_id", after.contactId().toString());
    payload.put("stage", after.stage());
    payload.put(
        "owner_user_id", after.ownerUserId() == null ? null : after.ownerUserId().toString());
    payload.put("score", after.score());
    payload.putAll(extra);
    Recorder.record(
        tx,
        after.updatedAt(),
        new Recorder.Change(
            event,
            action,
            "lead",
            after.id().toString(),
            payload,
            before == null ? null : LeadSnapshots.of(before),
            LeadSnapshots.of(after)));
  }
}
