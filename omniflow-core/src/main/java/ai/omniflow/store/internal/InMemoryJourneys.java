package ai.omniflow.store.internal;

import ai.omniflow.attribution.ExternalTouchpoint;
import ai.omniflow.attribution.Touch;
import ai.omniflow.inbox.InboxThread;
import ai.omniflow.inbox.Touchpoint;
import ai.omniflow.leads.Lead;
import ai.omniflow.leads.LeadOutcome;
import ai.omniflow.store.spi.ContactActivity;
import ai.omniflow.store.spi.JourneyRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

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
  public void activity(
      Instant since, Instant until, TouchDetail detail, Consumer<ContactActivity> each) {
    tx.requireOpen();
    Map<UUID, List<Timed>> touches = new TreeMap<>(JourneyRepository.CONTACT_ORDER);
    for (Sequenced<Touchpoint> s : tables.touchpoints.values()) {
      Touchpoint t = s.value();
      if (t.orgId().equals(org) && within(t.occurredAt(), since, until)) {
        touches
            .computeIfAbsent(t.contactId(), k -> new ArrayList<>())
            .add(new Timed(t.occurredAt(), 0, s.seq(), inboxTouch(t, detail)));
      }
    }
    for (Sequenced<ExternalTouchpoint> s : tables.externalTouchpoints.values()) {
      ExternalTouchpoint t = s.value();
      if (t.orgId().equals(org) && t.contactId() != null && within(t.occurredAt(), since, until)) {
        touches
            .computeIfAbsent(t.contactId(), k -> new ArrayList<>())
            .add(new Timed(t.occurredAt(), 1, s.seq(), externalTouch(t, detail)));
      }
    }
    TreeSet<UUID> contacts = new TreeSet<>(JourneyRepository.CONTACT_ORDER);
    contacts.addAll(touches.keySet());
    Map<UUID, List<Lead>> leads = new TreeMap<>(JourneyRepository.CONTACT_ORDER);
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

  private Touch inboxTouch(Touchpoint t, TouchDetail detail) {
    Touch touch = Touch.of(t.channel().id(), t.campaignId(), t.occurredAt());
    return switch (detail) {
      case NONE -> touch;
      case CONTENT -> touch.withContent(t.postId() != null ? t.postId() : t.adId());
      case AGENT -> {
        Sequenced<InboxThread> thread =
            t.threadId() == null ? null : tables.threads.get(t.threadId());
        UUID agent = thread == null ? null : thread.value().assigneeUserId();
        yield touch.withAgent(agent == null ? null : agent.toString());
      }
    };
  }

  private static Touch externalTouch(ExternalTouchpoint t, TouchDetail detail) {
    Touch touch = Touch.of(t.channel(), t.campaign(), t.occurredAt());
    if (detail != TouchDetail.CONTENT) {
      return touch;
    }
    String content = t.contentId() != null ? t.contentId() : t.adId();
    return touch.withContent(content != null ? content : t.utm().content());
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

  @Override
  public List<FunnelCounts> funnel(
      Instant from, Instant until, Set<String> qualifiedStages, int limit) {
    tx.requireOpen();
    Map<String, long[]> steps = new TreeMap<>();
    for (Sequenced<Touchpoint> s : tables.touchpoints.values()) {
      Touchpoint t = s.value();
      if (t.orgId().equals(org) && within(t.occurredAt(), from, until)) {
        steps.computeIfAbsent(t.channel().id(), k -> new long[5])[0]++;
      }
    }
    for (Sequenced<ExternalTouchpoint> s : tables.externalTouchpoints.values()) {
      ExternalTouchpoint t = s.value();
      if (t.orgId().equals(org) && within(t.occurredAt(), from, until)) {
        steps.computeIfAbsent(t.channel(), k -> new long[5])[0]++;
      }
    }
    for (Sequenced<InboxThread> s : tables.threads.values()) {
      InboxThread t = s.value();
      if (t.orgId().equals(org) && within(t.createdAt(), from, until)) {
        steps.computeIfAbsent(t.channel().id(), k -> new long[5])[1]++;
      }
    }
    for (Sequenced<Lead> s : tables.leads.values()) {
      Lead l = s.value();
      if (!l.orgId().equals(org) || !within(l.createdAt(), from, until)) {
        continue;
      }
      String channel = "unknown";
      if (l.sourceChannel() != null) {
        channel = l.sourceChannel().id();
      } else if (l.threadId() != null && tables.threads.containsKey(l.threadId())) {
        channel = tables.threads.get(l.threadId()).value().channel().id();
      }
      long[] c = steps.computeIfAbsent(channel, k -> new long[5]);
      c[2]++;
      LeadOutcome o = l.outcome();
      boolean won = o != null && o.status() == LeadOutcome.Status.WON;
      if (won || (o == null && qualifiedStages.contains(l.stage()))) {
        c[3]++;
      }
      if (won) {
        c[4]++;
      }
    }
    List<FunnelCounts> out = new ArrayList<>();
    for (Map.Entry<String, long[]> e : steps.entrySet()) {
      if (out.size() == limit) {
        break;
      }
      long[] c = e.getValue();
      out.add(new FunnelCounts(e.getKey(), c[0], c[1], c[2], c[3], c[4]));
    }
    return out;
  }

  @Override
  public List<ConvertCount> timesToConvert(
      Instant from, Instant until, List<Duration> bounds, int limit) {
    tx.requireOpen();
    Map<String, long[]> counts = new TreeMap<>();
    for (Sequenced<Lead> s : tables.leads.values()) {
      Lead l = s.value();
      LeadOutcome o = l.outcome();
      if (!l.orgId().equals(org)
          || o == null
          || o.status() != LeadOutcome.Status.WON
          || !within(o.closedAt(), from, until)) {
        continue;
      }
      Timed first = firstTouch(l.contactId(), o.closedAt());
      String channel =
          first != null
              ? first.touch().channel()
              : l.sourceChannel() != null ? l.sourceChannel().id() : "unknown";
      Instant start = first != null ? first.at() : l.createdAt();
      Duration took = Duration.between(start, o.closedAt());
      int bucket = 0;
      while (bucket < bounds.size() && took.compareTo(bounds.get(bucket)) >= 0) {
        bucket++;
      }
      counts.computeIfAbsent(channel, k -> new long[bounds.size() + 1])[bucket]++;
    }
    List<ConvertCount> out = new ArrayList<>();
    for (Map.Entry<String, long[]> e : counts.entrySet()) {
      for (int b = 0; b < e.getValue().length; b++) {
        if (e.getValue()[b] > 0 && out.size() < limit) {
          out.add(new ConvertCount(e.getKey(), b, e.getValue()[b]));
        }
      }
    }
    return out;
  }

  // The contact's first touch at or before the instant: inbox first on equal times, then stored.
  private @Nullable Timed firstTouch(UUID contact, Instant atOrBefore) {
    Timed first = null;
    Comparator<Timed> order =
        Comparator.comparing(Timed::at)
            .thenComparingInt(Timed::source)
            .thenComparingLong(Timed::seq);
    for (Sequenced<Touchpoint> s : tables.touchpoints.values()) {
      Touchpoint t = s.value();
      if (t.orgId().equals(org)
          && t.contactId().equals(contact)
          && !t.occurredAt().isAfter(atOrBefore)) {
        Timed c = new Timed(t.occurredAt(), 0, s.seq(), Touch.of(t.channel().id(), null, null));
        first = first == null || order.compare(c, first) < 0 ? c : first;
      }
    }
    for (Sequenced<ExternalTouchpoint> s : tables.externalTouchpoints.values()) {
      ExternalTouchpoint t = s.value();
      if (t.orgId().equals(org)
          && contact.equals(t.contactId())
          && !t.occurredAt().isAfter(atOrBefore)) {
        Timed c = new Timed(t.occurredAt(), 1, s.seq(), Touch.of(t.channel(), null, null));
        first = first == null || order.compare(c, first) < 0 ? c : first;
      }
    }
    return first;
  }

  private static boolean within(Instant at, Instant since, Instant until) {
    return !at.isBefore(since) && at.isBefore(until);
  }
}
