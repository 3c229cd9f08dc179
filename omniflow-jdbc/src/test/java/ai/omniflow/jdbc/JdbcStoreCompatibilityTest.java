package ai.omniflow.jdbc;

import ai.omniflow.jdbc.testing.PostgresTestDatabase;
import ai.omniflow.jdbc.testing.TestDatabase;
import ai.omniflow.store.spi.Store;
import ai.omniflow.store.tck.StoreCompatibilityKit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("The JDBC store passes the Store compatibility kit as the application role")
@ExtendWith(PostgresTestDatabase.class)
class JdbcStoreCompatibilityTest extends StoreCompatibilityKit {
  private final Store store;

  JdbcStoreCompatibilityTest(TestDatabase db) {
    this.store = JdbcStore.create(db.appDataSource(), db.schema());
  }

  @Override
  protected Store store() {
    return store;
  }
}
