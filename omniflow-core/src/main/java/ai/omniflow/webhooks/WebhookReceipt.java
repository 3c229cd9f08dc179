package ai.omniflow.webhooks;

import org.jspecify.annotations.Nullable;

/**
 * What {@link WebhookService#receive} did with a delivery: stored it (with its id) or found it
 * stored already. Either way the host answers 200.
 *
 * @param id the stored delivery's id, or null for a duplicate
 * @param duplicate whether the same delivery was stored before
 */
public record WebhookReceipt(@Nullable Long id, boolean duplicate) {}
