package ai.omniflow.webhooks;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a stored webhook delivery stands. A delivery is {@link #PENDING} from its receipt until a
 * worker settles it; a worker's claim does not change the status, it only leases the row.
 */
public enum WebhookStatus {
  /** Stored and waiting (or leased by a worker, or waiting for its next attempt). */
  PENDING,
  /** Processed: every event of it went through ingest, or there was nothing to take in. */
  DONE,
  /** Acknowledged and dropped: none of its events belongs to an account an org has connected. */
  DROPPED,
  /** Parked after its last attempt failed; visible to the org's admins, who may replay it. */
  FAILED;

  /** The lower-case name used on the wire and in the store, e.g. {@code failed}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The status with that wire name, if any. */
  public static Optional<WebhookStatus> fromWireName(String name) {
    for (WebhookStatus s : values()) {
      if (s.wireName().equals(name)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
