/**
 * The mock connector: provider id {@code mock}, every {@linkplain
 * ai.omniflow.connector.spi.Capability capability}, OAuth with PKCE. It is what OmniFlow uses when
 * {@code CONNECTOR_MODE=mock} (the embedded default), and it passes the connector compatibility kit
 * like any other connector.
 *
 * <pre>{@code
 * ConnectorFactory factory = new MockConnectorFactory();
 * Connector connector = factory.create(MockConnectorFactory.offlineConfig(Clock.systemUTC()));
 * }</pre>
 *
 * <h2>Two modes</h2>
 *
 * <p><b>Against a server</b> ({@code offline} unset or {@code false}): it speaks the HTTP API below
 * to {@link ai.omniflow.connector.spi.ConnectorConfig#apiBaseUri()}; in the kit that is a
 * MockWebServer. <b>Offline</b> (setting {@code offline=true}): it makes no network call at all and
 * answers in-process, deterministically:
 *
 * <table>
 *   <caption>What the offline mode answers</caption>
 *   <tr><th>call</th><th>answer</th></tr>
 *   <tr><td>{@code authorizationUrl}</td><td>the same URL as online (on {@code apiBaseUri}); nothing
 *       is called</td></tr>
 *   <tr><td>{@code exchangeCode}</td><td>a code starting {@code denied} fails with {@code
 *       AUTH_EXPIRED}; any other gives {@code mock-at-…}/{@code mock-rt-…} tokens derived from the
 *       code (HMAC with the app secret), expiring one hour after the clock's now, the config's
 *       scopes, and the accounts {@code mock-page-1} ("Mock Page") and {@code mock-ig-1} ("Mock
 *       Instagram")</td></tr>
 *   <tr><td>{@code refresh}</td><td>a refresh token starting {@code mock-rt-} gives a new access
 *       token derived from it; any other fails with {@code AUTH_EXPIRED}</td></tr>
 *   <tr><td>{@code revoke}</td><td>always succeeds</td></tr>
 *   <tr><td>{@code send}</td><td>by recipient: {@code invalid…} fails with {@code
 *       INVALID_RECIPIENT}, {@code window-closed…} with {@code POLICY_WINDOW_CLOSED} (text only;
 *       templates pass), {@code rate-limited…} with {@code RATE_LIMITED} after 30 s; an access
 *       token starting {@code expired} fails with {@code AUTH_EXPIRED}; anything else is accepted
 *       as {@code mock-msg-1}, {@code mock-msg-2}, … counted per connector instance</td></tr>
 *   <tr><td>{@code probe}</td><td>an access token starting {@code expired} is {@code
 *       NEEDS_REAUTH}, an account id starting {@code gone} is {@code DISCONNECTED}, anything else
 *       {@code HEALTHY}</td></tr>
 * </table>
 *
 * <p>Webhooks are the same in both modes: they are in-process by nature.
 *
 * <h2>The mock platform's HTTP API (online mode)</h2>
 *
 * <ul>
 *   <li>Consent: {@code GET
 *       oauth/authorize?response_type=code&client_id&redirect_uri&state&scope&code_challenge&code_challenge_method=S256}
 *       (scopes space-separated).
 *   <li>Tokens: {@code POST oauth/token}, form-encoded {@code grant_type=authorization_code} (with
 *       {@code code}, {@code code_verifier}, {@code redirect_uri}) or {@code
 *       grant_type=refresh_token} (with {@code refresh_token}), both with {@code client_id} and
 *       {@code client_secret}. Answer: {@code {"access_token", "refresh_token", "expires_in",
 *       "scope", "accounts": [{"id", "name"}]}}; a rejected grant is 400 {@code
 *       {"error":"invalid_grant"}}.
 *   <li>Revoke: {@code POST oauth/revoke}, form-encoded {@code token}; 200.
 *   <li>Send: {@code POST v1/accounts/{account}/messages} with {@code Authorization: Bearer
 *       <token>} and {@code {"channel", "to", "text"}} or {@code {"channel", "to", "template":
 *       {"name", "language", "parameters": [...]}}}. Answer 200 {@code {"id"}}; failures: 401, 429
 *       with {@code Retry-After} (seconds), 5xx, or 4xx {@code {"error": {"code":
 *       "invalid_recipient" | "window_closed" | …}}}.
 *   <li>Health: {@code GET v1/accounts/{account}} with the bearer token: 200 healthy, 401 needs
 *       re-authorization, 404 or 410 disconnected, anything else degraded.
 * </ul>
 *
 * <h2>Webhooks</h2>
 *
 * <p>A {@code POST} whose body is signed with HMAC-SHA256 over the raw bytes, keyed with the app
 * secret, in the header {@code X-Mock-Signature: sha256=<lower-case hex>} ({@link
 * ai.omniflow.connector.mock.MockWebhookSignature}). The subscription handshake is Meta's: {@code
 * hub.mode=subscribe&hub.verify_token=…&hub.challenge=…}. The body:
 *
 * <pre>{@code
 * {
 *   "account_id": "mock-page-1",
 *   "events": [
 *     {"type": "message", "id": "msg-1", "channel": "instagram_dm",
 *      "from": {"id": "ig-user-1", "name": "Ana Lima", "phone": null, "email": null},
 *      "text": "Is the flat still free?", "timestamp": "2026-11-25T10:15:30Z",
 *      "referral": {"campaign_id": "c-1", "ad_id": "ad-1", "post_id": null}},
 *     {"type": "comment", "id": "cmt-1", "channel": "facebook_comment", "post_id": "post-1",
 *      "parent_id": null, "from": {"id": "fb-user-2", "name": "Ben"}, "text": "Price?",
 *      "timestamp": "2026-11-25T10:16:00Z"},
 *     {"type": "lead_form", "id": "lead-1", "form_id": "form-1",
 *      "fields": {"full_name": "Ana Lima", "phone_number": "+4915112345678", "email": "ana@example.com"},
 *      "timestamp": "2026-11-25T10:17:00Z", "referral": {"campaign_id": "c-1", "ad_id": "ad-1"}},
 *     {"type": "delivery_status", "message_id": "mock-msg-1", "channel": "whatsapp",
 *      "status": "delivered", "error": null, "timestamp": "2026-11-25T10:18:00Z"}
 *   ]
 * }
 * }</pre>
 *
 * <p>{@code channel} is a glossary channel id; {@code status} is {@code sent}, {@code delivered},
 * {@code read} or {@code failed}; unknown event types are skipped. Dedupe keys are {@code
 * message:<id>}, {@code comment:<id>}, {@code lead_form:<id>} and {@code
 * delivery_status:<message_id>:<status>}, so a redelivery gives the same keys.
 */
@NullMarked
package ai.omniflow.connector.mock;

import org.jspecify.annotations.NullMarked;
