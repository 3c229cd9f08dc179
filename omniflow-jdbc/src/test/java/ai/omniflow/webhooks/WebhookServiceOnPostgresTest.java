package ai.omniflow.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.OmniFlow;
import ai.omniflow.inbox.InboxService;
import ai.omniflow.jdbc.JdbcStore;
import ai.omniflow.jdbc.testing.PostgresTestDatabase;
import ai.omniflow.jdbc.testing.TestDatabase;
import ai.omniflow.store.spi.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
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

/** The webhook path's tests on PostgreSQL as the application role, plus workers racing. */
@DisplayName("Webhooks on PostgreSQL")
@ExtendWith(PostgresTestDatabase.class)
class WebhookServiceOnPostgresTest extends WebhookServiceTest {
  private final TestDatabase db;

  WebhookServiceOnPostgresTest(TestDatabase db) {
    this.db = db;
  }

  @Override
  protected Store newStore() {
    return JdbcStore.create(db.appDataSource(), db.schema());
  }

  @Test
  @DisplayName("two workers processing at once take each stored delivery exactly once")
  void twoConcurrentWorkersProcessEachDeliveryOnce() throws Exception {
    String page = "page-" + unique();
    connect(owner, page);
    int deliveries = 120;
    for (int i = 0; i < deliveries; i++) {
      receive("#lines\nmsg " + page + " m-" + unique() + " psid-" + i + " Hi " + i);
    }
    WebhookSettings small =
        new WebhookSettings(
            7, Duration.ofMinutes(5), 3, Duration.ofSeconds(1), Duration.ofMinutes(1));
    int parsesBefore = connector.parses.get();

    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<ProcessingReport> reports = new ArrayList<>();
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<ProcessingReport>> workers = new ArrayList<>();
      for (int w = 0; w < 2; w++) {
        workers.add(
            pool.submit(
                () -> {
                  start.await();
                  ProcessingReport total = ProcessingReport.EMPTY;
                  for (ProcessingReport r = omniFlow.webhooks().process(small);
                      r.claimed() > 0;
                      r = omniFlow.webhooks().process(small)) {
                    total = total.plus(r);
                  }
                  return total;
                }));
      }
      start.countDown();
      for (Future<ProcessingReport> f : workers) {
        reports.add(f.get(120, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(reports.get(0).claimed() + reports.get(1).claimed()).isEqualTo(deliveries);
    assertThat(reports.get(0).done() + reports.get(1).done()).isEqualTo(deliveries);
    assertThat(connector.parses.get() - parsesBefore).isEqualTo(deliveries);
    assertThat(threads(owner)).isEqualTo(deliveries);
    assertThat(omniFlow.webhooks().events(owner, WebhookStatus.DONE, 0, 100))
        .allSatisfy(d -> assertThat(d.attempts()).isEqualTo(1));
    assertThat(store.webhookInbox().count(WebhookStatus.PENDING)).isZero();
  }

  @Test
  @DisplayName(
      "a worker that dies after its claim leaves the delivery to the next claim after the lease")
  void aCrashedWorkersClaimIsTakenAgainAfterTheLease() {
    String page = "page-" + unique();
    connect(owner, page);
    WebhookReceipt r = receive("#lines\nmsg " + page + " m-" + unique() + " psid-1 Hi");
    // A worker claims and dies before it settles: nothing but the lease is left behind.
    store.webhookInbox().claim(java.util.UUID.randomUUID(), clock.instant(), settings.lease(), 10);

    assertThat(omniFlow.webhooks().process(settings).claimed()).isZero();
    clock.advance(settings.lease());
    ProcessingReport report = omniFlow.webhooks().process(settings);

    assertThat(report.done()).isEqualTo(1);
    assertThat(threads(owner)).isEqualTo(1);
    assertThat(store.webhookInbox().find(r.id()).orElseThrow().attempts()).isEqualTo(2);
  }

  @Test
  @DisplayName(
      "a node that dies in the middle of its batch, after some ingests committed and before any"
          + " settlement, leaves every message to be taken in exactly once after a restart")
  void aNodeKilledMidBatchLosesAndDuplicatesNothingAfterARestart() throws Exception {
    String page = "page-" + unique();
    connect(owner, page);
    int deliveries = 60;
    List<String> mids = new ArrayList<>();
    for (int i = 0; i < deliveries; i++) {
      String mid = "m-" + unique();
      mids.add(mid);
      receive("#lines\nmsg " + page + " " + mid + " psid-" + i + " Hi " + i);
    }
    // The node dies (as with kill -9) during its second ingest transaction: the first 50 messages
    // committed, the next 10 roll back, nothing settled, the lease still held.
    OmniFlow dying = build(new DyingStore(store, 2));
    WebhookSettings all =
        new WebhookSettings(
            deliveries, settings.lease(), 3, settings.firstBackoff(), settings.maxBackoff());
    assertThatThrownBy(() -> dying.webhooks().process(all)).isInstanceOf(NodeDied.class);
    assertThat(messages(mids)).isEqualTo(InboxService.MAX_INGEST_BATCH);
    assertThat(store.webhookInbox().count(WebhookStatus.PENDING)).isEqualTo(deliveries);

    OmniFlow restarted = build(store);
    assertThat(restarted.webhooks().process(all).claimed()).isZero(); // still leased
    clock.advance(settings.lease());
    ProcessingReport report = ProcessingReport.EMPTY;
    for (ProcessingReport r = restarted.webhooks().process(settings);
        r.claimed() > 0;
        r = restarted.webhooks().process(settings)) {
      report = report.plus(r);
    }

    assertThat(report.done()).isEqualTo(deliveries);
    assertThat(store.webhookInbox().count(WebhookStatus.PENDING)).isZero();
    assertThat(messages(mids)).isEqualTo(deliveries);
    assertThat(distinctMessages(mids)).isEqualTo(deliveries);
    assertThat(threads(owner)).isEqualTo(deliveries);
  }

  /** What a node's death looks like from inside: nothing after it runs. */
  private static final class NodeDied extends Error {
    private static final long serialVersionUID = 1L;
  }

  /** The real store, but the node dies when its {@code diesAt}-th ingest transaction runs. */
  private static final class DyingStore implements Store {
    private final Store real;
    private final int diesAt;
    private final java.util.concurrent.atomic.AtomicInteger ingests =
        new java.util.concurrent.atomic.AtomicInteger();

    DyingStore(Store real, int diesAt) {
      this.real = real;
      this.diesAt = diesAt;
    }

    @Override
    public <T> T inTransaction(ai.omniflow.tenancy.Actor actor, TransactionWork<T> work) {
      return real.inTransaction(actor, work);
    }

    @Override
    public <T> T inStrictTransaction(ai.omniflow.tenancy.Actor actor, TransactionWork<T> work) {
      boolean dies = ingests.incrementAndGet() == diesAt;
      return real.inStrictTransaction(
          actor,
          tx -> {
            T result = work.run(tx);
            if (dies) {
              throw new NodeDied(); // before the commit: this ingest's rows roll back
            }
            return result;
          });
    }

    @Override
    public List<java.util.UUID> orgIds() {
      return real.orgIds();
    }

    @Override
    public ai.omniflow.store.spi.WebhookInboxRepository webhookInbox() {
      return real.webhookInbox();
    }
  }

  private OmniFlow build(Store on) {
    return OmniFlow.builder()
        .store(on)
        .clock(clock)
        .connectorMode(ai.omniflow.connectors.ConnectorMode.LIVE)
        .tokenVault(
            new ai.omniflow.vault.TokenVault(ai.omniflow.testing.TestTokenCipher.generate()))
        .connector(connector.factory(), connector.config())
        .build();
  }

  private long messages(List<String> mids) throws SQLException {
    return countMessages("count(*)", mids);
  }

  private long distinctMessages(List<String> mids) throws SQLException {
    return countMessages("count(distinct provider_message_id)", mids);
  }

  private long countMessages(String what, List<String> mids) throws SQLException {
    try (Connection c = db.adminDataSource().getConnection();
        PreparedStatement st =
            c.prepareStatement(
                "select "
                    + what
                    + " from "
                    + db.schema()
                    + ".inbox_messages where provider_message_id = any (?)")) {
      st.setArray(1, c.createArrayOf("text", mids.toArray()));
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
