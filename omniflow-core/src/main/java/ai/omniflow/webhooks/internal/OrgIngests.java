package ai.omniflow.webhooks.internal;

import ai.omniflow.connector.spi.InboundEvent;
import ai.omniflow.connector.spi.Sender;
import ai.omniflow.inbox.AccountEvent;
import ai.omniflow.inbox.InboxService;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.webhooks.AccountOwner;
import ai.omniflow.webhooks.WebhookErrors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a claim's events of one org in: in chunks of up to {@value #MAX_CHUNK} per transaction
 * ({@link InboxService#ingestAll}), and one event per transaction ({@link InboxService#ingest}) for
 * a sender with several events in the claim and for every event of a chunk that failed (decision
 * 0081). Not API. Thread-safe.
 */
final class OrgIngests {
  private static final Logger LOG = LoggerFactory.getLogger(OrgIngests.class);

  /** How many events at most go in in one ingest transaction. */
  static final int MAX_CHUNK = InboxService.MAX_INGEST_BATCH;

  /** One owned event of a claimed delivery, to go in with its org's. */
  record Item(DeliveryWork work, AccountOwner owner, InboundEvent event) {}

  private final InboxService inbox;

  OrgIngests(InboxService inbox) {
    this.inbox = Objects.requireNonNull(inbox, "inbox");
  }

  /**
   * The parts one org's {@code items} go in by, in this order: each event of a sender who has
   * several in the claim alone, in the claim's order (a conversation in full flow: its thread's
   * lock is then held for one event's transaction, never for a chunk's, so another worker whose
   * chunk meets that thread waits briefly, and a fast sender does not make the workers take turns);
   * then the others in chunks of at most {@value #MAX_CHUNK}.
   */
  List<List<Item>> parts(List<Item> items) {
    Map<String, Integer> senders = new HashMap<>();
    for (Item i : items) {
      String s = sender(i);
      if (s != null) {
        senders.merge(s, 1, Integer::sum);
      }
    }
    List<List<Item>> parts = new ArrayList<>();
    List<Item> rest = new ArrayList<>(items.size());
    for (Item i : items) {
      String s = sender(i);
      if (s != null && senders.get(s) > 1) {
        parts.add(List.of(i));
      } else {
        rest.add(i);
      }
    }
    for (int from = 0; from < rest.size(); from += MAX_CHUNK) {
      parts.add(rest.subList(from, Math.min(rest.size(), from + MAX_CHUNK)));
    }
    return parts;
  }

  /** Who sent an engagement on which channel and account; {@code null} for a delivery update. */
  private static @Nullable String sender(Item i) {
    Sender s = null;
    if (i.event() instanceof InboundEvent.Message m) {
      s = m.sender();
    } else if (i.event() instanceof InboundEvent.Comment c) {
      s = c.sender();
    } else if (i.event() instanceof InboundEvent.LeadForm l) {
      s = l.sender();
    }
    return s == null
        ? null
        : i.event().channel().id()
            + '\0'
            + i.owner().accountRef()
            + '\0'
            + s.handle()
            + '\0'
            + s.phone()
            + '\0'
            + s.email();
  }

  /**
   * Takes in one org's {@code part} in one transaction; if it fails, each of its events in one of
   * its own, so that a poisoned event fails its delivery alone.
   */
  void ingest(UUID org, List<Item> part) {
    Actor system = Actor.system(org);
    if (part.size() > 1) {
      List<AccountEvent> events = new ArrayList<>(part.size());
      for (Item i : part) {
        events.add(new AccountEvent(i.owner().accountRef(), i.event()));
      }
      try {
        inbox.ingestAll(system, events);
        for (Item i : part) {
          i.work().ingested++;
          i.work().open--;
        }
        return;
      } catch (RuntimeException e) {
        LOG.debug(
            "an ingest of {} events failed ({}); each goes in alone",
            part.size(),
            Processing.describe(e));
      }
    }
    for (Item i : part) {
      DeliveryWork w = i.work();
      w.open--;
      if (w.failed()) {
        continue; // an event of its delivery failed: the delivery is tried again whole
      }
      try {
        inbox.ingest(system, i.owner().accountRef(), i.event());
        w.ingested++;
      } catch (RuntimeException e) {
        w.fail(
            Processing.code(e, WebhookErrors.INGEST_FAILED), "ingest: " + Processing.describe(e));
      }
    }
  }
}
