package ai.omniflow.contacts.internal;

import ai.omniflow.LanguageTags;
import ai.omniflow.OmniFlowException;
import ai.omniflow.contacts.Contact;
import ai.omniflow.contacts.ContactErrors;
import ai.omniflow.contacts.ContactEvents;
import ai.omniflow.contacts.ContactService;
import ai.omniflow.internal.Recorder;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An agent setting the language a contact writes in, or handing it back to detection. {@link
 * ContactService#setLanguage} delegates to it; its Javadoc is the spec. Not API. Thread-safe.
 */
public final class LanguageSetting {
  private final Store store;
  private final Clock clock;

  public LanguageSetting(Store store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** As {@link ContactService#setLanguage}. */
  public Contact setLanguage(Actor actor, UUID contactId, @Nullable String tag) {
    Permission.CONTACTS_WRITE.check(actor);
    Objects.requireNonNull(contactId, "contactId");
    // Checked before the transaction: a refused tag writes nothing.
    String language = LanguageTags.normalizeOptional(tag);
    return store.inTransaction(
        actor,
        tx -> {
          Contact before =
              tx.contacts()
                  .lock(contactId)
                  .orElseThrow(() -> OmniFlowException.notFound("The contact"));
          if (before.isMerged()) {
            throw OmniFlowException.conflict(
                ContactErrors.CONTACT_MERGED,
                "The contact was merged into another; set the language on that one.");
          }
          boolean byAgent = language != null;
          if (Objects.equals(before.language(), language)
              && before.languageSetByAgent() == byAgent) {
            return before;
          }
          Instant now = clock.instant();
          Contact after = before.withLanguage(language, byAgent, now);
          tx.contacts().update(after);
          Map<String, @Nullable Object> payload = new LinkedHashMap<>();
          payload.put("contact_id", after.id().toString());
          payload.put("language", after.language());
          payload.put("language_set_by_agent", after.languageSetByAgent());
          var identities = tx.contacts().identities(after.id());
          Recorder.record(
              tx,
              now,
              new Recorder.Change(
                  ContactEvents.CONTACT_UPDATED,
                  ContactEvents.AUDIT_CONTACT_UPDATE,
                  "contact",
                  after.id().toString(),
                  payload,
                  ContactSnapshots.contact(before, identities),
                  ContactSnapshots.contact(after, identities)));
          return after;
        });
  }
}
