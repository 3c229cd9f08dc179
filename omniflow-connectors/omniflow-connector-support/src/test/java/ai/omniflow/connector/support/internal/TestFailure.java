package ai.omniflow.connector.support.internal;

import ai.omniflow.connector.spi.ConnectorException;
import ai.omniflow.connector.spi.FailureKind;
import org.jspecify.annotations.Nullable;

/** A connector's own exception, as the tests' stand-in for MetaException and its kin. */
final class TestFailure extends ConnectorException {
  private static final long serialVersionUID = 1L;

  final String code;
  final @Nullable Integer platformCode;

  private TestFailure(
      FailureKind kind, String code, @Nullable Integer platformCode, String message) {
    super(kind, message);
    this.code = code;
    this.platformCode = platformCode;
  }

  static TestFailure of(
      FailureKind kind, String code, @Nullable Integer platformCode, String message) {
    return new TestFailure(kind, code, platformCode, message);
  }
}
