package ai.omniflow.store.spi;

import ai.omniflow.tenancy.Org;
import java.util.Optional;
import java.util.UUID;

/** The transaction's own org. */
public interface OrgRepository {
  /** The org the transaction is scoped to, if it exists. */
  Optional<Org> current();

  /**
   * Creates the transaction's org.
   *
   * @throws IllegalArgumentException if {@code org.id()} is not the transaction's org
   * @throws ai.omniflow.OmniFlowException {@code conflict} if it exists already
   */
  void insert(Org org);

  /**
   * Replaces the transaction's org with {@code org}.
   *
   * @throws IllegalArgumentException if {@code org.id()} is not the transaction's org
   * @throws ai.omniflow.OmniFlowException {@code not_found} if it does not exist
   */
  void update(Org org);

  /** The db-scheduler task name of the rescoring after a pack selection (decision 0075). */
  String PACK_RESCORE_TASK = "omniflow-pack-rescore";

  /**
   * {@code <org>/<pack slug>/<pack version>/<selection>}: the instance id of the execution that
   * rescores the org's open leads after one selection of a pack; {@code selection} makes each
   * selection's run its own, and {@code <org>/} is the org's prefix.
   */
  static String packRescoreId(UUID org, String packSlug, String packVersion, UUID selection) {
    return org + "/" + packSlug + "/" + packVersion + "/" + selection;
  }

  /**
   * Schedules, in this transaction, the rescoring of the org's open leads after its pack changed. A
   * store with a scheduler (the JDBC store) writes an execution of task {@link #PACK_RESCORE_TASK},
   * instance {@code instance} ({@link #packRescoreId}), due at once, drops the org's earlier ones
   * that no node has picked, and returns {@code true}; a store without one (the in-memory store,
   * and this default) returns {@code false}, and the caller rescores once the transaction has
   * committed.
   */
  default boolean schedulePackRescore(String instance) {
    return false;
  }
}
