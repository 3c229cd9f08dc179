package ai.omniflow.connector.spi;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A message to send from a connected account to one recipient: free text or a pre-approved
 * template.
 *
 * <pre>{@code
 * connector.send(OutboundMessage.text("1029384756", Channel.WHATSAPP, "+4915112345678", "Hi Ana!"), token);
 * connector.send(OutboundMessage.template("1029384756", Channel.WHATSAPP, "+4915112345678",
 *     new OutboundMessage.Template("viewing_reminder", "en_US", List.of("Ana", "10:30"))), token);
 * }</pre>
 *
 * @param externalAccountId the sending account's platform id
 * @param channel the channel to send on (a connector may serve several)
 * @param recipient the platform's handle of the recipient: IGSID/PSID, phone number, email address,
 *     or for a reply to a comment the comment's id
 * @param content the text or template
 * @param idempotencyKey the caller's key for this one send, or {@code null}: a second send with the
 *     same key must not reach the recipient twice (see the rules for implementers in {@link
 *     Connector}); core passes the draft's id
 * @param lastInboundAt when the recipient last wrote to the account on this channel, or {@code
 *     null} if the caller does not know. A connector whose platform has a messaging window (e.g.
 *     WhatsApp's 24-hour customer-service window) refuses free text outside it with {@link
 *     FailureKind#POLICY_WINDOW_CLOSED} before calling the platform; when it is null the platform
 *     decides
 */
public record OutboundMessage(
    String externalAccountId,
    Channel channel,
    String recipient,
    Content content,
    @Nullable String idempotencyKey,
    @Nullable Instant lastInboundAt) {

  /** The longest idempotency key, in characters. */
  public static final int MAX_IDEMPOTENCY_KEY = 255;

  /**
   * Validates the components and copies the collections.
   *
   * @throws IllegalArgumentException if {@code externalAccountId} or {@code recipient} is blank,
   *     {@code channel} is {@link Channel#LEAD_FORM} (nobody can be written to on a form), or
   *     {@code idempotencyKey} is blank or longer than {@value #MAX_IDEMPOTENCY_KEY} characters
   * @throws NullPointerException if any parameter is null
   */
  public OutboundMessage {
    Checks.notBlank(externalAccountId, "externalAccountId");
    Checks.notNull(channel, "channel");
    if (channel == Channel.LEAD_FORM) {
      throw new IllegalArgumentException("cannot send on the lead_form channel");
    }
    Checks.notBlank(recipient, "recipient");
    Checks.notNull(content, "content");
    if (idempotencyKey != null
        && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY)) {
      throw new IllegalArgumentException(
          "idempotencyKey must be 1 to " + MAX_IDEMPOTENCY_KEY + " characters");
    }
  }

  /** A message whose recipient's last inbound time is not known. */
  public OutboundMessage(
      String externalAccountId,
      Channel channel,
      String recipient,
      Content content,
      @Nullable String idempotencyKey) {
    this(externalAccountId, channel, recipient, content, idempotencyKey, null);
  }

  /** A message without an idempotency key. */
  public OutboundMessage(
      String externalAccountId, Channel channel, String recipient, Content content) {
    this(externalAccountId, channel, recipient, content, null, null);
  }

  /** A copy carrying {@code key} as its idempotency key. */
  public OutboundMessage withIdempotencyKey(String key) {
    return new OutboundMessage(externalAccountId, channel, recipient, content, key, lastInboundAt);
  }

  /**
   * A copy saying when the recipient last wrote to the account, so that a connector can refuse free
   * text outside its platform's messaging window without a network call.
   *
   * @throws NullPointerException if {@code at} is null
   */
  public OutboundMessage withLastInboundAt(Instant at) {
    return new OutboundMessage(
        externalAccountId,
        channel,
        recipient,
        content,
        idempotencyKey,
        Checks.notNull(at, "lastInboundAt"));
  }

  /** A free-text message. */
  public static OutboundMessage text(
      String externalAccountId, Channel channel, String recipient, String body) {
    return new OutboundMessage(externalAccountId, channel, recipient, new Text(body));
  }

  /** A template message. */
  public static OutboundMessage template(
      String externalAccountId, Channel channel, String recipient, Template template) {
    return new OutboundMessage(externalAccountId, channel, recipient, template);
  }

  /** What is sent: {@link Text} or {@link Template}. */
  public sealed interface Content permits Text, Template {}

  /**
   * Free text.
   *
   * @param body the text
   */
  public record Text(String body) implements Content {
    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException if {@code body} is blank
     */
    public Text {
      Checks.notBlank(body, "body");
    }
  }

  /**
   * A template approved on the platform, filled with positional parameters. Needs {@link
   * Capability#TEMPLATES}.
   *
   * @param name the template's name on the platform
   * @param language the template's language code, e.g. {@code en_US}
   * @param parameters the values of its placeholders, in order
   */
  public record Template(String name, String language, List<String> parameters) implements Content {
    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException if {@code name} or {@code language} is blank
     * @throws NullPointerException if any parameter is null or {@code parameters} holds null
     */
    public Template {
      Checks.notBlank(name, "name");
      Checks.notBlank(language, "language");
      parameters = Checks.list(parameters, "parameters");
    }
  }
}
