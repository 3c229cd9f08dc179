/**
 * The webhook use cases behind {@link ai.omniflow.webhooks.WebhookService}, one concern each
 * (decision 0033). Not API: may change in any release.
 */
@NullMarked
package ai.omniflow.webhooks.internal;

import org.jspecify.annotations.NullMarked;
