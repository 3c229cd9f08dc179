/**
 * Acme SMS: a fictional SMS platform, connected to OmniFlow with nothing but the connector SPI. It
 * is the template that docs/connectors.md walks through; copy it, rename it, and replace the
 * platform's API.
 *
 * <h2>The Acme SMS platform</h2>
 *
 * <p>Acme speaks {@code application/x-www-form-urlencoded} both ways, so this connector needs no
 * JSON library; a real connector would use Jackson for a JSON API.
 *
 * <ul>
 *   <li><b>Auth:</b> an API key per number, sent as {@code Authorization: Bearer <key>}. {@code GET
 *       v2/me} answers {@code number_id=num_1&phone=%2B15555550100&label=Main+line}.
 *   <li><b>Send:</b> {@code POST v2/messages} with {@code from=<number_id>&to=<phone>&body=<text>};
 *       201 {@code message_id=msg_123&status=queued}. Failures: 401, 429 with {@code Retry-After}
 *       seconds, 400 {@code error=invalid_number}, 5xx.
 *   <li><b>Health:</b> {@code GET v2/numbers/<number_id>}: 200 {@code status=active} (or {@code
 *       suspended}), 401, 404 for a released number.
 *   <li><b>Webhooks:</b> form-encoded {@code POST}s: {@code
 *       event_id=evt_1&type=message.received&created=2026-11-25T10:15:30Z&number_id=num_1&message_id=msg_1&from=%2B1555…&body=Hi}
 *       or {@code type=message.status} with {@code status=sent|delivered|read|failed} and {@code
 *       error_code}. They are signed Stripe-style: {@code Acme-Signature: t=<unix seconds>,v1=<hex
 *       HMAC-SHA256 of "t.body">} keyed with the webhook signing secret; a signature older or newer
 *       than five minutes is refused, so a captured delivery cannot be replayed later. There is no
 *       subscription handshake.
 * </ul>
 *
 * <h2>Configuration</h2>
 *
 * <p>{@code appId}: the Acme app id (informational). {@code appSecret}: the webhook signing secret.
 * {@code apiBaseUri}: {@code https://api.acme-sms.example/}. No redirect URI, no scopes.
 */
@NullMarked
package com.example.acmesms;

import org.jspecify.annotations.NullMarked;
