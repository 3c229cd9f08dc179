package ai.omniflow.examples.server;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Checks every setting before anything starts (the old product's preflight), so a bad port or URL
 * is reported together with every other problem instead of one at a time.
 */
public final class SettingsValidator implements EnvironmentPostProcessor {
  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    if (application.getAllSources().contains(ReferenceServer.class)) {
      ServerSettings.from(environment);
    }
  }

  /** Prints a database that cannot be prepared as Spring Boot's start-up failure report. */
  public static final class DatabaseAnalyzer
      extends AbstractFailureAnalyzer<ServerDatabase.DatabaseException> {
    @Override
    protected FailureAnalysis analyze(
        Throwable rootFailure, ServerDatabase.DatabaseException cause) {
      return new FailureAnalysis(
          cause.getMessage(),
          "Check the database settings (docs/configuration.md) and that PostgreSQL is running.",
          cause);
    }
  }

  /** Prints the problems as Spring Boot's start-up failure report. */
  public static final class Analyzer extends AbstractFailureAnalyzer<InvalidSettingsException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidSettingsException cause) {
      return new FailureAnalysis(
          cause.getMessage(),
          "Fix the settings listed above; docs/configuration.md describes each one.",
          cause);
    }
  }
}
