package ai.omniflow.inbox;

import java.util.Locale;

/** Whether a message came from the contact ({@code inbound}) or went to them ({@code outbound}). */
public enum MessageDirection {
  INBOUND,
  OUTBOUND;

  /** The lower-case name used in APIs and storage. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The direction with that wire name. */
  public static MessageDirection parse(String wireName) {
    return valueOf(wireName.toUpperCase(Locale.ROOT));
  }
}
