package ai.omniflow.inbox;

import ai.omniflow.jdbc.JdbcStore;
import ai.omniflow.jdbc.testing.PostgresTestDatabase;
import ai.omniflow.jdbc.testing.TestDatabase;
import ai.omniflow.store.spi.Store;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;

/** The inbox's bounds on PostgreSQL, which refuses NUL in text and infinite timestamps. */
@DisplayName("The inbox bounds what enters it, on PostgreSQL")
@ExtendWith(PostgresTestDatabase.class)
class InboxBoundsOnPostgresTest extends InboxBoundsTest {
  private final TestDatabase db;

  InboxBoundsOnPostgresTest(TestDatabase db) {
    this.db = db;
  }

  @Override
  protected Store newStore() {
    return JdbcStore.create(db.appDataSource(), db.schema());
  }
}
