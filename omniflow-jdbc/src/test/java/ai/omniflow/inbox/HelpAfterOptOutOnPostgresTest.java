package ai.omniflow.inbox;

import ai.omniflow.jdbc.JdbcStore;
import ai.omniflow.jdbc.testing.PostgresTestDatabase;
import ai.omniflow.jdbc.testing.TestDatabase;
import ai.omniflow.store.spi.Store;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;

/** The answer to HELP from a contact who opted out, on PostgreSQL as the application role. */
@DisplayName("The answer to HELP from a contact who opted out, on PostgreSQL")
@ExtendWith(PostgresTestDatabase.class)
class HelpAfterOptOutOnPostgresTest extends HelpAfterOptOutTest {
  private final TestDatabase db;

  HelpAfterOptOutOnPostgresTest(TestDatabase db) {
    this.db = db;
  }

  @Override
  protected Store newStore() {
    return JdbcStore.create(db.appDataSource(), db.schema());
  }
}
