package ai.omniflow.enrollment.internal;

import ai.omniflow.connector.spi.Channel;
import ai.omniflow.contacts.Identity;
import ai.omniflow.contacts.IdentityKind;
import ai.omniflow.guardrails.ConsentState;
import ai.omniflow.guardrails.ContactFacts;
import ai.omniflow.guardrails.Guardrails;
import ai.omniflow.inbox.ContactMessage;
import ai.omniflow.inbox.MessageDirection;
import ai.omniflow.internal.ConsentLedger;
import ai.omniflow.store.spi.StoreTransaction;
import ai.omniflow.tenancy.Org;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What a nurture step's send tells the guardrails about its contact. Not API. Stateless. */
final class GuardrailFacts {
  private GuardrailFacts() {}

  /**
   * {@code base} with the org's zone as its only org zone: a contact whose zone cannot be known
   * gets the org's quiet hours and days, not UTC's.
   */
  static Guardrails forOrg(Guardrails base, Org org) {
    return base.toBuilder().orgZones(List.of(org.zone())).build();
  }

  /**
   * What the guardrails need: consent from the ledger, the phone (its region gives the zone), the
   * org's zone where there is no phone, the last inbound message per channel, and the messages sent
   * to the contact since the start of the day and of the week (Monday) in the zone {@code
   * guardrails} count the contact's days in ({@link Guardrails#countingZone}) — the recipient's
   * day, where it can be known, not UTC's.
   */
  static ContactFacts of(
      StoreTransaction tx,
      UUID contactId,
      Org org,
      List<ContactMessage> messages,
      Guardrails guardrails,
      Instant now) {
    return at(known(tx, contactId, org, messages), messages, guardrails, now, List.of());
  }

  /**
   * What is known of the contact whatever the time: consent, phone or zone, last inbound message
   * per channel. {@link #at} adds the sends counted at a time.
   */
  static ContactFacts.Builder known(
      StoreTransaction tx, UUID contactId, Org org, List<ContactMessage> messages) {
    ContactFacts.Builder b = ContactFacts.builder();
    for (Map.Entry<Channel, ConsentState> c : ConsentLedger.states(tx, contactId).entrySet()) {
      b.consent(c.getKey(), c.getValue());
    }
    String phone =
        tx.contacts().identities(contactId).stream()
            .filter(i -> i.kind() == IdentityKind.PHONE)
            .map(Identity::normalizedValue)
            .findFirst()
            .orElse(null);
    if (phone != null && phone.length() <= ContactFacts.MAX_PHONE) {
      b.phone(phone);
    } else {
      b.zone(org.zone());
    }
    Map<Channel, Instant> lastInbound = new EnumMap<>(Channel.class);
    for (ContactMessage m : messages) {
      if (m.message().direction() == MessageDirection.INBOUND) {
        lastInbound.merge(m.channel(), m.message().sentAt(), (x, y) -> x.isAfter(y) ? x : y);
      }
    }
    lastInbound.forEach(b::lastInbound);
    return b;
  }

  /**
   * {@code known} with the messages sent to the contact since the start of {@code now}'s day and
   * week, and {@code previewed}: sends a preview made before {@code now} that no message records (a
   * suggestion's earlier steps), so that a later step of the preview meets the caps they use. The
   * builder is left with these counts.
   */
  static ContactFacts at(
      ContactFacts.Builder b,
      List<ContactMessage> messages,
      Guardrails guardrails,
      Instant now,
      List<Instant> previewed) {
    ZonedDateTime day = now.atZone(guardrails.countingZone(b.build())).truncatedTo(ChronoUnit.DAYS);
    Instant dayStart = day.toInstant();
    Instant weekStart = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toInstant();
    int today = 0;
    int week = 0;
    for (ContactMessage m : messages) {
      if (m.message().direction() != MessageDirection.INBOUND) {
        Instant at = m.message().sentAt();
        today += at.isBefore(dayStart) ? 0 : 1;
        week += at.isBefore(weekStart) ? 0 : 1;
      }
    }
    for (Instant at : previewed) {
      if (!at.isAfter(now)) {
        today += at.isBefore(dayStart) ? 0 : 1;
        week += at.isBefore(weekStart) ? 0 : 1;
      }
    }
    b.sends(today, week);
    return b.build();
  }
}
