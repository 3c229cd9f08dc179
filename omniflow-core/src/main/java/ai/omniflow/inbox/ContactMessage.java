package ai.omniflow.inbox;

import ai.omniflow.connector.spi.Channel;
import java.util.Objects;

/** A message of one of a contact's threads, with the channel of its thread. */
public record ContactMessage(Message message, Channel channel) {
  public ContactMessage {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(channel, "channel");
  }
}
