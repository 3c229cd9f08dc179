package ai.omniflow.inbox;

import ai.omniflow.OmniFlowException;
import java.util.Locale;

/**
 * Where a thread stands: {@code open}, {@code pending} (waiting on the contact) or {@code closed}.
 */
public enum ThreadStatus {
  OPEN,
  PENDING,
  CLOSED;

  /** The lower-case name used in APIs and storage. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The status with that wire name.
   *
   * @throws OmniFlowException {@code invalid_status} (invalid input) for any other text
   */
  public static ThreadStatus parse(String wireName) {
    for (ThreadStatus s : values()) {
      if (s.wireName().equals(wireName)) {
        return s;
      }
    }
    throw OmniFlowException.invalidInput(
        InboxErrors.INVALID_STATUS, "status must be open, pending or closed.");
  }
}
