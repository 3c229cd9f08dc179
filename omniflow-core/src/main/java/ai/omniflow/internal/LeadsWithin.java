package ai.omniflow.internal;

import ai.omniflow.store.spi.StoreTransaction;
import java.util.UUID;

/**
 * The lead step the inbox composes inside its ingest transaction: a submitted lead-ad form becomes
 * a lead at once when the org says so ({@link ai.omniflow.tenancy.Org#leadFormsBecomeLeads()}), so
 * that the form, its touchpoint and its lead commit together. Implemented by the lead service,
 * handed over by {@link Wiring}; not API.
 */
public interface LeadsWithin {
  /** No lead step: for a graph built without the lead service. */
  LeadsWithin NONE = (tx, threadId) -> {};

  /**
   * Makes a lead for the contact of the lead-form thread {@code threadId}, or completes the
   * contact's open lead with the fields it lacks, as {@link
   * ai.omniflow.leads.LeadService#fromThread} does; does nothing while the org has no pack
   * installed, so that the form is never refused for it.
   */
  void leadForm(StoreTransaction tx, UUID threadId);
}
