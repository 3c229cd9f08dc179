package ai.omniflow.leads.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.Page;
import ai.omniflow.PageRequest;
import ai.omniflow.inbox.InboxThread;
import ai.omniflow.leads.Lead;
import ai.omniflow.leads.LeadFilter;
import ai.omniflow.leads.LeadScore;
import ai.omniflow.leads.LeadService;
import ai.omniflow.leads.ModelRun;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The read use cases of leads: one lead, the open lead of a thread's contact, a filtered page of
 * them, a lead's score history and the org's latest training run. {@link LeadService} delegates to
 * it (decision 0033); the Javadoc of its methods is the spec. Not API. Thread-safe.
 */
public final class LeadReads {
  private final Store store;

  public LeadReads(Store store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /** As {@link LeadService#get}. */
  public Lead get(Actor actor, UUID leadId) {
    Permission.LEADS_READ.check(actor);
    Objects.requireNonNull(leadId, "leadId");
    return store.inTransaction(actor, tx -> LeadTx.require(tx.leads().find(leadId)));
  }

  /** As {@link LeadService#openLeadOfThread}. */
  public Optional<Lead> openLeadOfThread(Actor actor, UUID threadId) {
    Permission.LEADS_READ.check(actor);
    Objects.requireNonNull(threadId, "threadId");
    return store.inTransaction(
        actor,
        tx -> {
          InboxThread thread =
              tx.inbox()
                  .findThread(threadId)
                  .orElseThrow(() -> OmniFlowException.notFound("The thread"));
          // One indexed read (leads_open_contact_key), after the merges from the thread's contact.
          return tx.leads().findOpen(LeadTx.survivor(tx, thread.contactId(), false).id());
        });
  }

  /** As {@link LeadService#list}. */
  public Page<Lead> list(Actor actor, LeadFilter filter, PageRequest page) {
    Permission.LEADS_READ.check(actor);
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(page, "page");
    return store.inTransaction(actor, tx -> tx.leads().list(filter, page));
  }

  /** As {@link LeadService#scoreHistory}. */
  public Page<LeadScore> scoreHistory(Actor actor, UUID leadId, PageRequest page) {
    Permission.LEADS_READ.check(actor);
    Objects.requireNonNull(leadId, "leadId");
    Objects.requireNonNull(page, "page");
    return store.inTransaction(
        actor,
        tx -> {
          LeadTx.require(tx.leads().find(leadId));
          return tx.leads().scores(leadId, page);
        });
  }

  /** As {@link LeadService#latestModelRun}. */
  public Optional<ModelRun> latestModelRun(Actor actor) {
    Permission.LEADS_READ.check(actor);
    return store.inTransaction(actor, tx -> tx.leads().latestModelRun());
  }
}
