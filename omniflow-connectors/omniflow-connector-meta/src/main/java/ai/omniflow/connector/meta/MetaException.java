package ai.omniflow.connector.meta;

import ai.omniflow.connector.spi.ConnectorException;
import ai.omniflow.connector.spi.FailureKind;
import java.time.Duration;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * A failed Meta call, with a stable {@link #code()} beside the SPI's {@link #kind()} and the Graph
 * API's numeric error code where the platform gave one. The message names codes only, never the
 * platform's free text (which may echo input) and never a token.
 *
 * <pre>{@code
 * try {
 *   connector.send(message, pageToken);
 * } catch (MetaException e) {
 *   if (e.code().equals(MetaException.WINDOW_CLOSED)) { ... the customer must write first ... }
 * }
 * }</pre>
 *
 * <p>Immutable.
 */
public final class MetaException extends ConnectorException {
  private static final long serialVersionUID = 1L;

  /**
   * A message outside the messaging window: more than 24 hours after the customer's last message
   * without the {@code HUMAN_AGENT} tag, more than 7 days with it (refused before any HTTP call),
   * or Graph error 10/2018278.
   */
  public static final String WINDOW_CLOSED = "window_closed";

  /** The access token is expired or revoked (Graph error 190, HTTP 401). */
  public static final String AUTH_EXPIRED = "auth_expired";

  /** A throttling error: 4, 17, 32, 613, 80001 to 80014, or HTTP 429. */
  public static final String RATE_LIMITED = "rate_limited";

  /** The recipient cannot be reached (551, or 100/2018001 "no matching user"). */
  public static final String INVALID_RECIPIENT = "invalid_recipient";

  /** A text longer than the Send API's 2,000 characters, refused before any HTTP call. */
  public static final String TEXT_TOO_LONG = "text_too_long";

  /** A lead arrived for a page whose token the host's {@link PageTokens} does not give. */
  public static final String NO_PAGE_TOKEN = "no_page_token";

  private final String code;
  private final @Nullable Integer graphCode;

  private MetaException(
      FailureKind kind,
      String code,
      @Nullable Integer graphCode,
      String message,
      @Nullable Duration retryAfter,
      @Nullable String pageId) {
    super(kind, message, retryAfter, null, pageId);
    this.code = code;
    this.graphCode = graphCode;
  }

  /** This failure, naming the page (or Instagram account) whose token it was met with. */
  MetaException concerning(String pageId) {
    MetaException e =
        new MetaException(
            kind(), code, graphCode, messageWithoutKind(), retryAfter().orElse(null), pageId);
    e.setStackTrace(getStackTrace());
    return e;
  }

  private String messageWithoutKind() {
    String m = String.valueOf(getMessage());
    String prefix = kind() + ": ";
    return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
  }

  static MetaException of(
      FailureKind kind, String code, @Nullable Integer graphCode, String message) {
    return new MetaException(kind, code, graphCode, message, null, null);
  }

  static MetaException rateLimited(
      @Nullable Integer graphCode, String message, @Nullable Duration retryAfter) {
    return new MetaException(
        FailureKind.RATE_LIMITED, RATE_LIMITED, graphCode, message, retryAfter, null);
  }

  /**
   * A stable, lower-case code: {@link #WINDOW_CLOSED}, {@link #AUTH_EXPIRED}, {@link
   * #RATE_LIMITED}, {@link #INVALID_RECIPIENT}, {@link #TEXT_TOO_LONG}, {@link #NO_PAGE_TOKEN},
   * {@code transient}, {@code permanent}, {@code signature_invalid}, {@code malformed_payload},
   * {@code answer_too_large}.
   */
  public String code() {
    return code;
  }

  /** The Graph API's error code, when the platform gave one. */
  public OptionalInt graphCode() {
    return graphCode == null ? OptionalInt.empty() : OptionalInt.of(graphCode);
  }
}
