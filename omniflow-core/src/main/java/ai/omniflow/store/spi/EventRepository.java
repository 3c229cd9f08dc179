package ai.omniflow.store.spi;

import ai.omniflow.Page;
import ai.omniflow.PageRequest;
import ai.omniflow.events.DomainEvent;

/** The org's event log. Append-only: there is no way to change or remove an event. */
public interface EventRepository {
  /**
   * @throws IllegalArgumentException if the event is of another org
   */
  void append(DomainEvent event);

  /** The org's events, newest first (by time, then by order of appending). */
  Page<DomainEvent> list(PageRequest page);
}
