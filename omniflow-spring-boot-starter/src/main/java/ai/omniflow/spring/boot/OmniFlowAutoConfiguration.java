package ai.omniflow.spring.boot;

import ai.omniflow.OmniFlow;
import ai.omniflow.jdbc.JdbcStore;
import ai.omniflow.jdbc.OmniFlowSchema;
import ai.omniflow.pack.spi.PackSource;
import ai.omniflow.spring.boot.internal.OwnerDataSource;
import ai.omniflow.store.InMemoryStore;
import ai.omniflow.store.spi.Store;
import ai.omniflow.verticals.ClasspathPackSource;
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
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configures {@link OmniFlow}: a UTC {@link Clock} (microsecond ticks), the shipped vertical
 * packs when omniflow-verticals is on the classpath, a {@link JdbcStore} over the application's
 * {@link DataSource} when omniflow-jdbc is on the classpath (else an {@link InMemoryStore}), and
 * the {@link OmniFlow} built from them. Every bean backs off when the application defines its own.
 *
 * <p>With {@code omniflow.jdbc.owner.*} set and {@code omniflow.jdbc.verify-rls} left on, start-up
 * fails unless row-level security is forced on every tenant table.
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

  @Bean
  @ConditionalOnMissingBean
  OmniFlow omniFlow(
      Store store,
      ObjectProvider<PackSource> packSource,
      Clock clock,
      ObjectProvider<OmniFlowBuilderCustomizer> customizers) {
    OmniFlow.Builder builder = OmniFlow.builder().store(store).clock(clock);
    packSource.ifAvailable(builder::packSource);
    customizers.orderedStream().forEach(c -> c.customize(builder));
    return builder.build();
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
    @Bean
    @ConditionalOnMissingBean(Store.class)
    JdbcStore omniFlowJdbcStore(DataSource dataSource, OmniFlowProperties properties) {
      OmniFlowProperties.Jdbc jdbc = properties.getJdbc();
      if (jdbc.isVerifyRls() && jdbc.getOwner().isConfigured()) {
        OmniFlowSchema.verify(
            OwnerDataSource.of(jdbc.getOwner()), jdbc.getSchema(), jdbc.getAppRole());
        LOG.info("Row-level security is forced on every table of schema {}", jdbc.getSchema());
      }
      return JdbcStore.create(dataSource, jdbc.getSchema());
    }
  }
}
