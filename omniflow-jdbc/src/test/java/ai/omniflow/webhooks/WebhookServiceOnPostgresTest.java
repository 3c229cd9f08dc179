package ai.omniflow.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.jdbc.JdbcStore;
import ai.omniflow.jdbc.testing.PostgresTestDatabase;
import ai.omniflow.jdbc.testing.TestDatabase;
import ai.omniflow.store.spi.Store;
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
}
