package ai.omniflow.inbox;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What {@link InboxService#ingest} made of one inbound event. A delivery update names only the
 * message it updated (or nothing, if no such outbound message is known).
 *
 * @param duplicate whether the event had been ingested before; then the ids are the first
 *     ingestion's and nothing was written
 */
public record IngestResult(
    @Nullable UUID contactId,
    @Nullable UUID threadId,
    @Nullable UUID messageId,
    @Nullable UUID touchpointId,
    boolean duplicate) {

  /** This result marked as a redelivery. */
  public IngestResult asDuplicate() {
    return new IngestResult(contactId, threadId, messageId, touchpointId, true);
  }
}
