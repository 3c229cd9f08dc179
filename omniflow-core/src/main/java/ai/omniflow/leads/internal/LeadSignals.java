package ai.omniflow.leads.internal;

import ai.omniflow.assist.IntentPrediction;
import ai.omniflow.assist.spi.IntentClassifier;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.inbox.ContactMessage;
import ai.omniflow.inbox.Message;
import ai.omniflow.inbox.MessageDirection;
import ai.omniflow.pack.VerticalPack;
import ai.omniflow.store.spi.StoreTransaction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What a contact's conversations say about its lead: when it wrote, what it wanted, how fast we
 * answered. Read from the latest {@value #MESSAGES} messages of all the contact's threads, in one
 * query.
 *
 * @param inbound the inbound messages, oldest first
 * @param forms the inbound lead-form submissions, oldest first (also in {@code inbound})
 * @param intents the intents with evidence in the latest {@value #CLASSIFIED} inbound messages, in
 *     order, without repeats
 * @param lastIntent the intent of the latest inbound message
 * @param firstResponseTime from the first inbound message to the first reply after it
 */
record LeadSignals(
    List<Message> inbound,
    List<Message> forms,
    int outboundCount,
    Set<String> intents,
    @Nullable String lastIntent,
    @Nullable Duration firstResponseTime) {
  static final int MESSAGES = 500;

  /** How many of the latest inbound messages are classified for intents. */
  static final int CLASSIFIED = 50;

  static LeadSignals read(
      StoreTransaction tx, UUID contactId, VerticalPack pack, IntentClassifier classifier) {
    return read(tx, contactId, pack, classifier, null);
  }

  /**
   * @param until only messages sent at or before this time count (a closed lead's closing time, so
   *     that training sees what was known then), or {@code null} for all
   */
  static LeadSignals read(
      StoreTransaction tx,
      UUID contactId,
      VerticalPack pack,
      IntentClassifier classifier,
      @Nullable Instant until) {
    List<Message> all = new ArrayList<>();
    List<Message> forms = new ArrayList<>();
    for (ContactMessage cm : tx.inbox().contactMessages(contactId, MESSAGES)) {
      all.add(cm.message());
      if (cm.channel() == Channel.LEAD_FORM
          && cm.message().direction() == MessageDirection.INBOUND) {
        forms.add(cm.message());
      }
    }
    List<Message> inbound = new ArrayList<>();
    int outbound = 0;
    Instant firstInbound = null;
    Duration firstResponse = null;
    Set<String> intents = new LinkedHashSet<>();
    String last = null;
    for (Message m : all) {
      if (until != null && m.sentAt().isAfter(until)) {
        break;
      }
      if (m.direction() == MessageDirection.INBOUND) {
        inbound.add(m);
        if (firstInbound == null) {
          firstInbound = m.sentAt();
        }
      } else {
        outbound++;
        if (firstInbound != null && firstResponse == null && !m.sentAt().isBefore(firstInbound)) {
          firstResponse = Duration.between(firstInbound, m.sentAt());
        }
      }
    }
    // The intents of the latest inbound messages; older ones rarely say more and cost time.
    for (Message m : inbound.subList(Math.max(0, inbound.size() - CLASSIFIED), inbound.size())) {
      if (!m.text().isBlank()) {
        IntentPrediction p = classifier.classify(m.text(), pack);
        last = p.intent();
        if (!p.matched().isEmpty()) {
          // A fallback (no evidence at all) says nothing about what the lead wants.
          intents.add(p.intent());
        }
      }
    }
    return new LeadSignals(
        List.copyOf(inbound), List.copyOf(forms), outbound, intents, last, firstResponse);
  }
}
