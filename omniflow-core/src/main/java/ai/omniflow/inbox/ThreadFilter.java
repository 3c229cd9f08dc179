package ai.omniflow.inbox;

import ai.omniflow.connector.spi.Channel;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Which threads {@link InboxService#threads} lists; every non-null criterion must hold. {@code
 * unassigned} true keeps only threads with no assignee (and then {@code assignee} must be null).
 *
 * <pre>{@code
 * ThreadFilter.ALL.withStatus(ThreadStatus.OPEN)
 * }</pre>
 */
public record ThreadFilter(
    @Nullable ThreadStatus status,
    @Nullable Channel channel,
    @Nullable UUID assigneeUserId,
    @Nullable UUID contactId,
    boolean unassigned) {
  /** Every thread. */
  public static final ThreadFilter ALL = new ThreadFilter(null, null, null, null, false);

  /**
   * @throws IllegalArgumentException if both an assignee and {@code unassigned} are given
   */
  public ThreadFilter {
    if (unassigned && assigneeUserId != null) {
      throw new IllegalArgumentException("a filter cannot ask for an assignee and for unassigned");
    }
  }

  /** Whether {@code t} passes. */
  public boolean test(InboxThread t) {
    return (status == null || t.status() == status)
        && (channel == null || t.channel() == channel)
        && (assigneeUserId == null || assigneeUserId.equals(t.assigneeUserId()))
        && (contactId == null || contactId.equals(t.contactId()))
        && (!unassigned || t.assigneeUserId() == null);
  }

  public ThreadFilter withStatus(@Nullable ThreadStatus s) {
    return new ThreadFilter(s, channel, assigneeUserId, contactId, unassigned);
  }

  public ThreadFilter withChannel(@Nullable Channel c) {
    return new ThreadFilter(status, c, assigneeUserId, contactId, unassigned);
  }

  public ThreadFilter withAssignee(@Nullable UUID userId) {
    return new ThreadFilter(status, channel, userId, contactId, unassigned);
  }

  public ThreadFilter withContact(@Nullable UUID id) {
    return new ThreadFilter(status, channel, assigneeUserId, id, unassigned);
  }

  public ThreadFilter onlyUnassigned() {
    return new ThreadFilter(status, channel, null, contactId, true);
  }
}
