package ai.omniflow.inbox;

import ai.omniflow.connector.spi.InboundEvent;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An event a platform delivered, with the ref of the org's connector account it came through: one
 * of the events {@link InboxService#ingestAll} takes in together.
 *
 * <pre>{@code
 * omniFlow.inbox().ingestAll(Actor.system(orgId), List.of(new AccountEvent("acct_ig_main", event)));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param accountRef the connector account's ref, or {@code null} for the mock endpoint
 * @param event the event
 */
public record AccountEvent(@Nullable String accountRef, InboundEvent event) {
  /**
   * @throws NullPointerException if {@code event} is null
   */
  public AccountEvent {
    Objects.requireNonNull(event, "event");
  }
}
