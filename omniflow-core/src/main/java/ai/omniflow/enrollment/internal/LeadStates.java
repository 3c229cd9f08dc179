package ai.omniflow.enrollment.internal;

import ai.omniflow.assist.spi.IntentClassifier;
import ai.omniflow.enrollment.LeadState;
import ai.omniflow.fields.LeadField;
import ai.omniflow.inbox.ContactMessage;
import ai.omniflow.inbox.MessageDirection;
import ai.omniflow.leads.Lead;
import ai.omniflow.nurture.Playbook;
import ai.omniflow.nurture.PlaybookStep;
import ai.omniflow.pack.VerticalPack;
import ai.omniflow.scoring.CompiledRules;
import ai.omniflow.scoring.LeadFacts;
import ai.omniflow.sla.BusinessCalendar;
import ai.omniflow.sla.SlaCalendar;
import ai.omniflow.store.spi.StoreTransaction;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a step reads of the lead and the org ({@link LeadState}): the lead's facts as scoring and
 * routing rules read them (its pack fields, {@code source_channel}, {@code score}, {@code
 * language}, {@code inbound_count} over the messages read, {@code last_intent} of the latest
 * inbound message), its band, and the org's business calendar (the SLA calendar of the org scope,
 * else open around the clock). Not API. Stateless and thread-safe.
 */
final class LeadStates {
  private LeadStates() {}

  /**
   * @param messages the contact's latest messages, oldest first
   * @param lastIntent the intent of the contact's latest inbound message, or {@code null}
   */
  static LeadState of(
      StoreTransaction tx,
      VerticalPack pack,
      Lead lead,
      List<ContactMessage> messages,
      @Nullable String lastIntent) {
    List<LeadField> fields = pack.leadFields();
    LeadFacts.Builder b = CompiledRules.facts(fields);
    for (LeadField f : fields) {
      Object v = lead.fields().get(f.key());
      if (v != null) {
        try {
          b.set(f.key(), v);
        } catch (IllegalArgumentException e) {
          // A value of another type than the field's (the pack changed): the field is unknown.
        }
      }
    }
    if (lead.sourceChannel() != null) {
      b.set("source_channel", lead.sourceChannel().id());
    }
    if (lead.score() != null) {
      b.set("score", lead.score());
    }
    if (lead.language() != null) {
      b.set("language", lead.language());
    }
    for (ContactMessage m : messages) {
      if (m.message().direction() == MessageDirection.INBOUND) {
        b.engagement(m.message().sentAt());
      }
    }
    b.lastIntent(lastIntent);
    return new LeadState(fields, b.build(), lead.band(), orgCalendar(tx));
  }

  /** The org's business calendar: its SLA calendar of the org scope, else open around the clock. */
  static BusinessCalendar orgCalendar(StoreTransaction tx) {
    for (SlaCalendar c : tx.sla().calendars()) {
      if (c.scope().kind() == SlaCalendar.Kind.ORG) {
        return c.calendar();
      }
    }
    return BusinessCalendar.alwaysOpen();
  }

  /**
   * The intent of the contact's latest inbound message when {@code playbook} has a branch on a
   * field (which may read {@code last_intent}), else {@code null}: the classifier runs only when a
   * branch may need it.
   */
  static @Nullable String lastIntent(
      Playbook playbook,
      List<ContactMessage> messages,
      VerticalPack pack,
      IntentClassifier classifier) {
    boolean readsFields =
        playbook.steps().stream()
            .anyMatch(
                s -> s instanceof PlaybookStep.Branch b && b.on() == PlaybookStep.Branch.On.FIELD);
    if (!readsFields) {
      return null;
    }
    for (int i = messages.size() - 1; i >= 0; i--) {
      ContactMessage m = messages.get(i);
      if (m.message().direction() == MessageDirection.INBOUND) {
        return classifier.classify(m.message().text(), pack).intent();
      }
    }
    return null;
  }
}
