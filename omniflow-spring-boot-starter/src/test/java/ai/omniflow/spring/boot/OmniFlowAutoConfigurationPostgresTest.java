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
  @DisplayName(
      "a DataSource that logs in as a superuser fails start-up even though app-role names the"
          + " restricted role")
  void theCheckVerifiesTheRoleTheDataSourceLogsInAs(TestDatabase db) {
    runner
        .withBean(DataSource.class, db::adminDataSource)
        .withPropertyValues(owner(db, db.schema()))
        .run(
            context ->
                assertThat(context)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("logs in as " + db.adminUser())
                    .hasMessageContaining("is a superuser"));
  }

  @Test
  @DisplayName("a login in the role that owns the schema's tables fails start-up, naming that role")
  void aLoginThatOwnsTablesFails(TestDatabase db) throws Exception {
    String role = "rls_owner_" + Long.toHexString(System.nanoTime());
    try (var c = db.adminDataSource().getConnection();
        var s = c.createStatement()) {
      s.execute("create role " + role + " login nosuperuser nobypassrls password 'pw'");
      s.execute("grant " + db.ownerRole() + " to " + role);
    }
    org.postgresql.ds.PGSimpleDataSource member = new org.postgresql.ds.PGSimpleDataSource();
    member.setURL(db.jdbcUrl());
    member.setUser(role);
    member.setPassword("pw");
    try {
      runner
          .withBean(DataSource.class, () -> member)
          .withPropertyValues(owner(db, db.schema()))
          .withPropertyValues("omniflow.jdbc.app-role=" + role)
          .run(
              context ->
                  assertThat(context)
                      .hasFailed()
                      .getFailure()
                      .rootCause()
                      .hasMessageContaining("logs in as " + role)
                      .hasMessageContaining("is a member of " + db.ownerRole()));
    } finally {
      try (var c = db.adminDataSource().getConnection();
          var s = c.createStatement()) {
        s.execute("drop role " + role);
      }
    }
  }

  @Test
  @DisplayName("with owner credentials, an app-role other than the login fails start-up")
  void anAppRoleOtherThanTheLoginFails(TestDatabase db) {
    String[] props = owner(db, db.schema());
    runner
        .withBean(DataSource.class, db::appDataSource)
        .withPropertyValues(props)
        .withPropertyValues("omniflow.jdbc.app-role=someone_else")
        .run(
            context ->
                assertThat(context)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("logs in as " + db.appUser())
                    .hasMessageContaining("omniflow.jdbc.app-role is someone_else"));
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
