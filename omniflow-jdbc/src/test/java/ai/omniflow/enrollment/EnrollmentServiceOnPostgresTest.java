package ai.omniflow.enrollment;

import ai.omniflow.jdbc.JdbcStore;
import ai.omniflow.jdbc.testing.PostgresTestDatabase;
import ai.omniflow.jdbc.testing.TestDatabase;
import ai.omniflow.store.spi.Store;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;

/** The enrollment service's tests, on PostgreSQL as the application role. */
@DisplayName("Nurture enrollments on PostgreSQL")
@ExtendWith(PostgresTestDatabase.class)
class EnrollmentServiceOnPostgresTest extends EnrollmentServiceTest {
  private final TestDatabase db;

  EnrollmentServiceOnPostgresTest(TestDatabase db) {
    this.db = db;
  }

  @Override
  protected Store newStore() {
    return JdbcStore.create(db.appDataSource(), db.schema());
  }
}
