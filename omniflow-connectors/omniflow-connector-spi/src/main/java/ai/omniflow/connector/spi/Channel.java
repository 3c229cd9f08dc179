package ai.omniflow.connector.spi;

import java.util.Locale;

/**
 * Where engagement happens, in the glossary's vocabulary. {@link #id()} is the lower-case name used
 * in APIs, rows and events ({@code instagram_dm}, {@code whatsapp}, ...).
 *
 * <pre>{@code
 * Channel channel = Channel.fromId("instagram_dm"); // INSTAGRAM_DM
 * }</pre>
 */
public enum Channel {
  INSTAGRAM_DM,
  INSTAGRAM_COMMENT,
  FACEBOOK_DM,
  FACEBOOK_COMMENT,
  LEAD_FORM,
  WHATSAPP,
  SMS,
  EMAIL;

  /** The lower-case id of this channel, e.g. {@code facebook_comment}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The channel with this id.
   *
   * @throws IllegalArgumentException if {@code id} is not one of the glossary's channels
   */
  public static Channel fromId(String id) {
    for (Channel channel : values()) {
      if (channel.id().equals(id)) {
        return channel;
      }
    }
    throw new IllegalArgumentException("unknown channel: " + id);
  }

  @Override
  public String toString() {
    return id();
  }
}
