package ai.omniflow.inbox.internal;

import ai.omniflow.contacts.Contact;
import ai.omniflow.contacts.ContactEvents;
import ai.omniflow.contacts.ContactLanguages;
import ai.omniflow.inbox.ContactMessage;
import ai.omniflow.inbox.MessageDirection;
import ai.omniflow.internal.Recorder;
import ai.omniflow.store.spi.StoreTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The ingest step that keeps a contact's language in step with what they write: after an inbound
 * message is stored, the contact's latest inbound messages are weighed by {@link ContactLanguages}
 * and a changed language is written with a {@code contact.updated} event, in the ingest's
 * transaction. Not API. Stateless and thread-safe.
 */
final class InboundLanguages {
  /**
   * How many of the contact's latest messages, both directions, are read to find the last {@link
   * ContactLanguages#WINDOW} inbound ones: a reply-heavy conversation may leave fewer.
   */
  static final int READ = ContactLanguages.WINDOW * 4;

  private static final ContactLanguages RULE = ContactLanguages.ofDefaults();

  private InboundLanguages() {}

  /** Updates {@code contact}'s language after its inbound message; returns the contact as now. */
  static Contact afterInbound(StoreTransaction tx, Contact contact, Instant now) {
    if (contact.languageSetByAgent() || contact.isMerged()) {
      return contact;
    }
    List<ContactMessage> latest = tx.inbox().contactMessages(contact.id(), READ);
    List<String> texts = new ArrayList<>(ContactLanguages.WINDOW);
    for (ContactMessage m : latest) {
      if (m.message().direction() == MessageDirection.INBOUND) {
        texts.add(m.message().text());
      }
    }
    String language = RULE.decide(contact, texts);
    if (Objects.equals(language, contact.language())) {
      return contact;
    }
    Contact after = contact.withLanguage(language, false, now);
    tx.contacts().update(after);
    Map<String, @Nullable Object> payload = new LinkedHashMap<>();
    payload.put("contact_id", after.id().toString());
    payload.put("language", after.language());
    payload.put("language_detected", true);
    Map<String, @Nullable Object> before = new LinkedHashMap<>();
    before.put("language", contact.language());
    Map<String, @Nullable Object> afterView = new LinkedHashMap<>();
    afterView.put("language", after.language());
    Recorder.record(
        tx,
        now,
        new Recorder.Change(
            ContactEvents.CONTACT_UPDATED,
            ContactEvents.AUDIT_CONTACT_UPDATE,
            "contact",
            after.id().toString(),
            payload,
            before,
            afterView));
    return after;
  }
}
