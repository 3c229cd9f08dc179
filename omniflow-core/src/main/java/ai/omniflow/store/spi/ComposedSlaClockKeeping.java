package ai.omniflow.store.spi;

import ai.omniflow.leads.Lead;
import ai.omniflow.sla.FirstResponse;
import ai.omniflow.sla.SlaCalendar;
import ai.omniflow.sla.SlaStep;
import ai.omniflow.sla.ThreadClock;
import ai.omniflow.tenancy.Org;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@link SlaClockKeepingRepository} as the other repositories' calls one after another: a round
 * trip each in a store that answers them one by one. Not thread-safe.
 */
final class ComposedSlaClockKeeping implements SlaClockKeepingRepository {
  private final StoreTransaction tx;

  ComposedSlaClockKeeping(StoreTransaction tx) {
    this.tx = Objects.requireNonNull(tx, "tx");
  }

  @Override
  public Locked lock(Ask ask) {
    ThreadClock clock = tx.slaClocks().lock(ask.threadId()).orElse(null);
    if (!ask.moves(clock)) {
      return new Locked(clock, false, null, null, List.of(), null);
    }
    var policy = ask.policy() ? tx.sla().policy().orElse(null) : null;
    String pack =
        ask.policy() && policy == null ? tx.orgs().current().map(Org::packSlug).orElse(null) : null;
    List<SlaCalendar> calendars =
        ask.calendars() ? tx.sla().calendarsForAssignee(ask.assigneeUserId()) : List.of();
    var band =
        Ask.starts(clock)
            ? tx.leads().findOpen(ask.contactId()).map(Lead::band).orElse(null)
            : null;
    return new Locked(clock, true, policy, pack, calendars, band);
  }

  @Override
  public void save(ThreadClock clock, List<SlaStep> steps, @Nullable FirstResponse response) {
    if (response != null && !response.threadId().equals(clock.threadId())) {
      throw new IllegalArgumentException("a first response of another thread");
    }
    tx.slaClocks().save(clock, steps);
    if (response != null) {
      tx.slaMetrics().save(response);
    }
  }
}
