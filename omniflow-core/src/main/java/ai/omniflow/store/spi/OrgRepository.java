package ai.omniflow.store.spi;

import ai.omniflow.tenancy.Org;
import java.util.Optional;

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
}
