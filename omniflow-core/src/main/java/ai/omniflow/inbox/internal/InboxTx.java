package ai.omniflow.inbox.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.inbox.InboxThread;
import ai.omniflow.store.spi.StoreTransaction;
import java.util.Optional;
import java.util.UUID;

/**
 * What the inbox use cases share inside a transaction: a thread or a contact that must exist. Not
 * API. Stateless.
 */
public final class InboxTx {
  private InboxTx() {}

  /**
   * The thread.
   *
   * @throws OmniFlowException {@code not_found} if it is absent
   */
  public static InboxThread require(Optional<InboxThread> thread) {
    return thread.orElseThrow(() -> OmniFlowException.notFound("The thread"));
  }

  /**
   * @throws OmniFlowException {@code not_found} if the org has no such contact
   */
  public static void requireContact(StoreTransaction tx, UUID contactId) {
    tx.contacts().find(contactId).orElseThrow(() -> OmniFlowException.notFound("The contact"));
  }
}
