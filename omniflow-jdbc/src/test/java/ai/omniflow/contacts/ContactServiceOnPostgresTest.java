package ai.omniflow.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.PageRequest;
import ai.omniflow.jdbc.JdbcStore;
import ai.omniflow.jdbc.testing.PostgresTestDatabase;
import ai.omniflow.jdbc.testing.TestDatabase;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The contact service's tests, on PostgreSQL as the application role, plus real concurrency. */
@DisplayName("Contacts, identities and merges on PostgreSQL")
@ExtendWith(PostgresTestDatabase.class)
class ContactServiceOnPostgresTest extends ContactServiceTest {
  private final TestDatabase db;

  ContactServiceOnPostgresTest(TestDatabase db) {
    this.db = db;
  }

  @Override
  protected Store newStore() {
    return JdbcStore.create(db.appDataSource(), db.schema());
  }

  @Override
  protected int propertyTries() {
    return 30;
  }

  @Test
  void twoConcurrentResolvesOfTheSameNewPhoneEndWithOneContact() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 20; round++) {
        Actor org = newOrg();
        String local = String.format("(415) 3%02d-%04d", round, 1000 + round);
        String international = String.format("+1 415 3%02d %04d", round, 1000 + round);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Contact>> results = new ArrayList<>();
        for (String handle : List.of(local, international)) {
          results.add(
              pool.submit(
                  () -> {
                    start.await();
                    return omniFlow
                        .contacts()
                        .resolve(org, List.of(claim(IdentityKind.PHONE, handle)), null);
                  }));
        }
        start.countDown();
        UUID first = results.get(0).get(30, TimeUnit.SECONDS).id();
        UUID second = results.get(1).get(30, TimeUnit.SECONDS).id();
        assertThat(second).as("round %d", round).isEqualTo(first);
        assertThat(omniFlow.contacts().list(org, PageRequest.first()).total()).isEqualTo(1);
        assertThat(omniFlow.contacts().identities(org, first)).hasSize(1);
        // One contact.created: the loser's transaction left nothing behind.
        assertThat(
                omniFlow.events().list(org, PageRequest.of(200, 0)).items().stream()
                    .filter(e -> e.type().equals("contact.created"))
                    .count())
            .isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void twoConcurrentResolvesOfTheSameTwoHandlesInOppositeOrderEndWithOneContact() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 10; round++) {
        Actor org = newOrg();
        IdentityClaim phone =
            claim(IdentityKind.PHONE, String.format("+1 415 4%02d %04d", round, 2000 + round));
        IdentityClaim email = claim(IdentityKind.EMAIL, "p" + round + "@example.com");
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Contact>> results = new ArrayList<>();
        for (List<IdentityClaim> claims : List.of(List.of(phone, email), List.of(email, phone))) {
          results.add(
              pool.submit(
                  () -> {
                    start.await();
                    return omniFlow.contacts().resolve(org, claims, null);
                  }));
        }
        start.countDown();
        UUID first = results.get(0).get(30, TimeUnit.SECONDS).id();
        UUID second = results.get(1).get(30, TimeUnit.SECONDS).id();
        assertThat(second).as("round %d", round).isEqualTo(first);
        assertThat(omniFlow.contacts().list(org, PageRequest.first()).total()).isEqualTo(1);
        assertThat(omniFlow.contacts().identities(org, first)).hasSize(2);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
