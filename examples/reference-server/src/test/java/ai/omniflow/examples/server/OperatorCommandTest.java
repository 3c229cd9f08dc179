package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Operator commands")
class OperatorCommandTest {

  private static String[] command(String name, List<String> args) {
    List<String> all = new ArrayList<>();
    all.add(name);
    all.addAll(args);
    return all.toArray(String[]::new);
  }

  @Test
  @DisplayName("migrate prepares the database and exits 0 without a web server")
  void migrateExitsZero() {
    List<String> args = TestDatabases.arguments();

    assertThat(ReferenceServer.run(command("migrate", args))).isZero();
    assertThat(ReferenceServer.run(command("migrate", args))).as("a second run").isZero();
  }

  @Test
  @DisplayName("seed migrates, seeds the dev org idempotently and exits 0")
  void seedExitsZero() {
    List<String> args = TestDatabases.arguments();

    assertThat(ReferenceServer.run(command("seed", args))).isZero();
    assertThat(ReferenceServer.run(command("seed", args))).as("a second run").isZero();
  }

  @Test
  @DisplayName("an unreachable database makes migrate exit non-zero")
  void migrateFailsOnAnUnreachableDatabase() {
    StandardError.Result result =
        StandardError.capture(
            () ->
                ReferenceServer.run(
                    new String[] {
                      "migrate",
                      "--omniflow.db.url=jdbc:postgresql://127.0.0.1:1/none",
                      "--omniflow.db.user=nobody",
                      "--omniflow.db.app-password=x",
                      "--TOKEN_ENCRYPTION_KEY=" + TestDatabases.TEST_KEYSET,
                      "--OAUTH_REDIRECT_URI=https://app.example.com/oauth/callback"
                    }));

    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.err())
        .contains("reference-server migrate failed: Cannot connect to omniflow.db.url")
        .contains("OMNIFLOW_DB_URL")
        .doesNotContain("password=x");
  }

  @Test
  @DisplayName("an unknown command exits 2")
  void unknownCommand() {
    assertThat(ReferenceServer.run(new String[] {"frobnicate"})).isEqualTo(2);
  }
}
