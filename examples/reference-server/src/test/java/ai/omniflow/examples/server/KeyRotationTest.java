package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.OmniFlow;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.connector.spi.SendResult;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import ai.omniflow.vault.tink.Keyset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Key rotation over the server, as docs/connectors.md describes it: connect under key 1, add key 2
 * and promote it, run {@code reseal-tokens}, disable key 1; the account still health-checks and
 * sends.
 */
@DisplayName("Token key rotation over the server")
class KeyRotationTest {
  private final DevOrgClient client = new DevOrgClient();
  private final Map<String, String> database = TestDatabases.properties();

  @Test
  @DisplayName("add and promote a key, reseal, disable the old one: the account keeps working")
  void rotation() throws Exception {
    Keyset v1 = Keyset.generate();
    int key1 = v1.primaryKeyId();
    List<String> refs = new ArrayList<>();
    try (ConfigurableApplicationContext server = start(v1)) {
      String state = call(server, "POST", "/connectors/mock/start", "").path("state").asString();
      JsonNode done =
          call(
              server,
              "POST",
              "/connectors/mock/callback",
              "{\"code\": \"rotate-me\", \"state\": \"" + state + "\"}");
      done.path("accounts").forEach(a -> refs.add(a.path("account_ref").asString()));
    }
    assertThat(refs).hasSize(2);

    Keyset withKey2 = v1.withNewKey();
    int key2 = withKey2.keyIds().stream().filter(id -> id != key1).findFirst().orElseThrow();
    Keyset promoted = withKey2.promote(key2);
    try (ConfigurableApplicationContext server = start(promoted)) {
      assertThat(healthcheck(server, refs.get(0)))
          .as("old ciphertexts still open")
          .isEqualTo("healthy");
    }

    StandardOutput.Result wrongKey = reseal(Keyset.generate());
    assertThat(wrongKey.exit()).as(wrongKey.out() + wrongKey.err()).isEqualTo(1);
    assertThat(wrongKey.err())
        .contains("reference-server reseal-tokens failed:")
        .contains("could not be decrypted");

    StandardOutput.Result resealed = reseal(promoted);
    assertThat(resealed.exit()).as(resealed.err()).isZero();
    assertThat(resealed.out())
        .contains("resealed the tokens of 2 account(s)")
        .contains("every token is now under key " + key2);
    StandardOutput.Result again = reseal(promoted);
    assertThat(again.exit()).isZero();
    assertThat(again.out()).contains("Resealed the tokens of 0 account(s)");

    Keyset onlyKey2 = promoted.disable(key1);
    try (ConfigurableApplicationContext server = start(onlyKey2)) {
      for (String ref : refs) {
        assertThat(healthcheck(server, ref)).isEqualTo("healthy");
      }
      OmniFlow omniFlow = server.getBean(OmniFlow.class);
      SendResult sent =
          omniFlow
              .connectors()
              .sendText(
                  Actor.of(DevSeed.ORG_ID, DevSeed.USER_ID, Role.OWNER),
                  refs.get(0),
                  Channel.FACEBOOK_DM,
                  "person-1",
                  "Still here after the rotation.");
      assertThat(sent.providerMessageId()).startsWith("mock-msg-");
    }
  }

  private List<String> arguments(Keyset keyset) {
    List<String> args = new ArrayList<>();
    database.forEach(
        (k, v) -> {
          if (!k.equals("TOKEN_ENCRYPTION_KEY")) {
            args.add("--" + k + "=" + v);
          }
        });
    args.add("--TOKEN_ENCRYPTION_KEY=" + keyset.toJson());
    args.add("--omniflow.dev-auth.enabled=true");
    args.add("--omniflow.seed.enabled=true");
    return args;
  }

  private ConfigurableApplicationContext start(Keyset keyset) {
    List<String> args = arguments(keyset);
    args.add("--server.port=0");
    args.add("--omniflow.connectors.health-check-interval=0");
    return new SpringApplication(ReferenceServer.class).run(args.toArray(String[]::new));
  }

  private StandardOutput.Result reseal(Keyset keyset) {
    List<String> args = new ArrayList<>();
    args.add("reseal-tokens");
    args.addAll(arguments(keyset));
    return StandardOutput.capture(() -> ReferenceServer.run(args.toArray(String[]::new)));
  }

  private String healthcheck(ConfigurableApplicationContext server, String ref) throws Exception {
    return call(server, "POST", "/connectors/mock/" + ref + "/healthcheck", "")
        .path("status")
        .asString();
  }

  private JsonNode call(
      ConfigurableApplicationContext server, String method, String path, String body)
      throws Exception {
    return client.ok(server, method, path, body);
  }
}
