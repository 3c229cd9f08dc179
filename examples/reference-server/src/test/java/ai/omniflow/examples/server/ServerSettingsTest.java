package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.connectors.ConnectorMode;
import ai.omniflow.vault.tink.Keyset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;
import org.springframework.mock.env.MockEnvironment;

@DisplayName("Server settings")
class ServerSettingsTest {
  private static final String KEY = Keyset.generate().toJson();

  /**
   * An environment with the server's application.properties under whatever a test sets, as Spring
   * Boot arranges them: its placeholders carry CONNECTOR_MODE and the other original names into
   * omniflow.server.*.
   */
  private static MockEnvironment env() {
    MockEnvironment env = new MockEnvironment();
    try {
      env.getPropertySources()
          .addLast(
              new ResourcePropertySource(
                  "application.properties", new ClassPathResource("application.properties")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return env;
  }

  @Test
  @DisplayName(
      "with nothing set, the server embeds PostgreSQL under ./data with dev-auth and seeding on")
  void defaults() {
    ServerSettings s = ServerSettings.from(env());

    assertThat(s.embedded()).isTrue();
    assertThat(s.dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
    assertThat(s.schema()).isEqualTo("omniflow");
    assertThat(s.appUser()).isEqualTo("omniflow_app");
    assertThat(s.devAuthEnabled()).isTrue();
    assertThat(s.seedEnabled()).isTrue();
    assertThat(s.warnings()).isEmpty();
    assertThat(s.connectorMode()).isEqualTo(ConnectorMode.MOCK);
    assertThat(s.tokenKeyset()).as("the dev keyset is made later").isNull();
    assertThat(s.oauthRedirectUri()).isEqualTo(ServerSettings.DEFAULT_OAUTH_REDIRECT_URI);
  }

  @Test
  @DisplayName("with an external database, dev-auth and seeding default to off")
  void externalDefaults() {
    ServerSettings s =
        ServerSettings.from(
            env()
                .withProperty("omniflow.db.url", "jdbc:postgresql://db.internal:5432/app")
                .withProperty("omniflow.db.user", "app_owner")
                .withProperty("omniflow.db.app-password", "secret")
                .withProperty("TOKEN_ENCRYPTION_KEY", KEY)
                .withProperty("OAUTH_REDIRECT_URI", "https://app.example.com/oauth/callback"));

    assertThat(s.embedded()).isFalse();
    assertThat(s.devAuthEnabled()).isFalse();
    assertThat(s.seedEnabled()).isFalse();
    assertThat(s.appUserGiven()).isFalse();
    assertThat(s.toString()).doesNotContain("secret").doesNotContain(KEY);
    assertThat(s.tokenKeyset()).isNotNull();
    assertThat(s.oauthRedirectUri()).isEqualTo("https://app.example.com/oauth/callback");
  }

  @Test
  @DisplayName("dev-auth with an external database is allowed with a warning")
  void devAuthWithAnExternalDatabaseWarns() {
    ServerSettings s =
        ServerSettings.from(
            env()
                .withProperty("omniflow.db.url", "jdbc:postgresql://db.internal/app")
                .withProperty("omniflow.db.user", "app_owner")
                .withProperty("omniflow.db.app-password", "secret")
                .withProperty("omniflow.dev-auth.enabled", "true")
                .withProperty("TOKEN_ENCRYPTION_KEY", KEY)
                .withProperty("OAUTH_REDIRECT_URI", "https://app.example.com/oauth/callback"));

    assertThat(s.devAuthEnabled()).isTrue();
    assertThat(s.warnings()).singleElement().asString().contains("OMNIFLOW_DEV_AUTH_ENABLED");
  }

  @Test
  @DisplayName("every problem is reported at once, each naming its property and variable")
  void reportsEveryProblemAtOnce() {
    MockEnvironment env =
        env()
            .withProperty("omniflow.db.url", "postgres://db:5432/app?password=hunter2")
            .withProperty("omniflow.db.app-user", "Bad-Role")
            .withProperty("omniflow.db.schema", "Not A Schema")
            .withProperty("server.port", "70000")
            .withProperty("omniflow.dev-auth.enabled", "maybe")
            .withProperty("omniflow.seed.enabled", "yes");

    assertThatThrownBy(() -> ServerSettings.from(env))
        .isInstanceOfSatisfying(
            InvalidSettingsException.class,
            e -> {
              assertThat(e.problems()).hasSize(10);
              assertThat(e.getMessage())
                  .contains("omniflow.db.url (OMNIFLOW_DB_URL)")
                  .contains("omniflow.db.user (OMNIFLOW_DB_USER)")
                  .contains("omniflow.db.app-password (OMNIFLOW_DB_APP_PASSWORD)")
                  .contains("omniflow.db.app-user (OMNIFLOW_DB_APP_USER)")
                  .contains("omniflow.db.schema (OMNIFLOW_DB_SCHEMA)")
                  .contains("server.port (SERVER_PORT)")
                  .contains("omniflow.dev-auth.enabled (OMNIFLOW_DEV_AUTH_ENABLED)")
                  .contains("omniflow.seed.enabled (OMNIFLOW_SEED_ENABLED)")
                  .contains("TOKEN_ENCRYPTION_KEY must be set with an external database")
                  .contains("OAUTH_REDIRECT_URI must be set with an external database")
                  .doesNotContain("hunter2");
            });
  }

  @Test
  @DisplayName("a store schema that differs from the migrated one is refused")
  void storeSchemaMustBeTheMigratedOne() {
    MockEnvironment env =
        env()
            .withProperty("omniflow.db.schema", "omniflow")
            .withProperty("omniflow.jdbc.schema", "elsewhere");

    assertThatThrownBy(() -> ServerSettings.from(env))
        .isInstanceOfSatisfying(
            InvalidSettingsException.class,
            e ->
                assertThat(e.problems())
                    .singleElement()
                    .asString()
                    .contains("OMNIFLOW_JDBC_SCHEMA")
                    .contains("OMNIFLOW_DB_SCHEMA"));
  }

  @Test
  @DisplayName("a URL port out of range and an app role equal to the owner are refused")
  void urlPortAndRoleClash() {
    MockEnvironment env =
        env()
            .withProperty("omniflow.db.url", "jdbc:postgresql://db:99999/app")
            .withProperty("omniflow.db.user", "omniflow_app")
            .withProperty("omniflow.db.app-password", "x")
            .withProperty("TOKEN_ENCRYPTION_KEY", KEY)
            .withProperty("OAUTH_REDIRECT_URI", "https://app.example.com/oauth/callback");

    assertThatThrownBy(() -> ServerSettings.from(env))
        .isInstanceOfSatisfying(
            InvalidSettingsException.class,
            e ->
                assertThat(e.problems())
                    .hasSize(2)
                    .anySatisfy(p -> assertThat(p).contains("OMNIFLOW_DB_URL) has a port outside"))
                    .anySatisfy(p -> assertThat(p).contains("must differ")));
  }

  @Test
  @DisplayName("the server refuses to start, listing the problems, when settings are wrong")
  void theServerRefusesToStart() {
    StandardError.Result result =
        StandardError.capture(
            () ->
                ReferenceServer.run(
                    new String[] {
                      "migrate",
                      "--server.port=-5",
                      "--omniflow.db.url=mysql://db/app",
                      "--omniflow.db.user=",
                      "--omniflow.db.app-password=",
                      "--omniflow.seed.enabled=perhaps"
                    }));

    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.err())
        .contains("7 problems")
        .contains("SERVER_PORT")
        .contains("OMNIFLOW_DB_URL")
        .contains("OMNIFLOW_DB_USER")
        .contains("OMNIFLOW_DB_APP_PASSWORD")
        .contains("OMNIFLOW_SEED_ENABLED")
        .contains("TOKEN_ENCRYPTION_KEY")
        .contains("OAUTH_REDIRECT_URI");
  }

  @Test
  @DisplayName("a request body limit that is not a size from 1B to 2GB is refused with the others")
  void requestBodyLimitIsValidated() {
    for (String bad : new String[] {"lots", "0B", "3GB", "-1KB"}) {
      MockEnvironment env =
          env()
              .withProperty("omniflow.server.max-request-body", bad)
              .withProperty("server.port", "x");
      assertThatThrownBy(() -> ServerSettings.from(env))
          .as("max-request-body %s", bad)
          .isInstanceOfSatisfying(
              InvalidSettingsException.class,
              e -> {
                assertThat(e.problems()).hasSize(2);
                assertThat(e.getMessage())
                    .contains(
                        "omniflow.server.max-request-body (OMNIFLOW_SERVER_MAX_REQUEST_BODY)");
              });
    }
  }

  @Test
  @DisplayName(
      "the SLA scheduler's settings are validated with the others and default to on, 4 threads, 1 s")
  void slaSchedulerSettings() {
    String[][] bad = {
      {"omniflow.sla.scheduler-enabled", "maybe", "OMNIFLOW_SLA_SCHEDULER_ENABLED"},
      {"omniflow.sla.scheduler-threads", "0", "OMNIFLOW_SLA_SCHEDULER_THREADS"},
      {"omniflow.sla.scheduler-threads", "65", "OMNIFLOW_SLA_SCHEDULER_THREADS"},
      {
        "omniflow.sla.scheduler-polling-interval", "10ms", "OMNIFLOW_SLA_SCHEDULER_POLLING_INTERVAL"
      },
      {
        "omniflow.sla.scheduler-polling-interval", "soon", "OMNIFLOW_SLA_SCHEDULER_POLLING_INTERVAL"
      },
    };
    for (String[] b : bad) {
      MockEnvironment env = env().withProperty(b[0], b[1]).withProperty("server.port", "x");
      assertThatThrownBy(() -> ServerSettings.from(env))
          .as("%s=%s", b[0], b[1])
          .isInstanceOfSatisfying(
              InvalidSettingsException.class,
              e -> {
                assertThat(e.problems()).hasSize(2);
                assertThat(e.getMessage()).contains(b[2]).doesNotContain("=" + b[1]);
              });
    }
    ServerProperties.Sla defaults = bind(env()).sla();
    assertThat(defaults.enabled()).isTrue();
    assertThat(defaults.threads()).isEqualTo(4);
    assertThat(defaults.pollingInterval()).isEqualTo(java.time.Duration.ofSeconds(1));
    ServerProperties.Sla set =
        bind(env()
                .withProperty("omniflow.sla.scheduler-enabled", "false")
                .withProperty("omniflow.sla.scheduler-threads", "8")
                .withProperty("omniflow.sla.scheduler-polling-interval", "500ms"))
            .sla();
    assertThat(set.enabled()).isFalse();
    assertThat(set.threads()).isEqualTo(8);
    assertThat(set.pollingInterval()).isEqualTo(java.time.Duration.ofMillis(500));
  }

  @Test
  @DisplayName("the request body limit is 1 MB unless set, and a set size is taken")
  void requestBodyLimitDefaultsToOneMegabyte() {
    assertThat(bind(env()).server().maxRequestBodyBytes()).isEqualTo(1 << 20);
    assertThat(
            bind(env().withProperty("omniflow.server.max-request-body", "256KB"))
                .server()
                .maxRequestBodyBytes())
        .isEqualTo(256 * 1024);
  }

  @Test
  @DisplayName("an attribution upload limit that is not a size from 1B to 16GB is refused")
  void attributionUploadLimitIsValidated() {
    for (String bad : new String[] {"lots", "0B", "17GB", "-1MB"}) {
      MockEnvironment env =
          env()
              .withProperty("omniflow.server.max-attribution-upload", bad)
              .withProperty("server.port", "x");
      assertThatThrownBy(() -> ServerSettings.from(env))
          .as("max-attribution-upload %s", bad)
          .isInstanceOfSatisfying(
              InvalidSettingsException.class,
              e -> {
                assertThat(e.problems()).hasSize(2);
                assertThat(e.getMessage())
                    .contains(
                        "omniflow.server.max-attribution-upload"
                            + " (OMNIFLOW_SERVER_MAX_ATTRIBUTION_UPLOAD)")
                    .doesNotContain(bad.equals("lots") ? "lots" : "\u0000");
              });
    }
  }

  @Test
  @DisplayName("the attribution upload limit is 200 MB unless set, and a set size is taken")
  void attributionUploadLimitDefaultsTo200Megabytes() {
    assertThat(bind(env()).server().maxAttributionUploadBytes()).isEqualTo(200L << 20);
    assertThat(
            bind(env().withProperty("omniflow.server.max-attribution-upload", "4GB"))
                .server()
                .maxAttributionUploadBytes())
        .isEqualTo(4L << 30);
  }

  @Test
  @DisplayName("the redirect URI may be a template naming {provider}, kept as given")
  void redirectTemplate() {
    ServerSettings s =
        ServerSettings.from(
            env()
                .withProperty(
                    "OAUTH_REDIRECT_URI", "https://crm.example.com/oauth/{provider}/callback"));
    assertThat(s.oauthRedirectUri()).isEqualTo("https://crm.example.com/oauth/{provider}/callback");
    assertThat(ServerSettings.DEFAULT_OAUTH_REDIRECT_URI)
        .isEqualTo("http://localhost:8080/oauth/{provider}/callback");
  }

  @Test
  @DisplayName("connector settings are validated with the others, never echoing the key")
  void connectorSettings() {
    MockEnvironment env =
        env()
            .withProperty("CONNECTOR_MODE", "sandbox")
            .withProperty("TOKEN_ENCRYPTION_KEY", "{\"primaryKeyId\": 7, \"key\": \"s3cr3t\"}")
            .withProperty("OAUTH_REDIRECT_URI", "/oauth/callback")
            .withProperty("server.port", "x");

    assertThatThrownBy(() -> ServerSettings.from(env))
        .isInstanceOfSatisfying(
            InvalidSettingsException.class,
            e -> {
              assertThat(e.problems()).hasSize(4);
              assertThat(e.getMessage())
                  .contains("CONNECTOR_MODE must be mock or live")
                  .contains("TOKEN_ENCRYPTION_KEY must be a Tink JSON keyset")
                  .contains("OAUTH_REDIRECT_URI must be an absolute http or https URI")
                  .doesNotContain("s3cr3t")
                  .doesNotContain("sandbox");
            });
  }

  @Test
  @DisplayName("the environment variables of the original product and of each property are read")
  void environmentVariables() {
    MockEnvironment env = env();
    env.getPropertySources()
        .addFirst(
            new SystemEnvironmentPropertySource(
                "systemEnvironment",
                Map.of(
                    "OMNIFLOW_DB_URL", "jdbc:postgresql://db.internal:5432/app",
                    "OMNIFLOW_DB_USER", "app_owner",
                    "OMNIFLOW_DB_APP_USER", "app_reader",
                    "OMNIFLOW_DB_APP_PASSWORD", "secret",
                    "OMNIFLOW_DEV_AUTH_ENABLED", "TRUE",
                    "OMNIFLOW_SEED_ENABLED", "true",
                    "CONNECTOR_MODE", "live",
                    "TOKEN_ENCRYPTION_KEY", KEY,
                    "OAUTH_REDIRECT_URI", "https://crm.example.com/oauth/callback")));

    ServerSettings s = ServerSettings.from(env);

    assertThat(s.embedded()).isFalse();
    assertThat(s.appUser()).isEqualTo("app_reader");
    assertThat(s.appUserGiven()).isTrue();
    assertThat(s.devAuthEnabled()).isTrue();
    assertThat(s.seedEnabled()).isTrue();
    assertThat(s.connectorMode()).isEqualTo(ConnectorMode.LIVE);
    assertThat(s.oauthRedirectUri()).isEqualTo("https://crm.example.com/oauth/callback");
    assertThat(s.tokenKeyset()).isNotNull();
  }

  @Test
  @DisplayName("an explicit false turns dev-auth and seeding off with the embedded database")
  void explicitFalse() {
    ServerSettings s =
        ServerSettings.from(
            env()
                .withProperty("omniflow.dev-auth.enabled", "false")
                .withProperty("omniflow.seed.enabled", " FALSE "));

    assertThat(s.embedded()).isTrue();
    assertThat(s.devAuthEnabled()).isFalse();
    assertThat(s.seedEnabled()).isFalse();
  }

  @Test
  @DisplayName("a malformed TOKEN_ENCRYPTION_KEY makes the server refuse to start, naming it")
  void malformedKeyRefusesToStart() {
    StandardOutput.Result result =
        StandardOutput.capture(
            () ->
                ReferenceServer.run(
                    new String[] {
                      "--server.port=0",
                      "--TOKEN_ENCRYPTION_KEY={\"primaryKeyId\": 1, \"key\": [\"hunter2\"]}"
                    }));

    assertThat(result.exit()).isEqualTo(1);
    String printed = result.out() + result.err();
    assertThat(printed)
        .contains("TOKEN_ENCRYPTION_KEY must be a Tink JSON keyset")
        .doesNotContain("hunter2");
  }

  @Test
  @DisplayName("live mode, a keyset and a redirect URI are taken as given")
  void connectorSettingsGiven() {
    ServerSettings s =
        ServerSettings.from(
            env()
                .withProperty("CONNECTOR_MODE", "LIVE")
                .withProperty("TOKEN_ENCRYPTION_KEY", KEY)
                .withProperty("OAUTH_REDIRECT_URI", "https://crm.example.com/oauth/callback"));

    assertThat(s.connectorMode()).isEqualTo(ConnectorMode.LIVE);
    assertThat(s.tokenKeyset().toJson()).isEqualTo(Keyset.parseJson(KEY).toJson());
    assertThat(s.oauthRedirectUri()).isEqualTo("https://crm.example.com/oauth/callback");
  }

  private static ServerProperties bind(MockEnvironment env) {
    return org.springframework.boot.context.properties.bind.Binder.get(env)
        .bindOrCreate(
            "omniflow",
            org.springframework.boot.context.properties.bind.Bindable.of(ServerProperties.class));
  }
}
