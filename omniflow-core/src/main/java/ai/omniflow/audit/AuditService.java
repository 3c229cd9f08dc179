package ai.omniflow.audit;

import ai.omniflow.Page;
import ai.omniflow.PageRequest;
import ai.omniflow.internal.Wiring;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import java.util.Objects;

/**
 * Reads an org's audit log, newest first. Only owners and admins may.
 *
 * <pre>{@code
 * Page<AuditEntry> page = omniFlow.audit().list(adminActor, PageRequest.of(20, 0));
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class AuditService {
  static {
    // Only OmniFlow.builder() builds services (decision 0032).
    Wiring.register(AuditService.class, w -> new AuditService(w.store()));
  }

  private final Store store;

  AuditService(Store store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /**
   * @throws ai.omniflow.OmniFlowException {@code forbidden} without {@link Permission#AUDIT_READ}
   */
  public Page<AuditEntry> list(Actor actor, PageRequest page) {
    Permission.AUDIT_READ.check(actor);
    return store.inTransaction(actor, tx -> tx.audit().list(page));
  }
}
