package ai.omniflow.inbox.internal;

import ai.omniflow.inbox.InboxThread;
import ai.omniflow.inbox.Message;
import ai.omniflow.inbox.Touchpoint;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * JSON-shaped views of threads, messages and touchpoints for the inbox's events and audit entries.
 * A thread appears without its external key, which holds a handle: the logs are append-only
 * (decision 0010). Not API. Stateless.
 */
public final class InboxSnapshots {
  private InboxSnapshots() {}

  /** The thread as an event payload names it; callers add their own keys to the mutable map. */
  public static Map<String, @Nullable Object> payload(InboxThread t) {
    Map<String, @Nullable Object> p = new LinkedHashMap<>();
    p.put("thread_id", t.id().toString());
    p.put("contact_id", t.contactId().toString());
    p.put("channel", t.channel().id());
    p.put("account_ref", t.accountRef());
    p.put("assignee_user_id", t.assigneeUserId() == null ? null : t.assigneeUserId().toString());
    p.put("status", t.status().wireName());
    return p;
  }

  /** The thread as an audit entry keeps it, before or after a change. */
  public static Map<String, @Nullable Object> thread(InboxThread t) {
    Map<String, @Nullable Object> s = payload(t);
    // Not the external key: it holds a handle, and the logs are append-only (decision 0010).
    s.put("unread_count", t.unreadCount());
    s.put("last_inbound_at", t.lastInboundAt() == null ? null : t.lastInboundAt().toString());
    s.put("last_outbound_at", t.lastOutboundAt() == null ? null : t.lastOutboundAt().toString());
    return s;
  }

  /** The message as an audit entry keeps it (without its text). */
  public static Map<String, @Nullable Object> message(Message m) {
    Map<String, @Nullable Object> s = new LinkedHashMap<>();
    s.put("message_id", m.id().toString());
    s.put("thread_id", m.threadId().toString());
    s.put("direction", m.direction().wireName());
    s.put("provider_message_id", m.providerMessageId());
    s.put(
        "delivery_status",
        m.deliveryStatus() == null
            ? null
            : m.deliveryStatus().name().toLowerCase(java.util.Locale.ROOT));
    s.put("sent_at", m.sentAt().toString());
    return s;
  }

  /** The touchpoint as its event and audit entry keep it. */
  public static Map<String, @Nullable Object> touchpoint(Touchpoint t) {
    Map<String, @Nullable Object> s = new LinkedHashMap<>();
    s.put("touchpoint_id", t.id().toString());
    s.put("contact_id", t.contactId().toString());
    s.put("channel", t.channel().id());
    s.put("campaign_id", t.campaignId());
    s.put("ad_id", t.adId());
    s.put("post_id", t.postId());
    s.put("occurred_at", t.occurredAt().toString());
    s.put("message_id", t.sourceMessageId() == null ? null : t.sourceMessageId().toString());
    return s;
  }
}
