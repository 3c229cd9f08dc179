package ai.omniflow.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.OmniFlow;
import ai.omniflow.jdbc.JdbcStore;
import ai.omniflow.jdbc.testing.PostgresTestDatabase;
import ai.omniflow.jdbc.testing.TestDatabase;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Org;
import ai.omniflow.tenancy.Role;
import ai.omniflow.tenancy.User;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

@DisplayName("The auto-configuration over a real PostgreSQL")
@ExtendWith(PostgresTestDatabase.class)
class OmniFlowAutoConfigurationPostgresTest {
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(OmniFlowAutoConfiguration.class));

  private static String[] owner(TestDatabase db, String schema) {
    return new String[] {
      "omniflow.jdbc.schema=" + schema,
      "omniflow.jdbc.app-role=" + db.appRole(),
      "omniflow.jdbc.owner.url=" + db.jdbcUrl(),
      "omniflow.jdbc.owner.username=" + db.adminUser(),
      "omniflow.jdbc.owner.password=" + db.adminPassword()
    };
  }

  @Test
  @DisplayName("OmniFlow over the application's DataSource writes through the JDBC store")
  void omniFlowUsesTheJdbcStore(TestDatabase db) {
    runner
        .withBean(DataSource.class, db::appDataSource)
        .withPropertyValues("omniflow.jdbc.schema=" + db.schema())
        .run(
            context -> {
              OmniFlow omniFlow = context.getBean(OmniFlow.class);
              assertThat(context.getBean(ai.omniflow.store.spi.Store.class))
                  .isInstanceOf(JdbcStore.class);
              UUID org = UUID.randomUUID();
              UUID user = UUID.randomUUID();
              omniFlow
                  .tenancy()
                  .createOrg(
                      org, "Starter Co", new User(user, user + "@x.test", "U", Instant.now()));
              Org selected = omniFlow.packs().select(Actor.of(org, user, Role.OWNER), "generic");
              assertThat(selected.packSlug()).isEqualTo("generic");
            });
  }

  @Test
  @DisplayName("with owner credentials, start-up verifies row-level security and passes")
  void verificationPassesOnAMigratedSchema(TestDatabase db) {
    runner
        .withBean(DataSource.class, db::appDataSource)
        .withPropertyValues(owner(db, db.schema()))
        .run(context -> assertThat(context).hasNotFailed().hasSingleBean(JdbcStore.class));
  }

  @Test
  @DisplayName("with owner credentials, start-up fails on a schema without forced security")
  void verificationFailsOnAnUnpreparedSchema(TestDatabase db) {
    runner
        .withBean(DataSource.class, db::appDataSource)
        .withPropertyValues(owner(db, "no_such_schema_here"))
        .run(
            context ->
                assertThat(context)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .isInstanceOf(IllegalStateException.class));
  }

  @Test
  @DisplayName("verify-rls=false skips the check")
  void verificationCanBeTurnedOff(TestDatabase db) {
    runner
        .withBean(DataSource.class, db::appDataSource)
        .withPropertyValues(owner(db, "no_such_schema_here"))
        .withPropertyValues("omniflow.jdbc.verify-rls=false")
        .run(context -> assertThat(context).hasNotFailed());
  }
}
