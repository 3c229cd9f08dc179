package ai.omniflow.jdbc.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.Page;
import ai.omniflow.PageRequest;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.connector.spi.DeliveryStatus;
import ai.omniflow.inbox.Attachment;
import ai.omniflow.inbox.InboxThread;
import ai.omniflow.inbox.IngestResult;
import ai.omniflow.inbox.Message;
import ai.omniflow.inbox.MessageDirection;
import ai.omniflow.inbox.ThreadFilter;
import ai.omniflow.inbox.ThreadStatus;
import ai.omniflow.inbox.Touchpoint;
import ai.omniflow.store.spi.InboxRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;
import org.jspecify.annotations.Nullable;

/** The {@link InboxRepository} of one JDBC transaction, with the SQL it runs. Not thread-safe. */
final class JdbcInbox implements InboxRepository {
  static final String THREAD_INSERT =
      "insert into <schema>.inbox_threads (id, org_id, contact_id, channel, "
          + "account_ref, external_key, status, assignee_user_id, last_inbound_at, "
          + "last_outbound_at, last_activity_at, unread_count, created_at, updated_at) select "
          + "cast(:id as uuid), cast(:org_id as uuid), cast(:contact_id as uuid), "
          + "cast(:channel as text), cast(:account_ref as text), cast(:external_key as text), "
          + "cast(:status as text), cast(:assignee_user_id as uuid), cast(:last_inbound_at as "
          + "timestamptz), cast(:last_outbound_at as timestamptz), cast(:last_activity_at as "
          + "timestamptz), cast(:unread_count as integer), cast(:created_at as timestamptz), "
          + "cast(:updated_at as timestamptz) where exists (select 1 from <schema>.contacts c "
          + "where c.org_id = :org and c.id = :contact_id)";

  static final String THREAD_UPDATE =
      "update <schema>.inbox_threads set status = :status, assignee_user_id = "
          + ":assignee_user_id, last_inbound_at = :last_inbound_at, last_outbound_at = "
          + ":last_outbound_at, last_activity_at = :last_activity_at, unread_count = "
          + ":unread_count, updated_at = :updated_at where org_id = :org and id = :id";

  static final String THREAD_LOCK_BY_KEY =
      "select id, org_id, contact_id, channel, account_ref, external_key, status, "
          + "assignee_user_id, last_inbound_at, last_outbound_at, last_activity_at, "
          + "unread_count, created_at, updated_at from <schema>.inbox_threads where org_id = "
          + ":org and channel = :channel and coalesce(account_ref, '') = :account_ref and "
          + "external_key = :external_key for update";

  static final String THREAD_COLUMNS =
      "id, org_id, contact_id, channel, account_ref, external_key, status, assignee_user_id,"
          + " last_inbound_at, last_outbound_at, last_activity_at, unread_count, created_at,"
          + " updated_at";

  static final String THREAD_FIND =
      "select " + THREAD_COLUMNS + " from <schema>.inbox_threads where org_id = :org and id = :id";

  // The filter binds each criterion once and names it twice: ":status is null or status = :status".
  private static final String THREAD_FILTER =
      " where org_id = :org"
          + " and (cast(:status as text) is null or status = cast(:status as text))"
          + " and (cast(:channel as text) is null or channel = cast(:channel as text))"
          + " and (cast(:assignee as uuid) is null or assignee_user_id = cast(:assignee as uuid))"
          + " and (cast(:contact_id as uuid) is null or contact_id = cast(:contact_id as uuid))"
          + " and (not cast(:unassigned as boolean) or assignee_user_id is null)";

  static final String THREAD_COUNT = "select count(*) from <schema>.inbox_threads" + THREAD_FILTER;

  static final String THREAD_LIST =
      "select "
          + THREAD_COLUMNS
          + " from <schema>.inbox_threads"
          + THREAD_FILTER
          + " order by last_activity_at desc, seq desc limit :limit offset :offset";

  static final String MESSAGE_INSERT =
      "insert into <schema>.inbox_messages (id, org_id, thread_id, direction, text, "
          + "attachments, provider_message_id, delivery_status, failure_reason, "
          + "author_user_id, sent_at, created_at) select cast(:id as uuid), cast(:org_id as "
          + "uuid), cast(:thread_id as uuid), cast(:direction as text), cast(:text as text), "
          + "cast(:attachments as jsonb), cast(:provider_message_id as text), "
          + "cast(:delivery_status as text), cast(:failure_reason as text), "
          + "cast(:author_user_id as uuid), cast(:sent_at as timestamptz), cast(:created_at "
          + "as timestamptz) where exists (select 1 from <schema>.inbox_threads t where "
          + "t.org_id = :org and t.id = :thread_id)";

  static final String MESSAGE_UPDATE_DELIVERY =
      "update <schema>.inbox_messages set delivery_status = :delivery_status, "
          + "failure_reason = :failure_reason where org_id = :org and id = :id";

  static final String MESSAGE_FIND_OUTBOUND =
      "select id, org_id, thread_id, direction, text, attachments, provider_message_id, "
          + "delivery_status, failure_reason, author_user_id, sent_at, created_at from "
          + "<schema>.inbox_messages where org_id = :org and direction = 'outbound' and "
          + "provider_message_id = :provider_message_id order by seq limit 1";

  static final String MESSAGE_COUNT =
      "select count(*) from <schema>.inbox_messages where org_id = :org and thread_id = "
          + ":thread_id";

  static final String MESSAGE_LIST =
      "select id, org_id, thread_id, direction, text, attachments, provider_message_id, "
          + "delivery_status, failure_reason, author_user_id, sent_at, created_at from "
          + "<schema>.inbox_messages where org_id = :org and thread_id = :thread_id order by "
          + "sent_at, seq limit :limit offset :offset";

  static final String CONTACT_MESSAGES =
      "select * from (select m.id, m.org_id, m.thread_id, m.direction, m.text, "
          + "m.attachments, m.provider_message_id, m.delivery_status, m.failure_reason, "
          + "m.author_user_id, m.sent_at, m.created_at, m.seq, t.channel from "
          + "<schema>.inbox_messages m join <schema>.inbox_threads t on t.id = m.thread_id "
          + "where t.org_id = :org and t.contact_id = :contact_id and m.org_id = :org order "
          + "by m.sent_at desc, m.seq desc limit :limit) latest order by sent_at, seq";

  private final JdbcContext tx;
  private final UUID org;
  private final JsonCodec json;

  private final JdbcReceipts receipts;
  private final JdbcTouchpoints touchpoints;
  private final JdbcDrafts drafts;
  private final JdbcNewThreads newThreads;

  JdbcInbox(JdbcContext tx) {
    this.tx = tx;
    this.receipts = new JdbcReceipts(tx);
    this.touchpoints = new JdbcTouchpoints(tx);
    this.drafts = new JdbcDrafts(tx);
    this.newThreads = new JdbcNewThreads(tx);
    this.org = tx.org();
    this.json = tx.json();
  }

  @Override
  public void insertReceipt(String dedupeKey, IngestResult r, Instant receivedAt) {
    receipts.insert(dedupeKey, r, receivedAt);
  }

  @Override
  public Optional<IngestResult> findReceipt(String dedupeKey) {
    return receipts.find(dedupeKey);
  }

  @Override
  public Map<String, IngestResult> findReceipts(Collection<String> dedupeKeys) {
    return receipts.findAll(Objects.requireNonNull(dedupeKeys, "dedupeKeys"));
  }

  @Override
  public void insertThread(InboxThread t) {
    tx.requireOrg(t.orgId(), "the thread");
    int rows =
        tx.guarded(
            "inbox_threads.insert", () -> bindThread(tx.change(THREAD_INSERT), t, org).execute());
    if (rows == 0) {
      throw OmniFlowException.notFound("The contact");
    }
  }

  /**
   * Binds a thread's columns, and the transaction's org, to an insert of it: {@link #insertThread}
   * and {@link JdbcNewThreads#insertIfAbsent} write the same columns.
   */
  static <S extends SqlStatement<S>> S bindThread(S statement, InboxThread t, UUID org) {
    return bindThreadState(statement, t)
        .bind("id", t.id())
        .bind("org_id", t.orgId())
        .bind("contact_id", t.contactId())
        .bind("channel", t.channel().id())
        .bind("account_ref", t.accountRef())
        .bind("external_key", t.externalKey())
        .bind("created_at", t.createdAt())
        .bind("org", org);
  }

  /**
   * Binds what an update of a thread changes, which an insert writes too: its status, assignee,
   * activity instants, unread count and update time.
   */
  private static <S extends SqlStatement<S>> S bindThreadState(S statement, InboxThread t) {
    return statement
        .bind("status", t.status().wireName())
        .bind("assignee_user_id", t.assigneeUserId())
        .bindByType("last_inbound_at", t.lastInboundAt(), Instant.class)
        .bindByType("last_outbound_at", t.lastOutboundAt(), Instant.class)
        .bind("last_activity_at", t.lastActivityAt())
        .bind("unread_count", t.unreadCount())
        .bind("updated_at", t.updatedAt());
  }

  @Override
  public boolean insertThreadIfAbsent(InboxThread t) {
    return newThreads.insertIfAbsent(t);
  }

  @Override
  public void updateThread(InboxThread t) {
    tx.requireOrg(t.orgId(), "the thread");
    int rows =
        tx.guarded(
            "inbox_threads.update",
            () ->
                bindThreadState(tx.change(THREAD_UPDATE), t)
                    .bind("org", org)
                    .bind("id", t.id())
                    .execute());
    if (rows == 0) {
      throw OmniFlowException.notFound("The thread");
    }
  }

  @Override
  public Optional<InboxThread> findThread(UUID threadId) {
    return oneThread("inbox_threads.find", THREAD_FIND, threadId);
  }

  @Override
  public Optional<InboxThread> lockThread(UUID threadId) {
    return oneThread("inbox_threads.lock", THREAD_FIND + " for update", threadId);
  }

  private Optional<InboxThread> oneThread(String op, String statement, UUID threadId) {
    Objects.requireNonNull(threadId, "threadId");
    return tx.step(
        op,
        () ->
            tx.select(statement)
                .bind("org", org)
                .bind("id", threadId)
                .map((rs, ctx) -> thread(rs, ctx))
                .findOne());
  }

  @Override
  public Optional<InboxThread> lockThreadByKey(
      Channel channel, @Nullable String accountRef, String externalKey) {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(externalKey, "externalKey");
    return tx.step(
        "inbox_threads.lock_by_key",
        () ->
            tx.select(THREAD_LOCK_BY_KEY)
                .bind("org", org)
                .bind("channel", channel.id())
                .bind("account_ref", accountRef == null ? "" : accountRef)
                .bind("external_key", externalKey)
                .map((rs, ctx) -> thread(rs, ctx))
                .findOne());
  }

  private <Q extends org.jdbi.v3.core.statement.SqlStatement<Q>> Q bindFilter(Q q, ThreadFilter f) {
    String status = f.status() == null ? null : f.status().wireName();
    String channel = f.channel() == null ? null : f.channel().id();
    return q.bind("org", org)
        .bind("status", status)
        .bind("channel", channel)
        .bind("assignee", f.assigneeUserId())
        .bind("contact_id", f.contactId())
        .bind("unassigned", f.unassigned());
  }

  @Override
  public Page<InboxThread> threads(ThreadFilter filter, PageRequest page) {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(page, "page");
    return tx.step(
        "inbox_threads.list",
        () -> {
          long total = bindFilter(tx.select(THREAD_COUNT), filter).mapTo(Long.class).one();
          List<InboxThread> items =
              bindFilter(tx.select(THREAD_LIST), filter)
                  .bind("limit", page.limit())
                  .bind("offset", page.offset())
                  .map((rs, ctx) -> thread(rs, ctx))
                  .list();
          return Page.of(items, page, total);
        });
  }

  @Override
  public void insertMessage(Message m) {
    tx.requireOrg(m.orgId(), "the message");
    List<Map<String, @Nullable Object>> attachments = new ArrayList<>();
    for (Attachment a : m.attachments()) {
      Map<String, @Nullable Object> o = new LinkedHashMap<>();
      o.put("kind", a.kind());
      o.put("url", a.url());
      o.put("name", a.name());
      attachments.add(o);
    }
    int rows =
        tx.guarded(
            "inbox_messages.insert",
            () ->
                tx.change(MESSAGE_INSERT)
                    .bind("id", m.id())
                    .bind("org_id", m.orgId())
                    .bind("thread_id", m.threadId())
                    .bind("direction", m.direction().wireName())
                    .bind("text", m.text())
                    .bind("attachments", json.writeList(attachments))
                    .bind("provider_message_id", m.providerMessageId())
                    .bind("delivery_status", delivery(m.deliveryStatus()))
                    .bind("failure_reason", m.failureReason())
                    .bind("author_user_id", m.authorUserId())
                    .bindByType("sent_at", m.sentAt(), Instant.class)
                    .bind("created_at", m.createdAt())
                    .bind("org", org)
                    .execute());
    if (rows == 0) {
      throw OmniFlowException.notFound("The thread");
    }
  }

  @Override
  public void updateDelivery(Message m) {
    tx.requireOrg(m.orgId(), "the message");
    int rows =
        tx.guarded(
            "inbox_messages.update_delivery",
            () ->
                tx.change(MESSAGE_UPDATE_DELIVERY)
                    .bind("delivery_status", delivery(m.deliveryStatus()))
                    .bind("failure_reason", m.failureReason())
                    .bind("org", org)
                    .bind("id", m.id())
                    .execute());
    if (rows == 0) {
      throw OmniFlowException.notFound("The message");
    }
  }

  @Override
  public Optional<Message> findOutbound(String providerMessageId) {
    Objects.requireNonNull(providerMessageId, "providerMessageId");
    return tx.step(
        "inbox_messages.find_outbound",
        () ->
            tx.select(MESSAGE_FIND_OUTBOUND)
                .bind("org", org)
                .bind("provider_message_id", providerMessageId)
                .map((rs, ctx) -> message(rs, ctx))
                .findOne());
  }

  @Override
  public Page<Message> messages(UUID threadId, PageRequest page) {
    Objects.requireNonNull(threadId, "threadId");
    Objects.requireNonNull(page, "page");
    return tx.step(
        "inbox_messages.list",
        () -> {
          long total =
              tx.select(MESSAGE_COUNT)
                  .bind("org", org)
                  .bind("thread_id", threadId)
                  .mapTo(Long.class)
                  .one();
          List<Message> items =
              tx.select(MESSAGE_LIST)
                  .bind("org", org)
                  .bind("thread_id", threadId)
                  .bind("limit", page.limit())
                  .bind("offset", page.offset())
                  .map((rs, ctx) -> message(rs, ctx))
                  .list();
          return Page.of(items, page, total);
        });
  }

  @Override
  public List<ai.omniflow.inbox.ContactMessage> contactMessages(UUID contactId, int limit) {
    Objects.requireNonNull(contactId, "contactId");
    return tx.step(
        "inbox_messages.of_contact",
        () ->
            tx.select(CONTACT_MESSAGES)
                .bind("org", org)
                .bind("contact_id", contactId)
                .bind("limit", limit)
                .map(
                    (rs, ctx) ->
                        new ai.omniflow.inbox.ContactMessage(
                            message(rs, ctx), Channel.fromId(rs.getString("channel"))))
                .list());
  }

  @Override
  public void insertTouchpoint(Touchpoint t) {
    touchpoints.insertTouchpoint(t);
  }

  @Override
  public void markOptedOut(UUID contactId, Instant at) {
    touchpoints.markOptedOut(contactId, at);
  }

  @Override
  public boolean isOptedOut(UUID contactId) {
    return touchpoints.isOptedOut(contactId);
  }

  @Override
  public List<Touchpoint> touchpoints(UUID contactId) {
    return touchpoints.touchpoints(contactId);
  }

  @Override
  public void insertDraft(ai.omniflow.inbox.Draft d) {
    drafts.insertDraft(d);
  }

  @Override
  public Optional<ai.omniflow.inbox.Draft> lockDraft(UUID draftId) {
    return drafts.lockDraft(draftId);
  }

  @Override
  public void markDraftSent(ai.omniflow.inbox.Draft d) {
    drafts.markDraftSent(d);
  }

  @Override
  public void updateDraftState(ai.omniflow.inbox.Draft d) {
    drafts.updateDraftState(d);
  }

  @Override
  public List<ai.omniflow.inbox.Draft> staleDraftClaims(Instant claimedBefore, int limit) {
    return drafts.staleDraftClaims(claimedBefore, limit);
  }

  private static @Nullable String delivery(@Nullable DeliveryStatus s) {
    return s == null ? null : s.name().toLowerCase(Locale.ROOT);
  }

  static InboxThread thread(ResultSet rs, StatementContext ctx) throws SQLException {
    return new InboxThread(
        Columns.uuid(rs, "id"),
        Columns.uuid(rs, "org_id"),
        Columns.uuid(rs, "contact_id"),
        Channel.fromId(rs.getString("channel")),
        rs.getString("account_ref"),
        rs.getString("external_key"),
        ThreadStatus.parse(rs.getString("status")),
        Columns.nullableUuid(rs, "assignee_user_id"),
        Columns.nullableInstant(rs, "last_inbound_at"),
        Columns.nullableInstant(rs, "last_outbound_at"),
        Columns.instant(rs, "last_activity_at"),
        rs.getInt("unread_count"),
        Columns.instant(rs, "created_at"),
        Columns.instant(rs, "updated_at"));
  }

  private Message message(ResultSet rs, StatementContext ctx) throws SQLException {
    List<Attachment> attachments = new ArrayList<>();
    for (Map<String, @Nullable Object> o : Columns.jsonList(rs, ctx, "attachments")) {
      attachments.add(
          new Attachment(
              String.valueOf(o.get("kind")),
              o.get("url") == null ? null : String.valueOf(o.get("url")),
              o.get("name") == null ? null : String.valueOf(o.get("name"))));
    }
    String status = rs.getString("delivery_status");
    return new Message(
        Columns.uuid(rs, "id"),
        Columns.uuid(rs, "org_id"),
        Columns.uuid(rs, "thread_id"),
        MessageDirection.parse(rs.getString("direction")),
        rs.getString("text"),
        attachments,
        rs.getString("provider_message_id"),
        status == null ? null : DeliveryStatus.valueOf(status.toUpperCase(Locale.ROOT)),
        rs.getString("failure_reason"),
        Columns.nullableUuid(rs, "author_user_id"),
        Columns.instant(rs, "sent_at"),
        Columns.instant(rs, "created_at"));
  }
}
