/**
 * The Meta connector (provider id {@code meta}) for Messenger, Instagram DMs, Facebook and
 * Instagram comments and Lead Ads: {@link ai.omniflow.connector.meta.MetaConnectorFactory} makes
 * it, {@link ai.omniflow.connector.meta.PageTokens} gives it page tokens to read leads with, {@link
 * ai.omniflow.connector.meta.MetaException} carries its failure codes.
 *
 * <h2>Webhooks ({@code GET|POST /webhooks/meta})</h2>
 *
 * <ul>
 *   <li>Handshake: {@code hub.mode=subscribe}, {@code hub.verify_token} compared in constant time
 *       with the config's verify token, {@code hub.challenge} echoed.
 *   <li>Signature: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, raw body)>},
 *       compared in constant time; missing, malformed or wrong is {@code SIGNATURE_INVALID}.
 *   <li>Envelopes {@code object: page} and {@code object: instagram}; every {@code entry[]}, every
 *       {@code messaging[]} and {@code changes[]}. The account is {@code entry[].id} (the page or
 *       the Instagram professional account). Other objects, fields and event types are skipped.
 *   <li>{@code messaging[]} with a {@code message}: a {@code Message} on {@code facebook_dm} or
 *       {@code instagram_dm}, dedupe key {@code mid:<message.mid>}, sender the PSID or IGSID, the
 *       ad in {@code message.referral} (or the event's {@code referral}) as the referral ({@code
 *       ad_id}, {@code ads_context_data.post_id}). An echo ({@code is_echo: true}) of a message the
 *       page sent is never a customer message: it becomes a {@code SENT} delivery update ({@code
 *       echo:<mid>}). {@code delivery.mids[]} become {@code DELIVERED} updates; reads, postbacks,
 *       reactions and deleted messages are skipped.
 *   <li>{@code feed} changes with {@code item: comment, verb: add} and Instagram {@code comments}
 *       changes: a {@code Comment}, dedupe key {@code comment:<comment id>}, post id (and ad id
 *       where given) on the referral; the account's own comments are skipped.
 *   <li>{@code leadgen} changes: the lead is read with {@code GET /{leadgen_id}} and the page's
 *       token from {@link ai.omniflow.connector.meta.PageTokens}; {@code field_data[]} become the
 *       fields (values joined by {@code ", "}), {@code full_name}/{@code first_name}+{@code
 *       last_name}, {@code phone_number} and {@code email} the sender, {@code ad_id}, {@code
 *       form_id} and {@code campaign_id} the referral; dedupe key {@code lead:<leadgen_id>}. A page
 *       without a token fails with {@link ai.omniflow.connector.meta.MetaException#NO_PAGE_TOKEN}
 *       so that the host retries or parks the stored event; nothing is dropped silently.
 *   <li>Ids over 256 characters make their event skipped; text is cut to 20,000 characters.
 * </ul>
 *
 * <h2>Sending</h2>
 *
 * <p>Free text only, at most 2,000 characters. {@code facebook_dm}/{@code instagram_dm}: {@code
 * POST /{page-id}/messages} with {@code recipient.id}; within 24 hours of {@code lastInboundAt} (or
 * when it is unknown) {@code messaging_type: RESPONSE}; from 24 hours to 7 days {@code MESSAGE_TAG}
 * with {@code tag: HUMAN_AGENT} (setting {@code human_agent}, on by default); beyond that {@code
 * POLICY_WINDOW_CLOSED} before any HTTP call. A recipient {@code comment:<id>} is a private reply
 * ({@code recipient.comment_id}), refused after 7 days. {@code facebook_comment}: a public reply
 * {@code POST /{comment-id}/comments}; {@code instagram_comment}: {@code POST
 * /{comment-id}/replies}. Every Graph call carries {@code appsecret_proof}. Sends are never retried
 * by the connector; a repeated idempotency key is answered from a bounded memory of 10,000 keys.
 *
 * <p>Graph errors: 190 (or a bare 401) → {@code AUTH_EXPIRED}; 4, 17, 32, 613, 80001 to 80014 (or
 * 429) → {@code RATE_LIMITED} with {@code Retry-After}, else the longest {@code
 * estimated_time_to_regain_access} of {@code X-Business-Use-Case-Usage}, else 60 s; 10/2018278 →
 * {@code POLICY_WINDOW_CLOSED}; 551 and 100/2018001 → {@code INVALID_RECIPIENT}; 5xx, 1, 2 and I/O
 * → {@code TRANSIENT}; the rest {@code PERMANENT}.
 *
 * <h2>Facebook Login and health</h2>
 *
 * <p>The dialog URL carries {@code client_id}, {@code redirect_uri}, {@code state}, the scopes
 * (comma-separated), {@code response_type=code} and the S256 PKCE challenge. {@code exchangeCode}
 * posts the code and verifier to {@code /oauth/access_token}, exchanges the short-lived user token
 * for a long-lived one ({@code grant_type=fb_exchange_token}), reads its expiry and scopes with
 * {@code debug_token} (app token) and the pages with {@code /me/accounts} (each page and its
 * Instagram business account become connected accounts). The token set's access token is the first
 * page's token, its refresh token the long-lived user token, its expiry the user token's; {@code
 * refresh} exchanges the user token again before that. {@code probe} calls {@code GET /me}: 190/401
 * → {@code NEEDS_REAUTH}, 404 or 100/33 → {@code DISCONNECTED}, else {@code DEGRADED}.
 */
@NullMarked
package ai.omniflow.connector.meta;

import org.jspecify.annotations.NullMarked;
