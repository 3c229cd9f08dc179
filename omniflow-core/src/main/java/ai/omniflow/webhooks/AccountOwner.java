package ai.omniflow.webhooks;

import java.util.Objects;
import java.util.UUID;

/**
 * The org that connected a platform account, found from the platform's own id (page id, Instagram
 * account id, WhatsApp {@code phone_number_id}, Twilio number), and its connector account's ref.
 *
 * @param orgId the owning org
 * @param accountRef the connector account's ref in that org
 */
public record AccountOwner(UUID orgId, String accountRef) {
  /**
   * @throws NullPointerException if a part is null
   */
  public AccountOwner {
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(accountRef, "accountRef");
  }
}
