package ai.omniflow.store.spi;

import ai.omniflow.attribution.ExternalTouchpoint;
import java.util.Optional;
import java.util.UUID;

/**
 * The transaction org's touchpoints recorded from outside the inbox (ad clicks, website visits),
 * linked to a contact or anonymous until one matches.
 */
public interface ExternalTouchpointRepository {
  /**
   * Stores a touchpoint.
   *
   * @throws IllegalArgumentException if it is of another org
   * @throws ai.omniflow.OmniFlowException {@code touchpoint_exists} (conflict) if the id is taken;
   *     {@code not_found} if it names a contact the org does not have
   */
  void insert(ExternalTouchpoint touchpoint);

  /** The touchpoint of that id, if the org has it. */
  Optional<ExternalTouchpoint> find(UUID id);

  /**
   * Links every anonymous touchpoint with this anonymous key to the contact.
   *
   * @return how many were linked
   * @throws ai.omniflow.OmniFlowException {@code not_found} if the org has no such contact
   */
  int linkAnonymousKey(String anonymousKey, UUID contactId);

  /**
   * Links every anonymous touchpoint whose e-mail or phone equals the normalized value of an {@code
   * email} or {@code phone} identity of the org to that identity's contact (e-mail first).
   *
   * @return how many were linked
   */
  int linkMatchingIdentities();
}
