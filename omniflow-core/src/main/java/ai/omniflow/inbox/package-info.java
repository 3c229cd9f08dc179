/**
 * The unified inbox: threads (one conversation with one person on one channel account, or one
 * comment thread), their messages, and the touchpoints every inbound engagement records for
 * attribution. Everything a platform tells us enters through {@link
 * ai.omniflow.inbox.InboxService#ingest}. Start at {@link ai.omniflow.inbox.InboxService}.
 */
@NullMarked
package ai.omniflow.inbox;

import org.jspecify.annotations.NullMarked;
