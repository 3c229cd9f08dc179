package ai.omniflow.internal;

import ai.omniflow.inbox.InboxThread;
import ai.omniflow.store.spi.StoreTransaction;
import java.time.Instant;

/**
 * Moves a thread's SLA clock inside the inbox's transaction: the ingest of an inbound message and
 * the record of a sent reply call it, so that the clock, its scheduled steps and the message commit
 * together. Implemented by the SLA service, handed over by {@link Wiring}; not API.
 */
public interface SlaClocksWithin {
  /** A clock that never moves: for a graph built without the SLA service. */
  SlaClocksWithin NONE = (tx, thread, at, kind) -> {};

  /** What kind of message moves the clock. */
  enum Kind {
    /** A message from the customer. */
    INBOUND,
    /** A reply a person sent. */
    HUMAN_REPLY,
    /** A reply OmniFlow sent on its own. */
    AUTOMATIC_REPLY
  }

  /**
   * Applies a message of {@code kind} at {@code at} to {@code thread}'s clock under the org's
   * policy and calendar, and replaces the clock's scheduled steps.
   */
  void message(StoreTransaction tx, InboxThread thread, Instant at, Kind kind);

  /**
   * The clocks of {@code tx} alone, for several messages in it: what does not change inside one
   * transaction (the policy in force, the calendars) may be read once for all of them. The default
   * is this one, reading them for each message.
   *
   * @return a keeper to call only with {@code tx}, from the thread that runs it
   */
  default SlaClocksWithin within(StoreTransaction tx) {
    return this;
  }
}
