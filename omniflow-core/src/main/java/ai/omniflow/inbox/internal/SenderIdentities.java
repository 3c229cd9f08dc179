package ai.omniflow.inbox.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.connector.spi.InboundEvent;
import ai.omniflow.contacts.IdentityClaim;
import ai.omniflow.contacts.IdentityKind;
import ai.omniflow.internal.AbsentIdentities;
import ai.omniflow.internal.IdentityNormalizer;
import ai.omniflow.store.spi.ContactRepository;
import ai.omniflow.store.spi.StoreTransaction;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the identities of the senders of an ingest's events at once, one statement a kind, so that
 * resolving each sender reads none of those found absent (decision 0095). Not API. Stateless and
 * thread-safe.
 */
final class SenderIdentities {
  private SenderIdentities() {}

  /**
   * The identities of the senders of {@code events} (their claims normalized as resolution
   * normalizes them, in {@code region}) that the org does not have. A sender without a usable
   * handle is left to fail where its event is taken in; a kind with more values than one read takes
   * is left to the reads one by one.
   */
  static AbsentIdentities read(StoreTransaction tx, List<InboundEvent> events, String region) {
    Map<IdentityKind, Set<String>> values = new EnumMap<>(IdentityKind.class);
    for (InboundEvent event : events) {
      if (event instanceof InboundEvent.DeliveryUpdate) {
        continue;
      }
      List<IdentityClaim> claims;
      try {
        claims = SenderClaims.of(event.channel(), Engagements.sender(event));
      } catch (OmniFlowException e) {
        continue;
      }
      for (IdentityClaim c : claims) {
        try {
          String value = IdentityNormalizer.normalize(c.kind(), c.handle(), "sender", region);
          values.computeIfAbsent(c.kind(), k -> new LinkedHashSet<>()).add(value);
        } catch (OmniFlowException e) {
          // Resolution refuses it, with its own message.
        }
      }
    }
    values.values().removeIf(v -> v.size() > ContactRepository.MAX_IDENTITY_VALUES);
    return AbsentIdentities.read(tx, values);
  }
}
