package ai.omniflow.inbox;

import ai.omniflow.connector.spi.Channel;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One conversation with one contact: a DM conversation with one person on one connector account, or
 * one person's comments on one post or ad, or one person's submissions of one lead form. Named
 * {@code InboxThread} so as not to shadow {@link java.lang.Thread}.
 *
 * <p>{@code externalKey} says which conversation on the account this is ({@code dm:<handle>},
 * {@code comment:<post id>:<handle>}, {@code lead_form:<form id>:<handle>}); with the org, channel
 * and account ref it is unique. The SLA fields the SLA issue fills are not here yet: they will be
 * added as nullable fields then. Immutable; the {@code with…} methods return changed copies.
 *
 * @param accountRef the connector account's ref, or {@code null} for the mock endpoint
 * @param assigneeUserId the member working the thread, or {@code null} if unassigned
 * @param lastActivityAt the latest message's time, or the creation time for a thread without any
 */
public record InboxThread(
    UUID id,
    UUID orgId,
    UUID contactId,
    Channel channel,
    @Nullable String accountRef,
    String externalKey,
    ThreadStatus status,
    @Nullable UUID assigneeUserId,
    @Nullable Instant lastInboundAt,
    @Nullable Instant lastOutboundAt,
    Instant lastActivityAt,
    int unreadCount,
    Instant createdAt,
    Instant updatedAt) {
  /**
   * @throws NullPointerException if a non-null component is null
   * @throws IllegalArgumentException if {@code externalKey} is blank or {@code unreadCount}
   *     negative
   */
  public InboxThread {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(contactId, "contactId");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(externalKey, "externalKey");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(lastActivityAt, "lastActivityAt");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    if (externalKey.isBlank()) {
      throw new IllegalArgumentException("externalKey must not be blank");
    }
    if (unreadCount < 0) {
      throw new IllegalArgumentException("unreadCount must be 0 or more");
    }
  }

  /** A copy with an inbound message at {@code at}: one more unread, and open again if closed. */
  public InboxThread withInbound(Instant at, Instant now) {
    Instant last = lastInboundAt == null || at.isAfter(lastInboundAt) ? at : lastInboundAt;
    Instant activity = at.isAfter(lastActivityAt) ? at : lastActivityAt;
    ThreadStatus s = status == ThreadStatus.CLOSED ? ThreadStatus.OPEN : status;
    return new InboxThread(
        id,
        orgId,
        contactId,
        channel,
        accountRef,
        externalKey,
        s,
        assigneeUserId,
        last,
        lastOutboundAt,
        activity,
        unreadCount + 1,
        createdAt,
        now);
  }

  /** A copy assigned to {@code userId}. */
  public InboxThread withAssignee(@Nullable UUID userId, Instant now) {
    return new InboxThread(
        id,
        orgId,
        contactId,
        channel,
        accountRef,
        externalKey,
        status,
        userId,
        lastInboundAt,
        lastOutboundAt,
        lastActivityAt,
        unreadCount,
        createdAt,
        now);
  }

  /** A copy with status {@code s}. */
  public InboxThread withStatus(ThreadStatus s, Instant now) {
    return new InboxThread(
        id,
        orgId,
        contactId,
        channel,
        accountRef,
        externalKey,
        s,
        assigneeUserId,
        lastInboundAt,
        lastOutboundAt,
        lastActivityAt,
        unreadCount,
        createdAt,
        now);
  }

  /** A copy with nothing unread. */
  public InboxThread read(Instant now) {
    return new InboxThread(
        id,
        orgId,
        contactId,
        channel,
        accountRef,
        externalKey,
        status,
        assigneeUserId,
        lastInboundAt,
        lastOutboundAt,
        lastActivityAt,
        0,
        createdAt,
        now);
  }

  /** A copy with an outbound message at {@code at}. */
  public InboxThread withOutbound(Instant at, Instant now) {
    Instant last = lastOutboundAt == null || at.isAfter(lastOutboundAt) ? at : lastOutboundAt;
    Instant activity = at.isAfter(lastActivityAt) ? at : lastActivityAt;
    return new InboxThread(
        id,
        orgId,
        contactId,
        channel,
        accountRef,
        externalKey,
        status,
        assigneeUserId,
        lastInboundAt,
        last,
        activity,
        unreadCount,
        createdAt,
        now);
  }
}
