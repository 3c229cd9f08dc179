package ai.omniflow.inbox;

/**
 * The stable error codes OmniFlow raises for the inbox: ingest, threads, drafts and sends, as
 * {@link ai.omniflow.OmniFlowException#code()} carries them on the wire. Clients may branch on
 * them; docs/inbox.md and the other docs say when each is raised. Codes built from a field name,
 * {@code invalid_<field>}, are not listed here (see {@link ai.omniflow.Limits}).
 *
 * <pre>{@code
 * catch (OmniFlowException e) {
 *   if (e.code().equals(InboxErrors.ASSIGNEE_NOT_MEMBER)) { … }
 * }
 * }</pre>
 *
 * <p>Constants only; decision 0038 says why these are strings and not an enum.
 */
public final class InboxErrors {
  /** {@code assignee_not_member}. */
  public static final String ASSIGNEE_NOT_MEMBER = "assignee_not_member";

  /** {@code channel_not_replyable}: the thread's channel (a lead-ad form) carries no replies. */
  public static final String CHANNEL_NOT_REPLYABLE = "channel_not_replyable";

  /** {@code contact_opted_out}. */
  public static final String CONTACT_OPTED_OUT = "contact_opted_out";

  /** {@code draft_exists}. */
  public static final String DRAFT_EXISTS = "draft_exists";

  /** {@code draft_not_sendable}. */
  public static final String DRAFT_NOT_SENDABLE = "draft_not_sendable";

  /** {@code draft_sent}. */
  public static final String DRAFT_SENT = "draft_sent";

  /** {@code ingest_exists}. */
  public static final String INGEST_EXISTS = "ingest_exists";

  /** {@code invalid_draft}. */
  public static final String INVALID_DRAFT = "invalid_draft";

  /** {@code invalid_sent_at}. */
  public static final String INVALID_SENT_AT = "invalid_sent_at";

  /** {@code invalid_status}. */
  public static final String INVALID_STATUS = "invalid_status";

  /** {@code message_exists}. */
  public static final String MESSAGE_EXISTS = "message_exists";

  /** {@code no_channel_account}. */
  public static final String NO_CHANNEL_ACCOUNT = "no_channel_account";

  /** {@code no_inbound_message}. */
  public static final String NO_INBOUND_MESSAGE = "no_inbound_message";

  /** {@code no_pack_selected}. */
  public static final String NO_PACK_SELECTED = "no_pack_selected";

  /** {@code thread_closed}. */
  public static final String THREAD_CLOSED = "thread_closed";

  /** {@code thread_exists}. */
  public static final String THREAD_EXISTS = "thread_exists";

  /** {@code touchpoint_exists}. */
  public static final String TOUCHPOINT_EXISTS = "touchpoint_exists";

  /** {@code unidentified_sender}. */
  public static final String UNIDENTIFIED_SENDER = "unidentified_sender";

  /** {@code window_closed}. */
  public static final String WINDOW_CLOSED = "window_closed";

  private InboxErrors() {}
}
