package ai.omniflow.store.spi;

import ai.omniflow.Page;
import ai.omniflow.PageRequest;
import ai.omniflow.leads.Lead;
import ai.omniflow.leads.LeadFilter;
import ai.omniflow.leads.LeadScore;
import ai.omniflow.leads.ModelRun;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The transaction org's leads, their score history and its learned-model runs. Every method sees
 * and writes the transaction's org only; a row of another org reads as absent.
 */
public interface LeadRepository {
  /**
   * @throws ai.omniflow.OmniFlowException {@code open_lead_exists} (conflict) if the contact has an
   *     open lead already, {@code lead_exists} (conflict) if the id is taken; {@code not_found} if
   *     the contact is not the org's
   */
  void insert(Lead lead);

  /**
   * Updates the stage, owner, fields, score, outcome and update time.
   *
   * @throws ai.omniflow.OmniFlowException {@code not_found} if the org has no such lead
   */
  void update(Lead lead);

  Optional<Lead> find(UUID leadId);

  /** As {@link #find}, and holds the lead against concurrent writers until commit. */
  Optional<Lead> lock(UUID leadId);

  /** The contact's open lead, if it has one. */
  Optional<Lead> findOpen(UUID contactId);

  /** Leads passing {@code filter}, newest first (ties: by id). */
  Page<Lead> list(LeadFilter filter, PageRequest page);

  /** Up to {@code limit} ids of open leads, in id order, after {@code after} if given. */
  List<UUID> openIds(@Nullable UUID after, int limit);

  /** Closed leads (with an outcome), most recently closed first, at most {@code limit}. */
  List<Lead> closed(int limit);

  /** How many open leads each owner has; owners without any are absent. */
  Map<UUID, Integer> openCountsByOwner();

  /**
   * Adds an entry to a lead's score history.
   *
   * @throws ai.omniflow.OmniFlowException {@code not_found} if the org has no such lead
   */
  void insertScore(LeadScore score);

  /** A lead's score history, newest first. */
  Page<LeadScore> scores(UUID leadId, PageRequest page);

  /**
   * Keeps a training run.
   *
   * @throws ai.omniflow.OmniFlowException {@code model_run_exists} (conflict) if the org has a run
   *     with that version
   */
  void insertModelRun(ModelRun run);

  /**
   * The owner of the contact's latest other lead that had one (open or closed), for sticky routing.
   */
  Optional<UUID> previousOwner(UUID contactId, UUID exceptLeadId);

  /** The db-scheduler task name of offer expiries (decision 0065). */
  String OFFER_EXPIRY_TASK = "omniflow-offer-expiry";

  /**
   * {@code <org>/<lead>/<expiry in epoch microseconds>}: the instance id of the execution that
   * expires {@code offer}. It names the offer by its expiry, so a replaced offer gets an id of its
   * own, and {@code <org>/<lead>/} is the lead's prefix.
   */
  static String offerExpiryId(ai.omniflow.leads.LeadOffer offer) {
    java.time.Instant at = offer.expiresAt();
    long micros =
        Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
    return offer.orgId() + "/" + offer.leadId() + "/" + micros;
  }

  /**
   * Makes or replaces the lead's first-to-claim offer. A store with a scheduler (the JDBC store)
   * also schedules, in the same transaction, the offer's expiry at its {@code expiresAt} (task
   * {@link #OFFER_EXPIRY_TASK}, instance {@link #offerExpiryId}), replacing the lead's pending one;
   * the in-memory store schedules nothing (a host sweeps with {@code LeadService.expireOffers}).
   *
   * @throws ai.omniflow.OmniFlowException {@code not_found} if the org has no such lead
   */
  void saveOffer(ai.omniflow.leads.LeadOffer offer);

  /** The lead's open offer, if it has one. */
  Optional<ai.omniflow.leads.LeadOffer> offer(UUID leadId);

  /**
   * Withdraws the lead's offer, with its pending scheduled expiry; nothing happens if it has none.
   */
  void deleteOffer(UUID leadId);

  /**
   * Up to {@code limit} ids of leads whose offer expired at or before {@code now}, oldest first.
   */
  List<UUID> expiredOffers(java.time.Instant now, int limit);

  /** The org's latest training run, usable or not. */
  Optional<ModelRun> latestModelRun();
}
