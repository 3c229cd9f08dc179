package ai.omniflow.inbox;

import java.util.Locale;

/**
 * Where a {@link Draft} is on its way out. A send claims the draft ({@link #SENDING}) and commits
 * before the provider is called, so concurrent sends of one draft reach the provider once.
 *
 * <ul>
 *   <li>{@link #DRAFT}: saved, may be sent;
 *   <li>{@link #SENDING}: claimed by a send that has called or is calling the provider;
 *   <li>{@link #SENT}: the provider accepted it; it became an outbound message;
 *   <li>{@link #UNKNOWN}: a claim outlived its bound (a crash or a timeout) and the provider could
 *       not be asked; a person must check before anything is sent again.
 * </ul>
 */
public enum DraftStatus {
  DRAFT,
  SENDING,
  SENT,
  UNKNOWN;

  /** The status's name on the wire and in the database: {@code draft}, {@code sending}, … */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a wire name.
   *
   * @throws IllegalArgumentException if the name is no status
   */
  public static DraftStatus parse(String wireName) {
    for (DraftStatus s : values()) {
      if (s.wireName().equals(wireName)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown draft status");
  }
}
