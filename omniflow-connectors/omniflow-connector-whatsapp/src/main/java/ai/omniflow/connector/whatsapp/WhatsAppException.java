package ai.omniflow.connector.whatsapp;

import ai.omniflow.connector.spi.ConnectorException;
import ai.omniflow.connector.spi.FailureKind;
import java.time.Duration;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * A failed WhatsApp call, with a stable {@link #code()} beside the SPI's {@link #kind()} and the
 * Graph API's numeric error code where the platform gave one. The message names codes only, never
 * the platform's free text (which may echo input) and never a token.
 *
 * <pre>{@code
 * try {
 *   connector.send(message, token);
 * } catch (WhatsAppException e) {
 *   if (e.code().equals(WhatsAppException.WINDOW_CLOSED)) { ... send a template instead ... }
 * }
 * }</pre>
 *
 * <p>Immutable.
 */
public final class WhatsAppException extends ConnectorException {
  private static final long serialVersionUID = 1L;

  /**
   * Free text to a recipient whose last message is older than the 24-hour customer-service window
   * (refused before any HTTP call), or Graph error 131047.
   */
  public static final String WINDOW_CLOSED = "window_closed";

  /** The access token is expired or revoked (Graph error 190, HTTP 401). */
  public static final String AUTH_EXPIRED = "auth_expired";

  /** A throttling error: 4, 17, 32, 613, 80007, 130429, 131048, 131056 or HTTP 429. */
  public static final String RATE_LIMITED = "rate_limited";

  /** The recipient cannot be reached (131026, 131030, 131021). */
  public static final String INVALID_RECIPIENT = "invalid_recipient";

  /** A text longer than WhatsApp's 4,096 characters, refused before any HTTP call. */
  public static final String TEXT_TOO_LONG = "text_too_long";

  private final String code;
  private final @Nullable Integer graphCode;

  private WhatsAppException(
      FailureKind kind,
      String code,
      @Nullable Integer graphCode,
      String message,
      @Nullable Duration retryAfter) {
    super(kind, message, retryAfter, null);
    this.code = code;
    this.graphCode = graphCode;
  }

  static WhatsAppException of(
      FailureKind kind, String code, @Nullable Integer graphCode, String message) {
    return new WhatsAppException(kind, code, graphCode, message, null);
  }

  static WhatsAppException rateLimited(
      @Nullable Integer graphCode, String message, @Nullable Duration retryAfter) {
    return new WhatsAppException(
        FailureKind.RATE_LIMITED, RATE_LIMITED, graphCode, message, retryAfter);
  }

  /**
   * A stable, lower-case code: {@link #WINDOW_CLOSED}, {@link #AUTH_EXPIRED}, {@link
   * #RATE_LIMITED}, {@link #INVALID_RECIPIENT}, {@link #TEXT_TOO_LONG}, {@code transient}, {@code
   * permanent}, {@code signature_invalid}, {@code malformed_payload}, {@code answer_too_large}.
   */
  public String code() {
    return code;
  }

  /** The Graph API's error code, when the platform gave one. */
  public OptionalInt graphCode() {
    return graphCode == null ? OptionalInt.empty() : OptionalInt.of(graphCode);
  }
}
