package ai.omniflow.examples.server;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ApplicationListener;

/**
 * Checks every setting as soon as the environment is read, before anything starts (the old
 * product's preflight), so a bad port or URL is reported together with every other problem instead
 * of one at a time. {@link ReferenceServer#run} registers it; an application built otherwise (a
 * test) still validates when the {@link ServerSettings} bean is made.
 */
public final class SettingsValidator
    implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {
  @Override
  public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
    ServerSettings.from(event.getEnvironment());
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
