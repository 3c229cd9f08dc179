package ai.omniflow.leads;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.PageRequest;
import ai.omniflow.connector.spi.Referral;
import ai.omniflow.inbox.IngestResult;
import ai.omniflow.jdbc.JdbcStore;
import ai.omniflow.jdbc.testing.PostgresTestDatabase;
import ai.omniflow.jdbc.testing.TestDatabase;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import java.math.BigDecimal;
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

/** The lead service's tests, on PostgreSQL as the application role, plus real concurrency. */
@DisplayName("Leads on PostgreSQL")
@ExtendWith(PostgresTestDatabase.class)
class LeadServiceOnPostgresTest extends LeadServiceTest {
  private final TestDatabase db;

  LeadServiceOnPostgresTest(TestDatabase db) {
    this.db = db;
  }

  @Override
  protected Store newStore() {
    return JdbcStore.create(db.appDataSource(), db.schema());
  }

  @Test
  void twoConversionsOfTheSameThreadAtTheSameMomentMakeOneLead() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 20; round++) {
        Actor org = newOrg();
        IngestResult r = dm(org, "same" + round, "Hi there", ago(5), Referral.NONE);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<LeadService.Conversion>> futures = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
          futures.add(
              pool.submit(
                  () -> {
                    start.await();
                    return omniFlow.leads().fromThread(org, r.threadId());
                  }));
        }
        start.countDown();
        List<LeadService.Conversion> out = new ArrayList<>();
        for (Future<LeadService.Conversion> f : futures) {
          out.add(f.get(30, TimeUnit.SECONDS));
        }

        assertThat(out.get(0).lead().id()).as("round %d", round).isEqualTo(out.get(1).lead().id());
        assertThat(out).filteredOn(LeadService.Conversion::created).hasSize(1);
        assertThat(omniFlow.leads().list(org, LeadFilter.ALL, PageRequest.first()).total())
            .isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void moneyComesBackExactlyAsItWasRecorded() {
    Lead l = newLead(owner, "exact");
    omniFlow
        .leads()
        .recordOutcome(
            owner,
            l.id(),
            new LeadOutcome(
                LeadOutcome.Status.WON, new BigDecimal("1234567.891"), "KWD", ago(1), null));

    LeadOutcome back = omniFlow.leads().get(owner, l.id()).outcome();

    assertThat(back.amount()).isEqualTo(new BigDecimal("1234567.891"));
    assertThat(back.currency()).isEqualTo("KWD");
  }
}
