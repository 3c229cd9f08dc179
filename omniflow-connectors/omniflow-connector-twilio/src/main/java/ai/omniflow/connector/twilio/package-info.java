/**
 * The Twilio SMS connector (provider id {@code twilio}): {@link
 * ai.omniflow.connector.twilio.TwilioConnectorFactory} makes it, {@link
 * ai.omniflow.connector.twilio.TwilioException} carries its failure codes.
 *
 * <h2>Webhooks ({@code POST /webhooks/twilio})</h2>
 *
 * <ul>
 *   <li>Form-encoded ({@code application/x-www-form-urlencoded}). No handshake.
 *   <li>Signature: {@code X-Twilio-Signature} = base64(HMAC-SHA1(auth token, the full URL + every
 *       POST parameter's name and value sorted by name)), compared in constant time; the URL is
 *       tried as given and with its default port added or removed. The host must pass the URL
 *       Twilio called (scheme, host, path and query as configured in Twilio), not one rewritten by
 *       a proxy.
 *   <li>An inbound message ({@code MessageSid}, no {@code MessageStatus} or {@code received})
 *       becomes a {@code Message} on channel {@code sms} ({@code whatsapp} for a {@code whatsapp:}
 *       address), dedupe key the {@code MessageSid}, account the {@code To} number, text the {@code
 *       Body}. STOP, START, HELP and every other keyword arrive as ordinary messages: consent
 *       belongs to the guardrails, so the connector never drops them.
 *   <li>A status callback's {@code MessageStatus} {@code sent}, {@code delivered}, {@code read},
 *       {@code undelivered}, {@code failed} becomes a {@code DeliveryUpdate} (the last two as
 *       {@code FAILED}, naming {@code ErrorCode}), dedupe key {@code MessageSid:status}, account
 *       the {@code From} number. {@code queued}, {@code accepted}, {@code sending}, {@code
 *       scheduled} and {@code canceled} are not news and give no event.
 *   <li>Time: Twilio's message webhooks carry none. A status with {@code RawDlrDoneDate} (the
 *       carrier's receipt, {@code YYMMDDhhmm} UTC) uses it; otherwise the request's {@code Date}
 *       header, which a host replaying a stored delivery sets to when it received it; otherwise the
 *       config clock's now.
 *   <li>At most 200 parameters, names up to 256 and values up to 20,000 characters; ids over 256
 *       characters are {@code MALFORMED_PAYLOAD}.
 * </ul>
 *
 * <h2>Sending</h2>
 *
 * <p>{@code POST 2010-04-01/Accounts/{AccountSid}/Messages.json} with {@code To}, {@code From} (or
 * {@code MessagingServiceSid} when the account id starts with {@code MG}) and {@code Body}, HTTP
 * Basic with the credentials from the token vault: {@code AccountSid:AuthToken}, {@code
 * ApiKeySid:secret} (for the config's account) or a bare auth token of the config's account. Bodies
 * over 1,600 characters are refused before any call. Sends are never retried by the connector (the
 * Messages API takes no idempotency key); a repeated idempotency key is answered from a bounded
 * memory of 10,000 keys.
 *
 * <p>Errors: 20003 or 401 → {@code AUTH_EXPIRED}; 20429 or 429 → {@code RATE_LIMITED} with {@code
 * Retry-After} (5 s when absent); 21610 (the recipient replied STOP) → {@code PERMANENT} with
 * {@link ai.omniflow.connector.twilio.TwilioException#RECIPIENT_UNSUBSCRIBED}; 21211, 21408, 21612,
 * 21614 → {@code INVALID_RECIPIENT}; 5xx, 20500, 20503 and I/O → {@code TRANSIENT}; the rest {@code
 * PERMANENT}.
 *
 * <h2>Accounts and health</h2>
 *
 * <p>{@code connectWithApiKey(credentials)} lists the account's incoming phone numbers (each a
 * connected account). {@code probe} looks the number up ({@code
 * IncomingPhoneNumbers.json?PhoneNumber=…}): found → {@code HEALTHY}, gone or 404 → {@code
 * DISCONNECTED}, 401/20003 → {@code NEEDS_REAUTH}, else {@code DEGRADED}. Reads are retried with
 * jittered back-off (Failsafe), honouring a short {@code Retry-After}.
 */
@NullMarked
package ai.omniflow.connector.twilio;

import org.jspecify.annotations.NullMarked;
