package ai.omniflow.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.OmniFlow;
import ai.omniflow.connector.mock.MockConnectorFactory;
import ai.omniflow.connector.spi.AuthMethod;
import ai.omniflow.connector.spi.Capability;
import ai.omniflow.connector.spi.Connector;
import ai.omniflow.connector.spi.ConnectorConfig;
import ai.omniflow.connector.spi.ConnectorFactory;
import ai.omniflow.connector.spi.HealthStatus;
import ai.omniflow.connectors.AuthorizationStart;
import ai.omniflow.connectors.ConnectorAccount;
import ai.omniflow.connectors.ConnectorMode;
import ai.omniflow.connectors.ConnectorRegistry;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import ai.omniflow.tenancy.User;
import ai.omniflow.vault.TokenVault;
import ai.omniflow.vault.tink.Keyset;
import ai.omniflow.vault.tink.spi.KeyEncryptionKey;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

@DisplayName("The connector auto-configuration")
class ConnectorAutoConfigurationTest {
  private static final String KEY = Keyset.generate().toJson();

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(OmniFlowAutoConfiguration.class));

  private final ApplicationContextRunner withKey =
      runner.withPropertyValues("omniflow.connectors.token-encryption-key=" + KEY);

  @Nested
  @DisplayName("with nothing configured")
  class Defaults {
    @Test
    @DisplayName("it is in mock mode with no vault, registers no connector and checks every 15m")
    void mockModeNoVaultNoConnectors() {
      runner.run(
          context -> {
            assertThat(context).doesNotHaveBean(TokenVault.class);
            ConnectorRegistry registry = context.getBean(OmniFlow.class).connectors().registry();
            assertThat(registry.mode()).isEqualTo(ConnectorMode.MOCK);
            assertThat(registry.all()).isEmpty();
            assertThat(context.getBean(ConnectorHealthChecks.class).interval())
                .isEqualTo(Duration.ofMinutes(15));
            assertThat(
                    context
                        .getBean(OmniFlowProperties.class)
                        .getConnectors()
                        .getDiscovery()
                        .isEnabled())
                .isFalse();
          });
    }
  }

  @Nested
  @DisplayName("with a token encryption key")
  class WithAKey {
    @Test
    @DisplayName("it makes the vault and registers the offline mock connector, available in mock")
    void vaultAndMock() {
      withKey.run(
          context -> {
            assertThat(context).hasSingleBean(TokenVault.class);
            ConnectorRegistry registry = context.getBean(OmniFlow.class).connectors().registry();
            assertThat(registry.available())
                .extracting(ConnectorRegistry.Registration::provider)
                .containsExactly("mock");
            assertThat(registry.require("mock").config().flag(MockConnectorFactory.OFFLINE))
                .isTrue();
          });
    }

    @Test
    @DisplayName("the mode and the shared redirect URI come from properties")
    void modeAndRedirect() {
      withKey
          .withPropertyValues(
              "omniflow.connectors.mode=live",
              "omniflow.connectors.oauth-redirect-uri=https://app.example.com/oauth/callback")
          .run(
              context -> {
                ConnectorRegistry registry =
                    context.getBean(OmniFlow.class).connectors().registry();
                assertThat(registry.mode()).isEqualTo(ConnectorMode.LIVE);
                assertThat(registry.available()).isEmpty();
                assertThat(registry.find("mock").orElseThrow().config().redirectUri())
                    .isEqualTo(URI.create("https://app.example.com/oauth/callback"));
              });
    }

    @Test
    @DisplayName("a redirect URI template gets each connector's provider id in place of {provider}")
    void redirectTemplate() {
      withKey
          .withBean(ConnectorFactory.class, () -> new LiveOnlyFactory("acme"))
          .withPropertyValues(
              "omniflow.connectors.oauth-redirect-uri=https://app.example.com/oauth/{provider}/callback",
              "omniflow.connectors.providers.acme.app-id=acme-app",
              "omniflow.connectors.providers.acme.app-secret=acme-secret",
              "omniflow.connectors.providers.acme.api-base-uri=https://api.acme.test/")
          .run(
              context -> {
                ConnectorRegistry registry =
                    context.getBean(OmniFlow.class).connectors().registry();
                assertThat(registry.find("mock").orElseThrow().config().redirectUri())
                    .isEqualTo(URI.create("https://app.example.com/oauth/mock/callback"));
                assertThat(registry.find("acme").orElseThrow().config().redirectUri())
                    .isEqualTo(URI.create("https://app.example.com/oauth/acme/callback"));
              });
    }

    @Test
    @DisplayName("a redirect URI template that is not absolute stops start-up naming the setting")
    void relativeRedirectTemplate() {
      withKey
          .withPropertyValues("omniflow.connectors.oauth-redirect-uri=/oauth/{provider}/callback")
          .run(
              context -> {
                assertThat(context).hasFailed();
                assertThat(messages(context.getStartupFailure()))
                    .contains("omniflow.connectors.oauth-redirect-uri")
                    .doesNotContain("/oauth/");
              });
    }

    @Test
    @DisplayName(
        "a malformed keyset stops start-up with a message naming the setting, not the value")
    void malformedKey() {
      runner
          .withPropertyValues("omniflow.connectors.token-encryption-key={\"primaryKeyId\": 42}")
          .run(
              context -> {
                assertThat(context).hasFailed();
                String messages = messages(context.getStartupFailure());
                assertThat(messages)
                    .contains("omniflow.connectors.token-encryption-key")
                    .doesNotContain("primaryKeyId");
              });
    }

    @Test
    @DisplayName("with a KeyEncryptionKey bean the setting is an encrypted keyset opened with it")
    void encryptedKeyset() {
      KeyEncryptionKey kek = new XorKek();
      Keyset keyset = Keyset.generate();
      runner
          .withBean(KeyEncryptionKey.class, () -> kek)
          .withPropertyValues(
              "omniflow.connectors.token-encryption-key=" + keyset.toEncryptedJson(kek))
          .run(
              context ->
                  assertThat(context.getBean(TokenVault.class).primaryKeyId())
                      .isEqualTo(keyset.primaryKeyId()));
    }

    @Test
    @DisplayName(
        "without omniflow-vault it makes no vault, and a host's own TokenVault bean is used")
    void withoutTheVaultModule() {
      withKey
          .withClassLoader(new FilteredClassLoader(Keyset.class))
          .run(context -> assertThat(context).doesNotHaveBean(TokenVault.class));
      TokenVault own = new TokenVault(Keyset.generate());
      withKey
          .withBean(TokenVault.class, () -> own)
          .run(context -> assertThat(context.getBean(TokenVault.class)).isSameAs(own));
    }

    @Test
    @DisplayName("without omniflow-connector-mock no mock connector is registered")
    void withoutTheMockModule() {
      withKey
          .withClassLoader(new FilteredClassLoader(MockConnectorFactory.class))
          .run(
              context ->
                  assertThat(context.getBean(OmniFlow.class).connectors().registry().all())
                      .isEmpty());
    }
  }

  @Nested
  @DisplayName("with ConnectorFactory beans")
  class FactoryBeans {
    @Test
    @DisplayName("each is registered with its provider settings and the shared redirect URI")
    void registeredWithItsConfig() {
      withKey
          .withBean(ConnectorFactory.class, () -> new LiveOnlyFactory("acme"))
          .withPropertyValues(
              "omniflow.connectors.oauth-redirect-uri=https://app.example.com/oauth/callback",
              "omniflow.connectors.providers.acme.app-id=acme-app",
              "omniflow.connectors.providers.acme.app-secret=acme-secret",
              "omniflow.connectors.providers.acme.webhook-verify-token=verify-me",
              "omniflow.connectors.providers.acme.api-base-uri=https://api.acme.test/",
              "omniflow.connectors.providers.acme.scopes=read,write",
              "omniflow.connectors.providers.acme.settings.region=eu")
          .run(
              context -> {
                ConnectorRegistry registry =
                    context.getBean(OmniFlow.class).connectors().registry();
                ConnectorConfig config = registry.find("acme").orElseThrow().config();
                assertThat(config.appId()).isEqualTo("acme-app");
                assertThat(config.appSecret()).isEqualTo("acme-secret");
                assertThat(config.webhookVerifyToken()).isEqualTo("verify-me");
                assertThat(config.apiBaseUri()).isEqualTo(URI.create("https://api.acme.test/"));
                assertThat(config.scopes()).containsExactly("read", "write");
                assertThat(config.settings()).containsEntry("region", "eu");
                assertThat(config.redirectUri())
                    .isEqualTo(URI.create("https://app.example.com/oauth/callback"));
                assertThat(registry.find("acme").orElseThrow().modes())
                    .containsExactly(ConnectorMode.LIVE);
                assertThat(registry.all())
                    .extracting(ConnectorRegistry.Registration::provider)
                    .containsExactly("acme", "mock");
              });
    }

    @Test
    @DisplayName("a factory bean with the id mock replaces the default mock connector")
    void ownMock() {
      withKey
          .withBean(ConnectorFactory.class, MockConnectorFactory::new)
          .run(
              context ->
                  assertThat(context.getBean(OmniFlow.class).connectors().registry().all())
                      .singleElement()
                      .satisfies(r -> assertThat(r.config().flag("offline")).isTrue()));
    }

    @Test
    @DisplayName("a factory without its provider settings stops start-up naming them")
    void missingSettings() {
      withKey
          .withBean(ConnectorFactory.class, () -> new LiveOnlyFactory("acme"))
          .withPropertyValues("omniflow.connectors.providers.acme.app-id=acme-app")
          .run(
              context -> {
                assertThat(context).hasFailed();
                assertThat(messages(context.getStartupFailure()))
                    .contains("omniflow.connectors.providers.acme.")
                    .contains("appSecret");
              });
    }

    @Test
    @DisplayName("a factory without a token encryption key stops start-up naming the setting")
    void noVault() {
      runner
          .withBean(ConnectorFactory.class, () -> new LiveOnlyFactory("acme"))
          .withPropertyValues(
              "omniflow.connectors.providers.acme.app-id=a",
              "omniflow.connectors.providers.acme.app-secret=b",
              "omniflow.connectors.providers.acme.api-base-uri=https://api.acme.test/")
          .run(
              context -> {
                assertThat(context).hasFailed();
                assertThat(messages(context.getStartupFailure()))
                    .contains("omniflow.connectors.token-encryption-key");
              });
    }
  }

  @Nested
  @DisplayName("with discovery enabled")
  class Discovery {
    @Test
    @DisplayName("a discovered factory is registered with its provider settings")
    void discovered() {
      withKey
          .withClassLoader(new FilteredClassLoader(MockConnectorFactory.class))
          .withPropertyValues(
              "omniflow.connectors.discovery.enabled=true",
              "omniflow.connectors.oauth-redirect-uri=http://localhost:8080/oauth/callback",
              "omniflow.connectors.providers.mock.app-id=m",
              "omniflow.connectors.providers.mock.app-secret=s",
              "omniflow.connectors.providers.mock.api-base-uri=https://mock.test/",
              "omniflow.connectors.providers.mock.settings.offline=true")
          .run(
              context ->
                  assertThat(context.getBean(OmniFlow.class).connectors().registry().all())
                      .extracting(r -> r.config().appId())
                      .containsExactly("m"));
    }

    @Test
    @DisplayName("a discovered factory the default already registers is registered once")
    void notTwice() {
      withKey
          .withPropertyValues("omniflow.connectors.discovery.enabled=true")
          .run(
              context ->
                  assertThat(context.getBean(OmniFlow.class).connectors().registry().all())
                      .hasSize(1));
    }
  }

  @Nested
  @DisplayName("health")
  class HealthOfConnectors {
    @Test
    @DisplayName("the omniflowConnectors indicator is UP and details each org's accounts")
    void indicator() {
      withKey
          .withPropertyValues("omniflow.connectors.health-check-interval=0s")
          .run(
              context -> {
                OmniFlow omniFlow = context.getBean(OmniFlow.class);
                Actor owner = orgWithAMockAccount(omniFlow);
                HealthIndicator indicator =
                    context.getBean("omniflowConnectorsHealthIndicator", HealthIndicator.class);
                Health health = indicator.health();
                assertThat(health.getStatus()).isEqualTo(Status.UP);
                assertThat(health.getDetails())
                    .containsEntry("mode", "mock")
                    .containsEntry("accounts", 2)
                    .containsEntry("accounts_needing_attention", 0);
                @SuppressWarnings("unchecked")
                Map<String, Map<String, Object>> orgs =
                    (Map<String, Map<String, Object>>) health.getDetails().get("orgs");
                assertThat(orgs.get(owner.orgId().toString()))
                    .containsEntry("overall", "healthy")
                    .containsEntry(
                        "counts",
                        Map.of("healthy", 2, "degraded", 0, "needs_reauth", 0, "disconnected", 0));
              });
    }

    @Test
    @DisplayName("without Spring Boot's health module there is no indicator")
    void noHealthModule() {
      withKey
          .withClassLoader(new FilteredClassLoader(HealthIndicator.class))
          .run(context -> assertThat(context).doesNotHaveBean(ConnectorsHealthIndicator.class));
    }

    @Test
    @DisplayName("scheduled checks probe every org's accounts at the configured interval")
    void scheduledChecks() {
      withKey
          .withPropertyValues("omniflow.connectors.health-check-interval=100ms")
          .run(
              context -> {
                OmniFlow omniFlow = context.getBean(OmniFlow.class);
                Actor first = orgWithAMockAccount(omniFlow);
                Actor second = orgWithAMockAccount(omniFlow);
                assertThat(context.getBean(ConnectorHealthChecks.class).isRunning()).isTrue();
                eventually(
                    () -> {
                      for (Actor a : List.of(first, second)) {
                        assertThat(omniFlow.connectors().accounts(a))
                            .allSatisfy(
                                acc -> {
                                  assertThat(acc.lastCheckedAt()).isNotNull();
                                  assertThat(acc.status()).isEqualTo(HealthStatus.HEALTHY);
                                });
                      }
                    });
              });
    }

    @Test
    @DisplayName("a zero interval schedules nothing")
    void zeroDisables() throws InterruptedException {
      withKey
          .withPropertyValues("omniflow.connectors.health-check-interval=0")
          .run(
              context -> {
                OmniFlow omniFlow = context.getBean(OmniFlow.class);
                Actor owner = orgWithAMockAccount(omniFlow);
                assertThat(context.getBean(ConnectorHealthChecks.class).isRunning()).isFalse();
                Thread.sleep(300);
                assertThat(omniFlow.connectors().accounts(owner))
                    .allSatisfy(acc -> assertThat(acc.lastCheckedAt()).isNull());
              });
    }

    @Test
    @DisplayName("runOnce checks each org and counts the ones that did not fail")
    void runOnce() {
      withKey
          .withPropertyValues("omniflow.connectors.health-check-interval=0")
          .run(
              context -> {
                OmniFlow omniFlow = context.getBean(OmniFlow.class);
                orgWithAMockAccount(omniFlow);
                ConnectorHealthChecks checks = context.getBean(ConnectorHealthChecks.class);
                assertThat(checks.runOnce()).isEqualTo(omniFlow.tenancy().orgIds().size());
              });
    }
  }

  @Nested
  @DisplayName("scheduled checks when an org fails")
  class FailingOrg {
    @Test
    @DisplayName("the failure is logged without its message and the other orgs are still checked")
    @org.junit.jupiter.api.extension.ExtendWith(
        org.springframework.boot.test.system.OutputCaptureExtension.class)
    void otherOrgsStillChecked(org.springframework.boot.test.system.CapturedOutput output) {
      UUID broken = UUID.randomUUID();
      ai.omniflow.store.InMemoryStore memory = new ai.omniflow.store.InMemoryStore();
      ai.omniflow.store.spi.Store store =
          new ai.omniflow.store.spi.Store() {
            @Override
            public <T> T inTransaction(Actor actor, TransactionWork<T> work) {
              if (actor.orgId().equals(broken)) {
                throw new IllegalStateException("secret-looking detail 9f2e");
              }
              return memory.inTransaction(actor, work);
            }

            @Override
            public List<UUID> orgIds() {
              List<UUID> ids = new java.util.ArrayList<>();
              ids.add(broken);
              ids.addAll(memory.orgIds());
              return ids;
            }
          };
      withKey
          .withBean(ai.omniflow.store.spi.Store.class, () -> store)
          .withPropertyValues("omniflow.connectors.health-check-interval=0")
          .run(
              context -> {
                OmniFlow omniFlow = context.getBean(OmniFlow.class);
                Actor owner = orgWithAMockAccount(omniFlow);

                int ok = context.getBean(ConnectorHealthChecks.class).runOnce();

                assertThat(ok).isEqualTo(1);
                assertThat(omniFlow.connectors().accounts(owner))
                    .allSatisfy(acc -> assertThat(acc.lastCheckedAt()).isNotNull());
                assertThat(output.getAll())
                    .contains("Scheduled connector health check of org " + broken + " failed")
                    .doesNotContain("9f2e");
              });
    }
  }

  /** A new org whose owner connected the offline mock connector (two accounts). */
  static Actor orgWithAMockAccount(OmniFlow omniFlow) {
    UUID org = UUID.randomUUID();
    UUID user = UUID.randomUUID();
    omniFlow
        .tenancy()
        .createOrg(
            org, "Org", new User(user, user + "@example.com", "Owner", omniFlow.clock().instant()));
    Actor owner = Actor.of(org, user, Role.OWNER);
    AuthorizationStart start = omniFlow.connectors().start(owner, "mock");
    List<ConnectorAccount> accounts =
        omniFlow.connectors().complete(owner, "mock", "code-1", start.state());
    assertThat(accounts).hasSize(2);
    return owner;
  }

  /** Retries the assertion for up to ten seconds. */
  static void eventually(Runnable assertion) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      try {
        assertion.run();
        return;
      } catch (AssertionError e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(50);
      }
    }
  }

  static String messages(Throwable t) {
    StringBuilder b = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      b.append(c.getMessage()).append('\n');
    }
    return b.toString();
  }

  /** A connector factory for a platform that serves live mode only. */
  record LiveOnlyFactory(String providerId) implements ConnectorFactory {
    @Override
    public String displayName() {
      return "Acme";
    }

    @Override
    public Set<Capability> capabilities() {
      return Set.of(Capability.OUTBOUND_TEXT);
    }

    @Override
    public AuthMethod authMethod() {
      return AuthMethod.OAUTH;
    }

    @Override
    public Connector create(ConnectorConfig config) {
      return new MockConnectorFactory()
          .create(config.toBuilder().redirectUri(URI.create("http://localhost/cb")).build());
    }
  }

  /** A toy key-encryption key for the test: XOR, with the associated data appended. */
  static final class XorKek implements KeyEncryptionKey {
    @Override
    public byte[] encrypt(byte[] plaintext, byte[] associatedData) {
      byte[] out = Arrays.copyOf(plaintext, plaintext.length + associatedData.length);
      for (int i = 0; i < plaintext.length; i++) {
        out[i] = (byte) (plaintext[i] ^ 0x5a);
      }
      System.arraycopy(associatedData, 0, out, plaintext.length, associatedData.length);
      return out;
    }

    @Override
    public byte[] decrypt(byte[] ciphertext, byte[] associatedData)
        throws GeneralSecurityException {
      int n = ciphertext.length - associatedData.length;
      if (n < 0
          || !Arrays.equals(Arrays.copyOfRange(ciphertext, n, ciphertext.length), associatedData)) {
        throw new GeneralSecurityException("not authentic");
      }
      byte[] out = new byte[n];
      for (int i = 0; i < n; i++) {
        out[i] = (byte) (ciphertext[i] ^ 0x5a);
      }
      return out;
    }
  }
}
