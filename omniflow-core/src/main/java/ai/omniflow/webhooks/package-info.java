/**
 * Platform webhooks: receiving a delivery (verify, store, acknowledge) and processing the stored
 * deliveries after the commit through the one ingest path. {@link
 * ai.omniflow.webhooks.WebhookService} is the facade; see docs/connectors.md and
 * docs/decisions/0044-webhooks-store-then-process.md.
 */
@NullMarked
package ai.omniflow.webhooks;

import org.jspecify.annotations.NullMarked;
