package ai.omniflow.connector.support.internal;

import ai.omniflow.connector.spi.ConnectorException;
import ai.omniflow.connector.spi.FailureKind;
import org.jspecify.annotations.Nullable;

/**
 * Makes a connector's own exception (e.g. {@code MetaException::of}), so the shared code throws the
 * type a host catches. The message names codes only, never the platform's text or a secret.
 */
@FunctionalInterface
public interface Failures {
  /**
   * A failure of {@code kind} with the stable lower-case {@code code} and the platform's numeric
   * error code, when it gave one.
   */
  ConnectorException of(
      FailureKind kind, String code, @Nullable Integer platformCode, String message);
}
