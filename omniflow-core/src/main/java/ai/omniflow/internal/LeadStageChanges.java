package ai.omniflow.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.leads.Lead;
import ai.omniflow.store.spi.StoreTransaction;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The lead step a nurture enrollment composes inside its step's transaction: a stage step moves the
 * lead to a stage of the pack, through the lead engine's own stage change. Implemented by the lead
 * service, handed over by {@link Wiring}; not API.
 */
public interface LeadStageChanges {
  /**
   * Locks lead {@code leadId} and moves it to {@code stage}, as {@link
   * ai.omniflow.leads.LeadService#update} with only a stage does: event {@code lead.stage_changed}
   * (with {@code because} added to its payload), audited {@code lead.update}; a lead at that stage
   * already is answered as it is, recording nothing.
   *
   * @param because what moved it, added to the event's payload (an enrollment and its step)
   * @return the lead after the change
   * @throws OmniFlowException writing nothing: {@code not_found} if the org has no such lead;
   *     {@code lead_closed} (conflict) if it is won or lost; (invalid input) {@code unknown_stage}
   *     if the org's pack has no such stage, {@code stage_needs_outcome} if the stage closes the
   *     lead; {@code pack_required} (conflict) if the org has no pack
   */
  Lead changeStage(
      StoreTransaction tx, UUID leadId, String stage, Map<String, @Nullable Object> because);
}
