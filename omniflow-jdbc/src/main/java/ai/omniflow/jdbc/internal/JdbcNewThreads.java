package ai.omniflow.jdbc.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.inbox.InboxThread;
import java.util.UUID;

/**
 * A thread inserted unless its key is taken, for {@link JdbcInbox}, with the SQL it runs, kept
 * apart so that no class passes 500 lines (decision 0102). Not thread-safe.
 */
final class JdbcNewThreads {
  /**
   * {@link JdbcInbox#THREAD_INSERT} that leaves a thread of the same key (index {@code
   * inbox_threads_key}) alone, and says in the same round trip whether it inserted and whether the
   * contact is there.
   */
  static final String THREAD_INSERT_IF_ABSENT =
      "with inserted as ("
          + JdbcInbox.THREAD_INSERT
          + " on conflict (org_id, channel, (coalesce(account_ref, '')), external_key) do nothing"
          + " returning id) select exists (select 1 from inserted) as inserted, exists (select 1"
          + " from <schema>.contacts c where c.org_id = :org and c.id = :contact_id) as contact";

  private final JdbcContext tx;
  private final UUID org;

  JdbcNewThreads(JdbcContext tx) {
    this.tx = tx;
    this.org = tx.org();
  }

  /** As {@link JdbcInbox#insertThreadIfAbsent}. */
  boolean insertIfAbsent(InboxThread t) {
    tx.requireOrg(t.orgId(), "the thread");
    boolean[] outcome =
        tx.guarded(
            "inbox_threads.insert",
            () ->
                JdbcInbox.bindThread(tx.select(THREAD_INSERT_IF_ABSENT), t, org)
                    .map(
                        (rs, ctx) ->
                            new boolean[] {rs.getBoolean("inserted"), rs.getBoolean("contact")})
                    .one());
    if (!outcome[1]) {
      throw OmniFlowException.notFound("The contact");
    }
    return outcome[0];
  }
}
