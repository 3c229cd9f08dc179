package ai.omniflow.contacts;

import ai.omniflow.Limits;
import ai.omniflow.OmniFlowException;
import ai.omniflow.connector.spi.Channel;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a contact's consent ledger: consent given or withdrawn, for one channel or for all,
 * with where it came from and when. The ledger is append-only; the newest entry covering a channel
 * decides its state ({@link ContactConsent}).
 *
 * <pre>{@code
 * ConsentEntry stop = new ConsentEntry(UUID.randomUUID(), orgId, contactId, Channel.SMS,
 *     ConsentChange.OPTED_OUT, ConsentSource.INBOUND_KEYWORD, "STOP", messageId, null, now);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the entry's id
 * @param orgId its org
 * @param contactId the contact
 * @param channel the channel it covers, or {@code null} for every channel (STOPALL)
 * @param change given or withdrawn
 * @param source where it came from
 * @param reason the words or note that back it (the keyword as sent, an agent's note), at most
 *     {@value #MAX_REASON} characters, or {@code null}
 * @param messageId the inbound message that carried it, or {@code null}
 * @param userId the person who recorded it, or {@code null}
 * @param at when it took effect
 */
public record ConsentEntry(
    UUID id,
    UUID orgId,
    UUID contactId,
    @Nullable Channel channel,
    ConsentChange change,
    ConsentSource source,
    @Nullable String reason,
    @Nullable UUID messageId,
    @Nullable UUID userId,
    Instant at) {

  /** The longest reason. */
  public static final int MAX_REASON = 500;

  /**
   * @throws OmniFlowException {@code invalid_consent_reason} if the reason is blank, longer than
   *     {@value #MAX_REASON} characters or holds NUL; {@code invalid_at} if {@code at} lies outside
   *     {@link Limits#EARLIEST} to {@link Limits#LATEST}
   * @throws NullPointerException if a required value is null
   */
  public ConsentEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(contactId, "contactId");
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(at, "at");
    Limits.instant("at", at);
    if (reason != null) {
      if (reason.isBlank()) {
        throw OmniFlowException.invalidInput(
            ContactErrors.INVALID_CONSENT_REASON, "reason must not be blank.");
      }
      Limits.text("consent_reason", reason, MAX_REASON);
    }
  }

  /** Whether this entry covers {@code c}: it names it, or it names every channel. */
  public boolean covers(Channel c) {
    return channel == null || channel == c;
  }
}
