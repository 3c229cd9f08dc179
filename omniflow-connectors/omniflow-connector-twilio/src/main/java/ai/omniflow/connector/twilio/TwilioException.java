package ai.omniflow.connector.twilio;

import ai.omniflow.connector.spi.ConnectorException;
import ai.omniflow.connector.spi.FailureKind;
import java.time.Duration;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * A failed Twilio call, with a stable {@link #code()} beside the SPI's {@link #kind()} and Twilio's
 * numeric error code where the platform gave one. The message names codes only, never Twilio's free
 * text (which may echo the recipient or body) and never a credential.
 *
 * <pre>{@code
 * try {
 *   connector.send(message, credentials);
 * } catch (TwilioException e) {
 *   if (e.code().equals(TwilioException.RECIPIENT_UNSUBSCRIBED)) { ... record the opt-out ... }
 * }
 * }</pre>
 *
 * <p>Immutable.
 */
public final class TwilioException extends ConnectorException {
  private static final long serialVersionUID = 1L;

  /** The credentials were refused (error 20003, HTTP 401). */
  public static final String AUTH_EXPIRED = "auth_expired";

  /** Too many requests (error 20429, HTTP 429). */
  public static final String RATE_LIMITED = "rate_limited";

  /** The recipient replied STOP to this sender (error 21610); sending again will not succeed. */
  public static final String RECIPIENT_UNSUBSCRIBED = "recipient_unsubscribed";

  /** The recipient is not a number Twilio can reach (21211, 21614, 21612, 21408). */
  public static final String INVALID_RECIPIENT = "invalid_recipient";

  /** A body over Twilio's 1,600 characters, refused before any HTTP call. */
  public static final String TEXT_TOO_LONG = "text_too_long";

  private final String code;
  private final @Nullable Integer twilioCode;

  private TwilioException(
      FailureKind kind,
      String code,
      @Nullable Integer twilioCode,
      String message,
      @Nullable Duration retryAfter) {
    super(kind, message, retryAfter, null);
    this.code = code;
    this.twilioCode = twilioCode;
  }

  static TwilioException of(
      FailureKind kind, String code, @Nullable Integer twilioCode, String message) {
    return new TwilioException(kind, code, twilioCode, message, null);
  }

  static TwilioException rateLimited(
      @Nullable Integer twilioCode, String message, @Nullable Duration retryAfter) {
    return new TwilioException(
        FailureKind.RATE_LIMITED, RATE_LIMITED, twilioCode, message, retryAfter);
  }

  /**
   * A stable, lower-case code: {@link #AUTH_EXPIRED}, {@link #RATE_LIMITED}, {@link
   * #RECIPIENT_UNSUBSCRIBED}, {@link #INVALID_RECIPIENT}, {@link #TEXT_TOO_LONG}, {@code
   * transient}, {@code permanent}, {@code signature_invalid}, {@code malformed_payload}, {@code
   * answer_too_large}.
   */
  public String code() {
    return code;
  }

  /** Twilio's error code (e.g. 21610), when the platform gave one. */
  public OptionalInt twilioCode() {
    return twilioCode == null ? OptionalInt.empty() : OptionalInt.of(twilioCode);
  }
}
