package ai.omniflow.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.PageRequest;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.connector.spi.InboundEvent;
import ai.omniflow.connector.spi.Sender;
import ai.omniflow.jdbc.JdbcStore;
import ai.omniflow.jdbc.testing.PostgresTestDatabase;
import ai.omniflow.jdbc.testing.TestDatabase;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The inbox service's tests, on PostgreSQL as the application role, plus real concurrency. */
@DisplayName("The inbox on PostgreSQL")
@ExtendWith(PostgresTestDatabase.class)
class InboxServiceOnPostgresTest extends InboxServiceTest {
  private final TestDatabase db;

  InboxServiceOnPostgresTest(TestDatabase db) {
    this.db = db;
  }

  @Override
  protected Store newStore() {
    return JdbcStore.create(db.appDataSource(), db.schema());
  }

  private List<IngestResult> atTheSameMoment(Actor system, List<InboundEvent> events)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(events.size());
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<IngestResult>> futures = new ArrayList<>();
      for (InboundEvent e : events) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return omniFlow.inbox().ingest(system, null, e);
                }));
      }
      start.countDown();
      List<IngestResult> out = new ArrayList<>();
      for (Future<IngestResult> f : futures) {
        out.add(f.get(30, TimeUnit.SECONDS));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void twoWebhooksForTheSameNewPersonAtTheSameMomentCreateOneContact() throws Exception {
    for (int round = 0; round < 20; round++) {
      Actor org = newOrg();
      String wa = String.format("1415660%04d", round);
      List<IngestResult> results =
          atTheSameMoment(
              Actor.system(org.orgId()),
              List.of(
                  dm("wamid.a" + round, Channel.WHATSAPP, Sender.ofHandle(wa), "Hi", at(0)),
                  dm("wamid.b" + round, Channel.WHATSAPP, Sender.ofHandle(wa), "Hello?", at(0))));

      assertThat(results.get(1).contactId())
          .as("round %d", round)
          .isEqualTo(results.get(0).contactId());
      assertThat(results.get(1).threadId()).isEqualTo(results.get(0).threadId());
      assertThat(results).noneMatch(IngestResult::duplicate);
      assertThat(omniFlow.contacts().list(org, PageRequest.first()).total()).isEqualTo(1);
      assertThat(omniFlow.contacts().identities(org, results.get(0).contactId())).hasSize(2);
      InboxThread t = omniFlow.inbox().thread(org, results.get(0).threadId());
      assertThat(t.unreadCount()).isEqualTo(2);
      assertThat(omniFlow.inbox().messages(org, t.id(), PageRequest.first()).total()).isEqualTo(2);
      assertThat(omniFlow.inbox().touchpoints(org, t.contactId())).hasSize(2);
      List<String> types =
          omniFlow.events().list(org, PageRequest.of(200, 0)).items().stream()
              .map(e -> e.type())
              .toList();
      assertThat(types.stream().filter("contact.created"::equals)).hasSize(1);
      assertThat(types.stream().filter("thread.opened"::equals)).hasSize(1);
    }
  }

  @Test
  void theSameEventDeliveredTwiceAtTheSameMomentIsStoredOnce() throws Exception {
    for (int round = 0; round < 20; round++) {
      Actor org = newOrg();
      InboundEvent event =
          dm("mid.same" + round, Channel.INSTAGRAM_DM, Sender.ofHandle("ig-" + round), "Hi", at(0));
      List<IngestResult> results =
          atTheSameMoment(Actor.system(org.orgId()), List.of(event, event));

      assertThat(results).filteredOn(IngestResult::duplicate).as("round %d", round).hasSize(1);
      assertThat(results.get(0).messageId()).isEqualTo(results.get(1).messageId());
      assertThat(
              omniFlow
                  .inbox()
                  .messages(org, results.get(0).threadId(), PageRequest.first())
                  .total())
          .isEqualTo(1);
      assertThat(omniFlow.contacts().list(org, PageRequest.first()).total()).isEqualTo(1);
    }
  }

  @Test
  @DisplayName(
      "two lists of the same five threads' events, given in opposite orders at the same moment,"
          + " both go in whole: each takes the threads' locks in one order")
  void twoListsOfTheSameThreadsInOppositeOrdersBothGoIn() throws Exception {
    for (int round = 0; round < 5; round++) {
      Actor org = newOrg();
      Actor system = Actor.system(org.orgId());
      List<AccountEvent> first = new ArrayList<>();
      List<AccountEvent> second = new ArrayList<>();
      for (int t = 0; t < 5; t++) {
        Sender s = Sender.ofHandle("ig-" + round + "-" + t);
        omniFlow
            .inbox()
            .ingest(system, null, dm("o-" + round + t, Channel.INSTAGRAM_DM, s, "Hi", at(0)));
        first.add(
            new AccountEvent(null, dm("a-" + round + t, Channel.INSTAGRAM_DM, s, "A", at(1))));
        second.add(
            0, new AccountEvent(null, dm("b-" + round + t, Channel.INSTAGRAM_DM, s, "B", at(1))));
      }
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<IngestResult>>> done = new ArrayList<>();
        for (List<AccountEvent> events : List.of(first, second)) {
          done.add(
              pool.submit(
                  () -> {
                    start.await();
                    return omniFlow.inbox().ingestAll(system, events);
                  }));
        }
        start.countDown();
        for (Future<List<IngestResult>> f : done) {
          assertThat(f.get(60, TimeUnit.SECONDS)).hasSize(5).noneMatch(IngestResult::duplicate);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(omniFlow.inbox().threads(org, ThreadFilter.ALL, PageRequest.first()).items())
          .hasSize(5)
          .allSatisfy(t -> assertThat(t.unreadCount()).isEqualTo(3));
    }
  }
}
