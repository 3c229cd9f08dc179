package ai.omniflow.attribution;

import ai.omniflow.jdbc.JdbcStore;
import ai.omniflow.jdbc.testing.PostgresTestDatabase;
import ai.omniflow.jdbc.testing.TestDatabase;
import ai.omniflow.store.spi.Store;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("The attribution service over PostgreSQL, as the application role")
@ExtendWith(PostgresTestDatabase.class)
class AttributionOverPostgresTest extends AttributionServiceTest {
  private final TestDatabase db;

  AttributionOverPostgresTest(TestDatabase db) {
    this.db = db;
  }

  @Override
  protected Store newStore() {
    return JdbcStore.create(db.appDataSource(), db.schema());
  }
}
