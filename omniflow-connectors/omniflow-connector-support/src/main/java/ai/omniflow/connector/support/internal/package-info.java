/**
 * What OmniFlow's platform connectors ({@code omniflow-connector-meta}, {@code
 * omniflow-connector-whatsapp}, {@code omniflow-connector-twilio}) share, so each holds only what
 * its platform does differently. Not API: no compatibility promise, excluded from the Javadoc and
 * the binary-compatibility check; a third-party connector builds on the SPI alone.
 *
 * <ul>
 *   <li>{@link ai.omniflow.connector.support.internal.JsonHttp}: one OkHttp client with explicit
 *       timeouts, answers read up to a bound, Failsafe retries for idempotent calls only.
 *   <li>{@link ai.omniflow.connector.support.internal.GraphClient}: the Graph API core for Meta and
 *       WhatsApp: {@code appsecret_proof}, Graph error payloads, the webhook handshake, {@code
 *       X-Hub-Signature-256} and the health probe's verdict on a refusal.
 *   <li>{@link ai.omniflow.connector.support.internal.HubSignature}: HMAC-SHA256 over the raw body,
 *       compared in constant time.
 *   <li>{@link ai.omniflow.connector.support.internal.Bounds}: the bounds on what enters through a
 *       connector, mirroring core's {@code ai.omniflow.Limits}.
 * </ul>
 *
 * <p>Every failure is made by the calling connector's {@link
 * ai.omniflow.connector.support.internal.Failures}, so a host still catches {@code MetaException},
 * {@code WhatsAppException} or {@code TwilioException}, and every message names the provider.
 */
@NullMarked
package ai.omniflow.connector.support.internal;

import org.jspecify.annotations.NullMarked;
