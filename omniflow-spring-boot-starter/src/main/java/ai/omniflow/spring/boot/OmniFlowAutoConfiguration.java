package ai.omniflow.spring.boot;

import ai.omniflow.OmniFlow;
import ai.omniflow.assist.PackIntentClassifier;
import ai.omniflow.assist.TemplateReplySuggester;
import ai.omniflow.assist.spi.IntentClassifier;
import ai.omniflow.assist.spi.ReplySuggester;
import ai.omniflow.connector.mock.MockConnectorFactory;
import ai.omniflow.connector.spi.ConnectorFactory;
import ai.omniflow.inbox.SentAtWindow;
import ai.omniflow.jdbc.JdbcStore;
import ai.omniflow.jdbc.OmniFlowSchema;
import ai.omniflow.pack.spi.PackSource;
import ai.omniflow.spring.boot.internal.ConnectorRegistrations;
import ai.omniflow.spring.boot.internal.DefaultConnector;
import ai.omniflow.spring.boot.internal.LoginRoleCheck;
import ai.omniflow.spring.boot.internal.OwnerDataSource;
import ai.omniflow.store.InMemoryStore;
import ai.omniflow.store.spi.Store;
import ai.omniflow.vault.TokenVault;
import ai.omniflow.vault.tink.Keyset;
import ai.omniflow.vault.tink.spi.KeyEncryptionKey;
import ai.omniflow.verticals.ClasspathPackSource;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configures {@link OmniFlow}: a UTC {@link Clock} (microsecond ticks), the shipped vertical
 * packs when omniflow-verticals is on the classpath, a {@link JdbcStore} over the application's
 * {@link DataSource} when omniflow-jdbc is on the classpath (else an {@link InMemoryStore}), and
 * the {@link OmniFlow} built from them. Every bean backs off when the application defines its own.
 *
 * <p>Connectors: {@code omniflow.connectors.mode} sets the mode; {@code
 * omniflow.connectors.token-encryption-key} makes the {@link TokenVault} (opened with the {@link
 * KeyEncryptionKey} bean if there is one); every {@link ConnectorFactory} bean is registered with
 * its {@code omniflow.connectors.providers.<id>.*} config and the shared {@code
 * omniflow.connectors.oauth-redirect-uri}; with {@code omniflow.connectors.discovery.enabled}
 * discovered factories too; and, when omniflow-connector-mock is on the classpath and no factory
 * has the id {@code mock}, the offline mock connector. {@link ConnectorHealthChecks} probes the
 * accounts on a schedule, and with Spring Boot's health module the {@code omniflowConnectors}
 * {@link ConnectorsHealthIndicator} reports them.
 *
 * <p>With {@code omniflow.jdbc.migrate} on, OmniFlow's migrations run at start-up after the host's
 * own database initialization ({@link OmniFlowMigration}).
 *
 * <p>With {@code omniflow.jdbc.owner.*} set and {@code omniflow.jdbc.verify-rls} left on, start-up
 * fails unless the role the DataSource really logs in as ({@code current_user}, asked over that
 * DataSource) is {@code omniflow.jdbc.app-role}, is neither superuser nor BYPASSRLS, owns nothing
 * and belongs to no role owning a table, and row-level security is forced on every tenant table.
 */
@AutoConfiguration(
    afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@EnableConfigurationProperties(OmniFlowProperties.class)
public final class OmniFlowAutoConfiguration {
  private static final Logger LOG = LoggerFactory.getLogger(OmniFlowAutoConfiguration.class);

  /**
   * The system clock in UTC, ticking in whole microseconds: PostgreSQL keeps microseconds, so an
   * instant OmniFlow returns is the one it stored.
   */
  @Bean
  @ConditionalOnMissingBean
  Clock omniFlowClock() {
    return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
  }

  /**
   * The in-memory store, when neither the application nor {@link JdbcStoreConfiguration} provides
   * one. Member classes are processed before this class's own bean methods.
   */
  @Bean
  @ConditionalOnMissingBean(Store.class)
  InMemoryStore omniFlowInMemoryStore() {
    return new InMemoryStore();
  }

  /**
   * The token vault on {@code omniflow-vault}'s Tink keyset, when that module is on the class path
   * (a host may bring its own {@link TokenVault} bean over another {@code TokenCipher} instead).
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "ai.omniflow.vault.tink.Keyset")
  static class TinkTokenVaultConfiguration {

    /**
     * The token vault from {@code omniflow.connectors.token-encryption-key}.
     *
     * @throws IllegalStateException naming the setting (never its value) if it is not a valid
     *     keyset
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty("omniflow.connectors.token-encryption-key")
    TokenVault omniFlowTokenVault(
        OmniFlowProperties properties, ObjectProvider<KeyEncryptionKey> keyEncryptionKey) {
      String text = properties.getConnectors().getTokenEncryptionKey();
      KeyEncryptionKey kek = keyEncryptionKey.getIfUnique();
      try {
        Keyset keyset =
            kek == null
                ? Keyset.parseJson(text == null ? "" : text)
                : Keyset.parseEncryptedJson(text == null ? "" : text, kek);
        return new TokenVault(keyset);
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(
            "omniflow.connectors.token-encryption-key (OMNIFLOW_CONNECTORS_TOKEN_ENCRYPTION_KEY) is"
                + " invalid: "
                + e.getMessage());
      }
    }
  }

  /** The default classifier: the offline, pack-based one. A host's own bean replaces it. */
  @Bean
  @ConditionalOnMissingBean
  IntentClassifier omniFlowIntentClassifier() {
    return PackIntentClassifier.ofDefaults();
  }

  /**
   * The default suggester: the offline template one, classifying with the classifier bean. A host's
   * own bean (an {@code OpenAiCompatibleReplySuggester}, say) replaces it.
   */
  @Bean
  @ConditionalOnMissingBean
  ReplySuggester omniFlowReplySuggester(IntentClassifier classifier) {
    return TemplateReplySuggester.builder().classifier(classifier).build();
  }

  @Bean
  @ConditionalOnMissingBean
  OmniFlow omniFlow(
      Store store,
      IntentClassifier intentClassifier,
      ReplySuggester replySuggester,
      ObjectProvider<PackSource> packSource,
      Clock clock,
      OmniFlowProperties properties,
      ObjectProvider<TokenVault> tokenVault,
      ObjectProvider<ConnectorFactory> connectorFactories,
      ObjectProvider<DefaultConnector> defaultConnectors,
      ObjectProvider<OmniFlowBuilderCustomizer> customizers,
      ObjectProvider<ObservationRegistry> observationRegistry) {
    OmniFlow.Builder builder =
        OmniFlow.builder()
            .store(store)
            .clock(clock)
            .sentAtWindow(
                new SentAtWindow(
                    properties.getInbox().getMaxSentAtAge(),
                    properties.getInbox().getMaxSentAtAhead()))
            .intentClassifier(intentClassifier)
            .replySuggester(replySuggester);
    packSource.ifAvailable(builder::packSource);
    // The host's registry (Boot's, with Actuator) receives core's observations; none: no-op.
    observationRegistry.ifUnique(builder::observationRegistry);
    TokenVault vault = tokenVault.getIfAvailable();
    if (vault != null) {
      builder.tokenVault(vault);
    }
    ConnectorRegistrations.apply(
        builder,
        properties.getConnectors(),
        connectorFactories.orderedStream().toList(),
        defaultConnectors.orderedStream().toList(),
        vault != null,
        clock,
        OmniFlowAutoConfiguration.class.getClassLoader());
    customizers.orderedStream().forEach(c -> c.customize(builder));
    return builder.build();
  }

  /** Probes every org's connector accounts every {@code health-check-interval}. */
  @Bean
  @ConditionalOnMissingBean
  ConnectorHealthChecks omniFlowConnectorHealthChecks(
      OmniFlow omniFlow, OmniFlowProperties properties) {
    return new ConnectorHealthChecks(omniFlow, properties.getConnectors().getHealthCheckInterval());
  }

  /** Routes on leads whose first-to-claim offer expired, every {@code offer-expiry-interval}. */
  @Bean
  @ConditionalOnMissingBean
  OfferExpiry omniFlowOfferExpiry(OmniFlow omniFlow, OmniFlowProperties properties) {
    return new OfferExpiry(omniFlow, properties.getLeads().getOfferExpiryInterval());
  }

  /** Marks send claims left by a crash or a timeout unknown, every send-reconcile-interval. */
  @Bean
  @ConditionalOnMissingBean
  SendReconciliation omniFlowSendReconciliation(OmniFlow omniFlow, OmniFlowProperties properties) {
    return new SendReconciliation(
        omniFlow,
        properties.getInbox().getSendReconcileInterval(),
        properties.getInbox().getSendClaimTimeout());
  }

  /** The offline mock connector, when omniflow-connector-mock is on the classpath. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(MockConnectorFactory.class)
  static final class MockConnectorConfiguration {
    @Bean
    DefaultConnector omniFlowMockConnector(Clock clock) {
      return new DefaultConnector(
          new MockConnectorFactory(), MockConnectorFactory.offlineConfig(clock));
    }
  }

  /** Actuator's {@code omniflowConnectors} health, when Spring Boot's health module is present. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(HealthIndicator.class)
  @ConditionalOnEnabledHealthIndicator("omniflowConnectors")
  static final class HealthConfiguration {
    @Bean
    @ConditionalOnMissingBean(name = "omniflowConnectorsHealthIndicator")
    ConnectorsHealthIndicator omniflowConnectorsHealthIndicator(OmniFlow omniFlow) {
      return new ConnectorsHealthIndicator(omniFlow);
    }
  }

  /** The shipped packs, when omniflow-verticals is on the classpath. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(ClasspathPackSource.class)
  static final class VerticalsConfiguration {
    @Bean
    @ConditionalOnMissingBean
    PackSource omniFlowPackSource() {
      return ClasspathPackSource.shipped();
    }
  }

  /** The PostgreSQL store, when omniflow-jdbc is on the classpath and a DataSource exists. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(JdbcStore.class)
  @ConditionalOnBean(DataSource.class)
  static final class JdbcStoreConfiguration {
    /**
     * OmniFlow's migrations, when {@code omniflow.jdbc.migrate} is on. Marked as depending on
     * database initialization, so the host's Flyway, Liquibase or SQL scripts run first.
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(name = "omniflow.jdbc.migrate", havingValue = "true")
    @DependsOnDatabaseInitialization
    OmniFlowMigration omniFlowMigration(DataSource dataSource, OmniFlowProperties properties) {
      OmniFlowProperties.Jdbc jdbc = properties.getJdbc();
      DataSource owner =
          jdbc.getOwner().isConfigured() ? OwnerDataSource.of(jdbc.getOwner()) : dataSource;
      return OmniFlowMigration.run(owner, jdbc.getSchema(), jdbc.getAppRole());
    }

    @Bean
    @ConditionalOnMissingBean(Store.class)
    JdbcStore omniFlowJdbcStore(
        DataSource dataSource,
        OmniFlowProperties properties,
        ObjectProvider<OmniFlowMigration> migration) {
      // Asked for so that the schema is migrated before the store is made.
      migration.ifAvailable(m -> LOG.debug("OmniFlow's schema {} is migrated", m.schema()));
      OmniFlowProperties.Jdbc jdbc = properties.getJdbc();
      if (jdbc.isVerifyRls() && jdbc.getOwner().isConfigured()) {
        // The role the DataSource really logs in as, not only the one the properties name.
        String login = LoginRoleCheck.verify(dataSource, jdbc.getSchema());
        if (!login.equals(jdbc.getAppRole())) {
          throw new IllegalStateException(
              "The DataSource logs in as "
                  + login
                  + " but omniflow.jdbc.app-role is "
                  + jdbc.getAppRole()
                  + ": the migrations grant to and the check verifies the app role; make them"
                  + " the same.");
        }
        OmniFlowSchema.verify(OwnerDataSource.of(jdbc.getOwner()), jdbc.getSchema(), login);
        LOG.info(
            "Row-level security is forced on every table of schema {} and binds {}",
            jdbc.getSchema(),
            login);
      }
      return JdbcStore.create(dataSource, jdbc.getSchema());
    }
  }
}
