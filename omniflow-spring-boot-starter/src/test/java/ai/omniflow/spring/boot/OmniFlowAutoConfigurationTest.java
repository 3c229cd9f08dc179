package ai.omniflow.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.OmniFlow;
import ai.omniflow.assist.IntentPrediction;
import ai.omniflow.assist.PackIntentClassifier;
import ai.omniflow.assist.Suggestion;
import ai.omniflow.assist.TemplateReplySuggester;
import ai.omniflow.assist.spi.IntentClassifier;
import ai.omniflow.assist.spi.ReplySuggester;
import ai.omniflow.jdbc.JdbcStore;
import ai.omniflow.jdbc.testing.DataSourceAdapter;
import ai.omniflow.pack.VerticalPack;
import ai.omniflow.pack.spi.PackSource;
import ai.omniflow.store.InMemoryStore;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.User;
import ai.omniflow.verticals.ClasspathPackSource;
import io.micrometer.observation.ObservationRegistry;
import java.io.PrintWriter;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class OmniFlowAutoConfigurationTest {
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(OmniFlowAutoConfiguration.class));

  @Nested
  @DisplayName("with nothing configured")
  class Defaults {
    @Test
    void itProvidesAUtcClockTheShippedPacksAnInMemoryStoreAndOmniFlow() {
      runner.run(
          context -> {
            assertThat(context).hasSingleBean(OmniFlow.class);
            assertThat(context.getBean(Clock.class).getZone()).isEqualTo(ZoneOffset.UTC);
            assertThat(context.getBean(Store.class)).isInstanceOf(InMemoryStore.class);
            assertThat(context.getBean(PackSource.class)).isInstanceOf(ClasspathPackSource.class);
            OmniFlow omniFlow = context.getBean(OmniFlow.class);
            UUID org = UUID.randomUUID();
            omniFlow.tenancy().createOrg(org, "Org", owner());
            assertThat(context.getBean(Store.class).orgIds())
                .as("OmniFlow writes through the store bean")
                .contains(org);
            assertThat(omniFlow.packCatalog().all())
                .extracting(VerticalPack::slug)
                .contains("generic", "real-estate");
          });
    }

    @Test
    void itBindsTheJdbcPropertiesWithTheirDefaults() {
      runner.run(
          context -> {
            OmniFlowProperties.Jdbc jdbc = context.getBean(OmniFlowProperties.class).getJdbc();
            assertThat(jdbc.getSchema()).isEqualTo("omniflow");
            assertThat(jdbc.getAppRole()).isEqualTo("omniflow_app");
            assertThat(jdbc.isVerifyRls()).isTrue();
            assertThat(jdbc.getOwner().isConfigured()).isFalse();
          });
    }
  }

  @Nested
  @DisplayName("when the application defines its own beans")
  class BackOff {
    @Test
    @DisplayName("a host's reply suggester and intent classifier replace the defaults in OmniFlow")
    void itUsesTheApplicationsSuggesterAndClassifier() {
      IntentClassifier classifier =
          (text, pack) -> new IntentPrediction("general_question", 1.0, null, 0.0, List.of());
      ReplySuggester suggester =
          request ->
              new Suggestion("general_question", 1.0, null, "Hi", "handoff", List.of(), List.of());
      runner
          .withBean(IntentClassifier.class, () -> classifier)
          .withBean(ReplySuggester.class, () -> suggester)
          .run(
              context -> {
                OmniFlow omniFlow = context.getBean(OmniFlow.class);
                assertThat(omniFlow.intentClassifier()).isSameAs(classifier);
                assertThat(omniFlow.replySuggester()).isSameAs(suggester);
              });
    }

    @Test
    @DisplayName(
        "without a host's own, OmniFlow gets the offline template suggester and classifier")
    void itDefaultsToTheOfflineSuggesterAndClassifier() {
      runner.run(
          context -> {
            OmniFlow omniFlow = context.getBean(OmniFlow.class);
            assertThat(omniFlow.intentClassifier()).isInstanceOf(PackIntentClassifier.class);
            assertThat(omniFlow.replySuggester()).isInstanceOf(TemplateReplySuggester.class);
            assertThat(omniFlow.replySuggester()).isSameAs(context.getBean(ReplySuggester.class));
          });
    }

    @Test
    void itSendsCoresObservationsToTheApplicationsObservationRegistry() {
      ObservationRegistry registry = ObservationRegistry.create();
      runner
          .withBean(ObservationRegistry.class, () -> registry)
          .run(
              context ->
                  assertThat(context.getBean(OmniFlow.class).observationRegistry())
                      .isSameAs(registry));
    }

    @Test
    void withoutAnObservationRegistryCoresObservationsAreNoOps() {
      runner.run(
          context ->
              assertThat(context.getBean(OmniFlow.class).observationRegistry().isNoop()).isTrue());
    }

    @Test
    void itUsesTheApplicationsClockStoreAndPackSource() {
      Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
      InMemoryStore store = new InMemoryStore();
      PackSource packs = () -> List.of(pack("dentist"));
      runner
          .withBean(Clock.class, () -> clock)
          .withBean(Store.class, () -> store)
          .withBean(PackSource.class, () -> packs)
          .run(
              context -> {
                OmniFlow omniFlow = context.getBean(OmniFlow.class);
                assertThat(omniFlow.clock()).isSameAs(clock);
                UUID org = UUID.randomUUID();
                omniFlow.tenancy().createOrg(org, "Org", owner());
                assertThat(store.orgIds())
                    .as("OmniFlow writes through the application's store")
                    .containsExactly(org);
                assertThat(omniFlow.packCatalog().all())
                    .extracting(VerticalPack::slug)
                    .containsExactly("dentist");
                assertThat(context).hasSingleBean(Store.class).hasSingleBean(Clock.class);
              });
    }

    @Test
    void itUsesTheApplicationsOmniFlow() {
      OmniFlow own = OmniFlow.builder().build();
      runner
          .withBean(OmniFlow.class, () -> own)
          .run(context -> assertThat(context.getBean(OmniFlow.class)).isSameAs(own));
    }

    @Test
    void itAppliesBuilderCustomizers() {
      Clock clock = Clock.fixed(Instant.parse("2030-05-05T00:00:00Z"), ZoneOffset.UTC);
      runner
          .withBean(OmniFlowBuilderCustomizer.class, () -> builder -> builder.clock(clock))
          .run(context -> assertThat(context.getBean(OmniFlow.class).clock()).isSameAs(clock));
    }
  }

  @Nested
  @DisplayName("with a DataSource")
  class WithADataSource {
    @Test
    void itBacksOmniFlowWithTheJdbcStoreInTheConfiguredSchema() {
      runner
          .withBean(DataSource.class, UnusedDataSource::new)
          .withPropertyValues("omniflow.jdbc.schema=tenant_data")
          .run(
              context -> {
                assertThat(context.getBean(Store.class)).isInstanceOf(JdbcStore.class);
                assertThat(context.getBean(OmniFlowProperties.class).getJdbc().getSchema())
                    .isEqualTo("tenant_data");
              });
    }

    @Test
    void itFallsBackToTheInMemoryStoreWhenOmniflowJdbcIsMissing() {
      runner
          .withClassLoader(new FilteredClassLoader(JdbcStore.class))
          .withBean(DataSource.class, UnusedDataSource::new)
          .run(
              context ->
                  assertThat(context.getBean(Store.class)).isInstanceOf(InMemoryStore.class));
    }
  }

  @Nested
  @DisplayName("without omniflow-verticals")
  class WithoutVerticals {
    @Test
    void itOffersNoPacks() {
      runner
          .withClassLoader(new FilteredClassLoader(ClasspathPackSource.class))
          .run(
              context -> {
                assertThat(context).doesNotHaveBean(PackSource.class);
                assertThat(context.getBean(OmniFlow.class).packCatalog().all()).isEmpty();
              });
    }
  }

  static User owner() {
    UUID id = UUID.randomUUID();
    return new User(id, id + "@example.test", "Owner", Instant.parse("2026-01-01T00:00:00Z"));
  }

  static VerticalPack pack(String slug) {
    return new VerticalPack(
        slug, slug, "1.0.0", "A pack.", List.of(), List.of(), List.of(), Map.of());
  }

  /** A DataSource that is never asked for a connection. */
  static final class UnusedDataSource extends DataSourceAdapter {
    @Override
    public Connection getConnection() {
      throw new UnsupportedOperationException("no connections in this test");
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}
  }
}
