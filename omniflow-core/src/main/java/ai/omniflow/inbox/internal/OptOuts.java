package ai.omniflow.inbox.internal;

import ai.omniflow.contacts.ConsentChange;
import ai.omniflow.contacts.ConsentSource;
import ai.omniflow.contacts.ContactConsent;
import ai.omniflow.guardrails.ConsentState;
import ai.omniflow.internal.ConsentLedger;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import java.time.Clock;
import java.util.Objects;
import java.util.UUID;

/**
 * A contact's consent as people and the host record and read it: an opt-out of every channel into
 * the consent ledger ({@link ConsentLedger}), and the ledger's reading. {@link Sending} refuses a
 * reply on a withdrawn channel. {@link ai.omniflow.inbox.InboxService} delegates to it; the Javadoc
 * of its methods is the spec. Not API. Thread-safe.
 */
public final class OptOuts {
  private final Store store;
  private final Clock clock;

  public OptOuts(Store store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** As {@link ai.omniflow.inbox.InboxService#optOut}. */
  public void optOut(Actor actor, UUID contactId) {
    Permission.CONTACTS_WRITE.check(actor);
    Objects.requireNonNull(contactId, "contactId");
    store.useTransaction(
        actor,
        tx -> {
          InboxTx.requireContact(tx, contactId);
          ConsentLedger.record(
              tx,
              contactId,
              new ConsentLedger.Request(
                  null,
                  ConsentChange.OPTED_OUT,
                  actor.userId() == null ? ConsentSource.API : ConsentSource.AGENT,
                  null,
                  null),
              clock.instant());
        });
  }

  /** As {@link ai.omniflow.inbox.InboxService#isOptedOut}. */
  public boolean isOptedOut(Actor actor, UUID contactId) {
    return consent(actor, contactId).channels().containsValue(ConsentState.WITHDRAWN);
  }

  /** As {@link ai.omniflow.inbox.InboxService#consent}. */
  public ContactConsent consent(Actor actor, UUID contactId) {
    Permission.INBOX_READ.check(actor);
    Objects.requireNonNull(contactId, "contactId");
    return store.inTransaction(
        actor,
        tx -> {
          InboxTx.requireContact(tx, contactId);
          return ConsentLedger.read(tx, contactId);
        });
  }
}
