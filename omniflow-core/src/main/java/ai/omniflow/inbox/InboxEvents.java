package ai.omniflow.inbox;

/**
 * The types of the {@link ai.omniflow.events.DomainEvent}s OmniFlow appends for the inbox: ingest,
 * threads, drafts and sends, and the actions of the {@link ai.omniflow.audit.AuditEntry audit
 * entries} it keeps beside them ({@code AUDIT_…}), as they are stored and sent. docs/inbox.md and
 * docs/security.md list them.
 *
 * <pre>{@code
 * boolean match = event.type().equals(InboxEvents.CONTACT_OPTED_OUT);
 * }</pre>
 *
 * <p>Constants only; decision 0038 says why these are strings and not an enum.
 */
public final class InboxEvents {
  /** Event {@code contact.opted_out}. */
  public static final String CONTACT_OPTED_OUT = "contact.opted_out";

  /** Event {@code contact.opted_in}: the consent ledger gained an entry giving consent. */
  public static final String CONTACT_OPTED_IN = "contact.opted_in";

  /** Event {@code draft.created}. */
  public static final String DRAFT_CREATED = "draft.created";

  /** Event {@code draft.send_unknown}. */
  public static final String DRAFT_SEND_UNKNOWN = "draft.send_unknown";

  /** Event {@code message.delivery_updated}. */
  public static final String MESSAGE_DELIVERY_UPDATED = "message.delivery_updated";

  /** Event {@code message.received}. */
  public static final String MESSAGE_RECEIVED = "message.received";

  /** Event {@code message.sent}. */
  public static final String MESSAGE_SENT = "message.sent";

  /** Event {@code thread.assigned}. */
  public static final String THREAD_ASSIGNED = "thread.assigned";

  /** Event {@code thread.closed}. */
  public static final String THREAD_CLOSED = "thread.closed";

  /** Event {@code thread.opened}. */
  public static final String THREAD_OPENED = "thread.opened";

  /** Event {@code thread.read}. */
  public static final String THREAD_READ = "thread.read";

  /** Event {@code thread.reopened}. */
  public static final String THREAD_REOPENED = "thread.reopened";

  /** Event {@code touchpoint.recorded}. */
  public static final String TOUCHPOINT_RECORDED = "touchpoint.recorded";

  /** Audit action {@code contact.opt_in}. */
  public static final String AUDIT_CONTACT_OPT_IN = "contact.opt_in";

  /** Audit action {@code contact.opt_out}. */
  public static final String AUDIT_CONTACT_OPT_OUT = "contact.opt_out";

  /** Audit action {@code draft.create}. */
  public static final String AUDIT_DRAFT_CREATE = "draft.create";

  /** Audit action {@code draft.reconcile}. */
  public static final String AUDIT_DRAFT_RECONCILE = "draft.reconcile";

  /** Audit action {@code message.delivery_update}. */
  public static final String AUDIT_MESSAGE_DELIVERY_UPDATE = "message.delivery_update";

  /** Audit action {@code message.receive}. */
  public static final String AUDIT_MESSAGE_RECEIVE = "message.receive";

  /** Audit action {@code message.send}. */
  public static final String AUDIT_MESSAGE_SEND = "message.send";

  /** Audit action {@code thread.assign}. */
  public static final String AUDIT_THREAD_ASSIGN = "thread.assign";

  /** Audit action {@code thread.close}. */
  public static final String AUDIT_THREAD_CLOSE = "thread.close";

  /** Audit action {@code thread.mark_read}. */
  public static final String AUDIT_THREAD_MARK_READ = "thread.mark_read";

  /** Audit action {@code thread.open}. */
  public static final String AUDIT_THREAD_OPEN = "thread.open";

  /** Audit action {@code thread.reopen}. */
  public static final String AUDIT_THREAD_REOPEN = "thread.reopen";

  /** Audit action {@code touchpoint.record}. */
  public static final String AUDIT_TOUCHPOINT_RECORD = "touchpoint.record";

  private InboxEvents() {}
}
