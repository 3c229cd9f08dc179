package ai.omniflow.connector.spi;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Speaks to one platform for one configured app: OAuth, webhooks in, messages out, health. Made by
 * {@link ConnectorFactory#create}; core holds one per configured provider and passes each call the
 * account and token it concerns, so a connector keeps no per-account state.
 *
 * <pre>{@code
 * Connector connector = factory.create(config);
 * URI consent = connector.authorizationUrl(new AuthorizationRequest(state, verifier, redirect, scopes));
 * TokenSet tokens = connector.exchangeCode(code, verifier, redirect);
 * SendResult sent = connector.send(OutboundMessage.text(account, Channel.SMS, "+15551234567", "Hi"),
 *     tokens.accessToken());
 * }</pre>
 *
 * <h2>Rules for implementers</h2>
 *
 * <ul>
 *   <li>Implementations are thread-safe: core calls one instance from many threads.
 *   <li>Platform failures are thrown as {@link ConnectorException} with the {@link FailureKind}
 *       that fits (the kit checks the mapping of 401, 429, invalid recipients and 5xx); I/O errors
 *       and timeouts are {@link FailureKind#TRANSIENT}. Nothing else escapes except {@link
 *       IllegalArgumentException}/{@link NullPointerException} for bad arguments and {@link
 *       UnsupportedOperationException} for what the factory's capabilities or auth method do not
 *       declare.
 *   <li>No token, refresh token, authorization code, code verifier, app secret or verify token
 *       appears in an exception message, a {@code toString()}, a log line or a parsed event.
 *   <li>Time comes from {@link ConnectorConfig#clock()}.
 *   <li>{@link #send} honours {@link OutboundMessage#idempotencyKey()}: a send repeated with the
 *       same key does not deliver the message twice. Pass the key to the platform where it has one
 *       (an {@code Idempotency-Key} header, a client message id); where it has none, remember the
 *       keys sent recently (bounded) and answer a repeat with the first send's {@link SendResult}.
 *       Core passes the draft's id, so a draft reaches its recipient at most once.
 * </ul>
 */
public interface Connector {

  /** The provider id of the factory that made this connector. */
  String providerId();

  // ---------------------------------------------------------------- OAuth

  /**
   * The platform's consent URL for {@code request}: it carries {@code client_id}, the exact {@code
   * redirect_uri}, {@code state}, the {@code scope}s, {@code code_challenge} ({@link
   * AuthorizationRequest#codeChallenge()}) and {@code code_challenge_method=S256}, and never the
   * code verifier or the app secret. Makes no network call.
   *
   * @throws UnsupportedOperationException if the connector's auth method is not {@link
   *     AuthMethod#OAUTH}
   */
  URI authorizationUrl(AuthorizationRequest request);

  /**
   * Exchanges an authorization code for tokens, sending the code verifier, and names the accounts
   * the grant reaches.
   *
   * @throws ConnectorException {@link FailureKind#AUTH_EXPIRED} or {@link FailureKind#PERMANENT} if
   *     the platform rejects the code or verifier, {@link FailureKind#TRANSIENT} on 5xx or I/O
   *     failure, {@link FailureKind#MALFORMED_PAYLOAD} if the answer makes no sense
   * @throws UnsupportedOperationException if the auth method is not {@link AuthMethod#OAUTH}
   */
  TokenSet exchangeCode(String code, String codeVerifier, URI redirectUri);

  /**
   * A fresh access token from a refresh token. The returned set may hold a new refresh token (store
   * it) and may name no accounts.
   *
   * @throws ConnectorException {@link FailureKind#AUTH_EXPIRED} if the refresh token is no longer
   *     valid (the account needs re-authorization), else as {@link #exchangeCode}
   * @throws UnsupportedOperationException if the auth method is not {@link AuthMethod#OAUTH}
   */
  TokenSet refresh(String refreshToken);

  /**
   * Revokes a token at the platform. Revoking a token the platform no longer knows succeeds.
   *
   * @throws ConnectorException {@link FailureKind#TRANSIENT} on 5xx or I/O failure, else {@link
   *     FailureKind#PERMANENT}
   * @throws UnsupportedOperationException if the auth method is not {@link AuthMethod#OAUTH}
   */
  void revoke(String token);

  /**
   * For {@link AuthMethod#API_KEY} connectors: checks {@code apiKey} with the platform and returns
   * a token set whose access token is the key (no refresh token, no expiry unless the platform
   * says) and the accounts it reaches.
   *
   * @throws ConnectorException {@link FailureKind#AUTH_EXPIRED} if the platform rejects the key,
   *     {@link FailureKind#TRANSIENT} on 5xx or I/O failure
   * @throws UnsupportedOperationException if the auth method is not {@link AuthMethod#API_KEY} (the
   *     default)
   */
  default TokenSet connectWithApiKey(String apiKey) {
    throw new UnsupportedOperationException(providerId() + " does not use API keys");
  }

  // ---------------------------------------------------------------- webhooks

  /**
   * Answers a webhook subscription handshake (Meta style: {@code hub.mode=subscribe}, {@code
   * hub.verify_token}, {@code hub.challenge}). Returns the challenge to echo with 200 when the mode
   * is right and the verify token equals {@link ConnectorConfig#webhookVerifyToken()} (compared in
   * constant time); empty otherwise, and the host answers 403. A platform without a handshake
   * always returns empty.
   *
   * @throws NullPointerException if {@code queryParams} is null
   */
  Optional<String> verifyHandshake(Map<String, String> queryParams);

  /**
   * Checks the request's signature over its {@linkplain WebhookRequest#rawBody() raw bytes} with
   * the platform's scheme, comparing in constant time ({@link
   * java.security.MessageDigest#isEqual}). Returns normally only if the signature is present and
   * matches.
   *
   * @throws ConnectorException {@link FailureKind#SIGNATURE_INVALID} if the signature header is
   *     missing, malformed or does not match
   */
  void verifySignature(WebhookRequest request);

  /**
   * Parses a webhook whose signature was verified into normalized events, in the order the platform
   * gave them. Parts of a delivery that OmniFlow does not use (e.g. typing indicators) are skipped;
   * an empty list is a valid answer. Parsing is deterministic: the same bytes give equal events, so
   * dedupe keys stay stable across redeliveries.
   *
   * @throws ConnectorException {@link FailureKind#MALFORMED_PAYLOAD} if the body cannot be parsed
   */
  List<InboundEvent> parse(WebhookRequest request);

  /**
   * Checks a delivery whose signature was verified for the platform's shape (for a JSON platform:
   * one JSON object of the documented structure) without any network call and in time linear in the
   * body, so that a host that stores deliveries to {@linkplain #parse parse} later can refuse a
   * malformed one before storing it. A delivery this accepts may still yield no events. The default
   * checks nothing.
   *
   * @throws ConnectorException {@link FailureKind#MALFORMED_PAYLOAD} if the body cannot be read
   */
  default void checkWebhookShape(WebhookRequest request) {
    java.util.Objects.requireNonNull(request, "request");
  }

  /**
   * {@link #verifySignature} then {@link #parse}: what a host's webhook endpoint calls.
   *
   * @throws ConnectorException {@link FailureKind#SIGNATURE_INVALID} or {@link
   *     FailureKind#MALFORMED_PAYLOAD}
   */
  default List<InboundEvent> receive(WebhookRequest request) {
    verifySignature(request);
    return parse(request);
  }

  // ---------------------------------------------------------------- outbound

  /**
   * Sends one message with the account's access token.
   *
   * @return the platform's id of the accepted message
   * @throws ConnectorException {@link FailureKind#AUTH_EXPIRED} (401 or equivalent), {@link
   *     FailureKind#RATE_LIMITED} with {@link ConnectorException#retryAfter()} from {@code
   *     Retry-After} (429), {@link FailureKind#INVALID_RECIPIENT}, {@link
   *     FailureKind#POLICY_WINDOW_CLOSED}, {@link FailureKind#TRANSIENT} (5xx, I/O), else {@link
   *     FailureKind#PERMANENT}
   * @throws UnsupportedOperationException if the content is a template and the connector does not
   *     declare {@link Capability#TEMPLATES}, or text and it does not declare {@link
   *     Capability#OUTBOUND_TEXT}
   */
  SendResult send(OutboundMessage message, String accessToken);

  // ---------------------------------------------------------------- health

  /**
   * Probes one account with its access token. Does not throw for platform answers: a rejected token
   * is {@link HealthStatus#NEEDS_REAUTH}, an account the platform no longer has is {@link
   * HealthStatus#DISCONNECTED}, 5xx, rate limits and I/O failures are {@link
   * HealthStatus#DEGRADED}. {@link HealthReport#checkedAt()} comes from the config's clock.
   *
   * @throws IllegalArgumentException if an argument is blank
   */
  HealthReport probe(String externalAccountId, String accessToken);
}
