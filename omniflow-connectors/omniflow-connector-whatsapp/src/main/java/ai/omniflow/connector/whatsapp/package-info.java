/**
 * The WhatsApp Cloud API connector (provider id {@code whatsapp}): {@link
 * ai.omniflow.connector.whatsapp.WhatsAppConnectorFactory} makes it, {@link
 * ai.omniflow.connector.whatsapp.WhatsAppException} carries its failure codes.
 *
 * <h2>Webhooks ({@code GET|POST /webhooks/whatsapp})</h2>
 *
 * <ul>
 *   <li>Handshake: {@code hub.mode=subscribe}, {@code hub.verify_token} compared in constant time
 *       with the config's verify token, {@code hub.challenge} echoed.
 *   <li>Signature: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, raw body)>},
 *       compared in constant time; missing, malformed or wrong is {@code SIGNATURE_INVALID}.
 *   <li>Envelope {@code object: whatsapp_business_account}; every {@code entry[].changes[]} with
 *       {@code field: messages}; the account is {@code value.metadata.phone_number_id}. Another
 *       object type gives no events.
 *   <li>{@code messages[]} become {@code Message}s on channel {@code whatsapp}, dedupe key the
 *       {@code wamid}: text; image, video, document, audio and sticker with their caption as text
 *       (empty without one: the SPI carries no attachments); interactive button and list replies as
 *       their titles; template quick-reply buttons as their text; locations and shared contacts as
 *       readable text. A click-to-WhatsApp ad or post in {@code referral} becomes the referral.
 *       Reactions, system notices and unsupported types are skipped. The sender's handle is the
 *       {@code wa_id}, the name from {@code contacts[]}, the phone {@code +wa_id}.
 *   <li>{@code statuses[]} {@code sent}, {@code delivered}, {@code read}, {@code failed} become
 *       {@code DeliveryUpdate}s, dedupe key {@code wamid:status}; a failure's reason names the
 *       error code only. Whether a status moves a stored one forward is the host's decision.
 *   <li>Text is cut to 20,000 characters; an id over 256 characters is {@code MALFORMED_PAYLOAD}.
 * </ul>
 *
 * <h2>Sending</h2>
 *
 * <p>{@code POST {phone_number_id}/messages} with the account's system-user token as a bearer token
 * and {@code appsecret_proof}. Free text goes inside the 24-hour customer-service window: when
 * {@code OutboundMessage.lastInboundAt()} is known and more than 24 hours old, the send is refused
 * with {@code POLICY_WINDOW_CLOSED} ({@link
 * ai.omniflow.connector.whatsapp.WhatsAppException#WINDOW_CLOSED}) before any HTTP call; outside
 * the window only templates ({@code type: template}, positional parameters as the body component's
 * text parameters) go out. Sends are never retried by the connector (the Graph API does not
 * deduplicate them); a repeated idempotency key is answered from a bounded memory of 10,000 keys.
 *
 * <p>Graph errors: 190 (or a bare 401) → {@code AUTH_EXPIRED}; 4, 17, 32, 613, 80007, 130429,
 * 131048, 131056 (or 429) → {@code RATE_LIMITED} with {@code Retry-After} or a default wait (6 s
 * for the pair rate limit 131056, else 60 s); 131047 → {@code POLICY_WINDOW_CLOSED}; 131021,
 * 131026, 131030 → {@code INVALID_RECIPIENT}; 5xx, 1, 2, 131000, 131016 and I/O failures → {@code
 * TRANSIENT}; the rest {@code PERMANENT}.
 *
 * <h2>Accounts and health</h2>
 *
 * <p>{@code connectWithApiKey(token)} checks the token with {@code debug_token} (app token {@code
 * app_id|app_secret}) and lists the phone numbers of every WhatsApp Business Account in its
 * granular scopes. {@code probe} reads the phone number object ({@code GET {phone_number_id}}):
 * 190/401 → {@code NEEDS_REAUTH}, 404 or error 100/33 → {@code DISCONNECTED}, a RED quality rating,
 * 5xx, rate limits and I/O → {@code DEGRADED}. Probes and account listings are idempotent reads,
 * retried with jittered back-off (Failsafe).
 */
@NullMarked
package ai.omniflow.connector.whatsapp;

import org.jspecify.annotations.NullMarked;
