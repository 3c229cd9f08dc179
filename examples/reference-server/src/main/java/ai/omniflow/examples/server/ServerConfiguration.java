package ai.omniflow.examples.server;

import ai.omniflow.spring.boot.ConnectorHealthChecks;
import ai.omniflow.spring.boot.OfferExpiry;
import ai.omniflow.spring.boot.OmniFlowProperties;
import ai.omniflow.vault.TokenVault;
import ai.omniflow.vault.tink.Keyset;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The database beans: the settings ({@link ServerProperties}, checked and read as {@link
 * ServerSettings}), the prepared {@link ServerDatabase}, and the pooled {@link DataSource} that
 * connects as the restricted app role, from which the OmniFlow starter builds its JDBC store.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ServerProperties.class)
class ServerConfiguration {
  private static final Logger LOG = LoggerFactory.getLogger(ServerConfiguration.class);

  @Bean
  ServerSettings serverSettings(ServerProperties properties, Environment environment) {
    ServerSettings settings = ServerSettings.of(properties);
    settings.warnings().forEach(w -> LOG.warn("{}", w));
    if ("true".equals(environment.getProperty(DevBindAddress.DEFAULTED))) {
      LOG.info(
          "Development headers are on ({}), so the server listens on {} only. To listen on every"
              + " interface set server.address (SERVER_ADDRESS), e.g. 0.0.0.0; anyone who can reach"
              + " it can then act as any dev-org member.",
          ServerSettings.name(ServerSettings.DEV_AUTH),
          DevBindAddress.LOOPBACK);
    }
    return settings;
  }

  /**
   * The vault for connector tokens: {@code TOKEN_ENCRYPTION_KEY}, or in the embedded default the
   * development keyset under the data directory.
   */
  @Bean
  TokenVault tokenVault(ServerSettings settings) {
    Keyset keyset = settings.tokenKeyset();
    return new TokenVault(keyset != null ? keyset : DevKeyset.loadOrCreate(settings.dataDir()));
  }

  @Bean(destroyMethod = "close")
  ServerDatabase serverDatabase(ServerSettings settings) {
    return ServerDatabase.open(settings);
  }

  @Bean(destroyMethod = "close")
  HikariDataSource dataSource(ServerDatabase database) {
    HikariDataSource ds = new HikariDataSource();
    ds.setPoolName("omniflow-app");
    ds.setJdbcUrl(database.appUrl());
    ds.setUsername(database.appUser());
    ds.setPassword(database.appPassword());
    ds.setMaximumPoolSize(10);
    ds.setConnectionTimeout(10_000);
    return ds;
  }

  /**
   * This node's SLA scheduler, started and stopped with the application ({@code omniflow.sla.*}).
   */
  @Bean
  SlaSchedulerLifecycle slaScheduler(
      DataSource dataSource,
      ServerSettings settings,
      ServerProperties properties,
      OmniFlowProperties starter,
      ai.omniflow.OmniFlow omniFlow) {
    return new SlaSchedulerLifecycle(
        dataSource,
        settings.schema(),
        properties.sla(),
        omniFlow,
        starter.getConnectors().getHealthCheckInterval());
  }

  /**
   * The starter's polled offer-expiry sweep, off while this node's scheduler expires each offer at
   * its time (decision 0065); on, every {@code omniflow.leads.offer-expiry-interval}, when it is
   * off.
   */
  @Bean
  OfferExpiry serverOfferExpiry(
      ai.omniflow.OmniFlow omniFlow, ServerProperties properties, OmniFlowProperties starter) {
    return new OfferExpiry(
        omniFlow,
        properties.sla().enabled()
            ? java.time.Duration.ZERO
            : starter.getLeads().getOfferExpiryInterval());
  }

  /**
   * The starter's polled connector health sweep, off while this node's scheduler runs it as one
   * recurring task (decision 0065); on when the scheduler is off.
   */
  @Bean
  ConnectorHealthChecks serverConnectorHealthChecks(
      ai.omniflow.OmniFlow omniFlow, ServerProperties properties, OmniFlowProperties starter) {
    return new ConnectorHealthChecks(
        omniFlow,
        properties.sla().enabled()
            ? java.time.Duration.ZERO
            : starter.getConnectors().getHealthCheckInterval());
  }
}
