package ai.omniflow.store.internal;

import ai.omniflow.attribution.ExternalTouchpoint;
import ai.omniflow.attribution.Touch;
import ai.omniflow.inbox.Touchpoint;
import ai.omniflow.leads.Lead;
import ai.omniflow.leads.LeadOutcome;
import ai.omniflow.store.spi.ContactActivity;
import ai.omniflow.store.spi.JourneyRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;

/** The {@link JourneyRepository} of one in-memory transaction. Not thread-safe. */
final class InMemoryJourneys implements JourneyRepository {
  private final InMemoryTables tables;
  private final InMemoryContext tx;
  private final UUID org;

  InMemoryJourneys(InMemoryTables tables, InMemoryContext tx) {
    this.tables = tables;
    this.tx = tx;
    this.org = tx.org();
  }

  private record Timed(Instant at, int source, long seq, Touch touch) {}

  @Override
  public void activity(Instant since, Instant until, Consumer<ContactActivity> each) {
    tx.requireOpen();
    Map<UUID, List<Timed>> touches = new TreeMap<>();
    for (Sequenced<Touchpoint> s : tables.touchpoints.values()) {
      Touchpoint t = s.value();
      if (t.orgId().equals(org) && within(t.occurredAt(), since, until)) {
        touches
            .computeIfAbsent(t.contactId(), k -> new ArrayList<>())
            .add(
                new Timed(
                    t.occurredAt(),
                    0,
                    s.seq(),
                    Touch.of(t.channel().id(), t.campaignId(), t.occurredAt())));
      }
    }
    for (Sequenced<ExternalTouchpoint> s : tables.externalTouchpoints.values()) {
      ExternalTouchpoint t = s.value();
      if (t.orgId().equals(org) && t.contactId() != null && within(t.occurredAt(), since, until)) {
        touches
            .computeIfAbsent(t.contactId(), k -> new ArrayList<>())
            .add(
                new Timed(
                    t.occurredAt(),
                    1,
                    s.seq(),
                    Touch.of(t.channel(), t.campaign(), t.occurredAt())));
      }
    }
    TreeSet<UUID> contacts = new TreeSet<>(touches.keySet());
    Map<UUID, List<Lead>> leads = new TreeMap<>();
    for (Sequenced<Lead> s : tables.leads.values()) {
      Lead l = s.value();
      LeadOutcome o = l.outcome();
      if (!l.orgId().equals(org) || !l.createdAt().isBefore(until)) {
        continue;
      }
      if (o == null || !o.closedAt().isBefore(since)) {
        leads.computeIfAbsent(l.contactId(), k -> new ArrayList<>()).add(l);
      }
      if (o != null && within(o.closedAt(), since, until)) {
        contacts.add(l.contactId());
      }
    }
    Comparator<Timed> order =
        Comparator.comparing(Timed::at)
            .thenComparingInt(Timed::source)
            .thenComparingLong(Timed::seq);
    for (UUID c : contacts) {
      List<Touch> ordered =
          touches.getOrDefault(c, List.of()).stream().sorted(order).map(Timed::touch).toList();
      List<ContactActivity.LeadMark> marks =
          leads.getOrDefault(c, List.of()).stream()
              .sorted(
                  Comparator.comparing(Lead::createdAt)
                      .thenComparing(
                          l -> l.outcome() == null ? Instant.MAX : l.outcome().closedAt()))
              .map(l -> new ContactActivity.LeadMark(l.createdAt(), l.outcome()))
              .toList();
      each.accept(new ContactActivity(c, ordered, marks));
    }
  }

  @Override
  public List<String> wonCurrencies(Instant from, Instant until, int limit) {
    tx.requireOpen();
    TreeSet<String> found = new TreeSet<>();
    for (Sequenced<Lead> s : tables.leads.values()) {
      Lead l = s.value();
      LeadOutcome o = l.outcome();
      if (l.orgId().equals(org)
          && o != null
          && o.status() == LeadOutcome.Status.WON
          && o.currency() != null
          && within(o.closedAt(), from, until)) {
        found.add(o.currency());
      }
    }
    return found.stream().limit(limit).toList();
  }

  private static boolean within(Instant at, Instant since, Instant until) {
    return !at.isBefore(since) && at.isBefore(until);
  }
}
