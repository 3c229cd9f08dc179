package ai.omniflow.contacts;

import ai.omniflow.connector.spi.Channel;
import ai.omniflow.guardrails.ConsentState;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Where a contact's consent stands on each channel, as its consent ledger says, with the ledger's
 * newest entries as evidence.
 *
 * <pre>{@code
 * ContactConsent c = omniFlow.inbox().consent(agent, contactId);
 * if (c.stateOf(Channel.SMS) == ConsentState.WITHDRAWN) { ... }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param contactId the contact
 * @param channels the state of every channel (the newest entry covering it decides; none: {@link
 *     ConsentState#UNKNOWN})
 * @param history the newest entries first, at most {@link #MAX_HISTORY}
 */
public record ContactConsent(
    UUID contactId, Map<Channel, ConsentState> channels, List<ConsentEntry> history) {

  /** The most entries {@link #history} holds. */
  public static final int MAX_HISTORY = 100;

  public ContactConsent {
    Objects.requireNonNull(contactId, "contactId");
    EnumMap<Channel, ConsentState> all = new EnumMap<>(Channel.class);
    for (Channel c : Channel.values()) {
      all.put(c, channels.getOrDefault(c, ConsentState.UNKNOWN));
    }
    channels = java.util.Collections.unmodifiableMap(all);
    if (history.size() > MAX_HISTORY) {
      throw new IllegalArgumentException("at most " + MAX_HISTORY + " entries of history");
    }
    history = List.copyOf(history);
  }

  /**
   * The states of each channel from {@code entries}, newest first: the first entry covering a
   * channel decides it.
   */
  public static Map<Channel, ConsentState> statesOf(List<ConsentEntry> newestFirst) {
    EnumMap<Channel, ConsentState> out = new EnumMap<>(Channel.class);
    for (Channel c : Channel.values()) {
      ConsentState s = ConsentState.UNKNOWN;
      for (ConsentEntry e : newestFirst) {
        if (e.covers(c)) {
          s = e.change() == ConsentChange.OPTED_OUT ? ConsentState.WITHDRAWN : ConsentState.GIVEN;
          break;
        }
      }
      out.put(c, s);
    }
    return out;
  }

  /** The state of {@code channel}. */
  public ConsentState stateOf(Channel channel) {
    return channels.get(Objects.requireNonNull(channel, "channel"));
  }
}
