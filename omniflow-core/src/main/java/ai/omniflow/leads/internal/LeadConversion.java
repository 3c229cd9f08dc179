package ai.omniflow.leads.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.assist.spi.IntentClassifier;
import ai.omniflow.contacts.Contact;
import ai.omniflow.inbox.InboxThread;
import ai.omniflow.inbox.Touchpoint;
import ai.omniflow.internal.Ids;
import ai.omniflow.internal.Races;
import ai.omniflow.leads.Lead;
import ai.omniflow.leads.LeadEvents;
import ai.omniflow.leads.LeadService;
import ai.omniflow.leads.LeadService.Conversion;
import ai.omniflow.pack.PackCatalog;
import ai.omniflow.pack.VerticalPack;
import ai.omniflow.store.spi.Store;
import ai.omniflow.store.spi.StoreTransaction;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The conversion use case: a lead made from a thread, with the fields found in what the contact
 * sent, or the contact's open lead completed with the fields it lacks. {@link LeadService}
 * delegates to it (decision 0033); the Javadoc of its methods is the spec. Not API. Thread-safe.
 */
public final class LeadConversion {
  /** How many times at most {@link #fromThread} runs when it loses a race for the same contact. */
  static final int MAX_ATTEMPTS = 3;

  private final Store store;
  private final PackCatalog packs;
  private final Clock clock;
  private final IntentClassifier classifier;

  public LeadConversion(Store store, PackCatalog packs, Clock clock, IntentClassifier classifier) {
    this.store = Objects.requireNonNull(store, "store");
    this.packs = Objects.requireNonNull(packs, "packs");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.classifier = Objects.requireNonNull(classifier, "classifier");
  }

  /** As {@link LeadService#fromThread}. */
  public Conversion fromThread(Actor actor, UUID threadId) {
    Permission.LEADS_WRITE.check(actor);
    Objects.requireNonNull(threadId, "threadId");
    return Races.retrying(
        MAX_ATTEMPTS, () -> store.inTransaction(actor, tx -> fromThreadIn(tx, threadId)));
  }

  /**
   * As {@link ai.omniflow.internal.LeadsWithin#leadForm}: the conversion of a lead-form thread
   * inside the ingest transaction, skipped while the org has no installed pack.
   */
  public void fromLeadFormWithin(StoreTransaction tx, UUID threadId) {
    Optional<String> slug = tx.orgs().current().map(ai.omniflow.tenancy.Org::packSlug);
    if (slug.isEmpty() || packs.find(slug.get()).isEmpty()) {
      return;
    }
    fromThreadIn(tx, threadId);
  }

  private Conversion fromThreadIn(StoreTransaction tx, UUID threadId) {
    InboxThread thread =
        tx.inbox().findThread(threadId).orElseThrow(() -> OmniFlowException.notFound("The thread"));
    VerticalPack pack = LeadTx.pack(tx, packs);
    Contact contact = LeadTx.survivor(tx, thread.contactId(), true);
    Instant now = clock.instant();
    LeadSignals signals = LeadSignals.read(tx, contact.id(), pack, classifier);
    java.time.ZoneId zone =
        tx.orgs().current().map(ai.omniflow.tenancy.Org::zone).orElse(java.time.ZoneOffset.UTC);
    Map<String, @Nullable Object> found = LeadExtraction.fields(pack, signals, now, zone);
    Optional<Lead> open = tx.leads().findOpen(contact.id());
    if (open.isPresent()) {
      Lead before = open.get();
      Map<String, @Nullable Object> merged = new LinkedHashMap<>(found);
      merged.putAll(before.fields());
      boolean fieldsFound = !merged.equals(before.fields());
      boolean languageChanged =
          contact.language() != null && !contact.language().equals(before.language());
      if (!fieldsFound && !languageChanged) {
        return new Conversion(before, false);
      }
      Lead after = before.withWork(merged, before.stage(), before.ownerUserId(), now);
      if (languageChanged) {
        after = after.withLanguage(contact.language(), now);
      }
      tx.leads().update(after);
      LeadTx.record(
          tx,
          LeadEvents.LEAD_UPDATED,
          LeadEvents.AUDIT_LEAD_UPDATE,
          before,
          after,
          languageChanged
              ? Map.of("fields_found", fieldsFound, "language", after.language())
              : Map.of("fields_found", true));
      return new Conversion(after, false);
    }
    List<Touchpoint> touchpoints = tx.inbox().touchpoints(contact.id());
    Touchpoint first = touchpoints.isEmpty() ? null : touchpoints.get(0);
    Lead lead =
        new Lead(
            Ids.next(),
            tx.actor().orgId(),
            contact.id(),
            thread.id(),
            first == null ? thread.channel() : first.channel(),
            first == null ? null : first.campaignId(),
            first == null ? null : first.adId(),
            pack.stages().get(0).key(),
            thread.assigneeUserId(),
            found,
            null,
            null,
            null,
            now,
            now,
            contact.language());
    tx.leads().insert(lead);
    LeadTx.record(tx, LeadEvents.LEAD_CREATED, LeadEvents.AUDIT_LEAD_CREATE, null, lead, Map.of());
    return new Conversion(lead, true);
  }
}
