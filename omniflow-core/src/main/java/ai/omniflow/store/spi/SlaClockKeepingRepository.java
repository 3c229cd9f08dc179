package ai.omniflow.store.spi;

import ai.omniflow.leads.ScoreBand;
import ai.omniflow.sla.FirstResponse;
import ai.omniflow.sla.SlaCalendar;
import ai.omniflow.sla.SlaPolicy;
import ai.omniflow.sla.SlaStep;
import ai.omniflow.sla.ThreadClock;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The clock keeping's read and write of one message, each in as few round trips as a store can
 * (decision 0100): the thread's clock locked together with what a message that moves it needs (the
 * org's policy, the assignee's calendars, the open lead's band), and the moved clock saved with its
 * steps and its first response.
 *
 * <p>Each call is what the calls of the other repositories it names do one after another; {@link
 * StoreTransaction#slaClockKeeping()}'s default makes them so ({@link #composed}), and a store may
 * answer each in one round trip (the JDBC store sends one statement each).
 *
 * <pre>{@code
 * SlaClockKeepingRepository.Locked l = tx.slaClockKeeping().lock(ask);
 * if (l.moves()) { ... tx.slaClockKeeping().save(after, steps, response); }
 * }</pre>
 */
public interface SlaClockKeepingRepository {
  /**
   * What to lock and read for one message.
   *
   * @param threadId the thread whose clock is locked
   * @param movesNone whether the message moves a thread that has no clock (it starts one)
   * @param moves the phases of a clock the message moves; for a clock in another phase nothing more
   *     is read
   * @param policy whether to read the org's own policy and its pack, when the message moves the
   *     clock
   * @param calendars whether to read {@code assigneeUserId}'s calendars, when it moves the clock
   * @param assigneeUserId the thread's assignee, or {@code null}
   * @param contactId the thread's contact, whose open lead's band is read when a clock starts
   */
  record Ask(
      UUID threadId,
      boolean movesNone,
      Set<ThreadClock.Phase> moves,
      boolean policy,
      boolean calendars,
      @Nullable UUID assigneeUserId,
      UUID contactId) {
    public Ask {
      Objects.requireNonNull(threadId, "threadId");
      moves = Set.copyOf(moves);
      Objects.requireNonNull(contactId, "contactId");
    }

    /** Whether the message moves {@code clock} (which may be {@code null}). */
    public boolean moves(@Nullable ThreadClock clock) {
      return clock == null ? movesNone : moves.contains(clock.phase());
    }

    /** Whether {@code clock} starts when moved: none, or a stopped one. */
    static boolean starts(@Nullable ThreadClock clock) {
      return clock == null || clock.phase() == ThreadClock.Phase.STOPPED;
    }
  }

  /**
   * The locked clock and what was read with it.
   *
   * @param clock the thread's clock, locked until the transaction ends, or {@code null}
   * @param moves whether the message moves it ({@link Ask#moves(ThreadClock)}); when it does not,
   *     the rest is empty
   * @param policy the org's own policy ({@link SlaRepository#policy()}), if asked, the message
   *     moves the clock and the org has one
   * @param packSlug the org's pack ({@link OrgRepository#current()}), if the policy was asked, the
   *     message moves the clock and the org has no policy of its own (whose default is then in
   *     force)
   * @param calendars {@link SlaRepository#calendarsForAssignee} of the assignee, if asked and the
   *     message moves the clock, else empty
   * @param band the band of the contact's open lead ({@link LeadRepository#findOpen}), if the
   *     message moves a clock that starts (none, or a stopped one) and the lead has a score
   */
  record Locked(
      @Nullable ThreadClock clock,
      boolean moves,
      @Nullable SlaPolicy policy,
      @Nullable String packSlug,
      List<SlaCalendar> calendars,
      @Nullable ScoreBand band) {
    public Locked {
      calendars = List.copyOf(calendars);
    }
  }

  /**
   * The thread's clock locked until the transaction ends ({@link SlaClockRepository#lock}), and,
   * when {@code ask} says the message moves it, what {@code ask} asks for.
   */
  Locked lock(Ask ask);

  /**
   * The clock saved with its steps ({@link SlaClockRepository#save(ThreadClock, List)}) and, if
   * {@code response} is not {@code null}, the thread's first response saved ({@link
   * SlaMetricsRepository#save}).
   *
   * @throws IllegalArgumentException if a step or the response is not of the clock's thread in this
   *     org
   */
  void save(ThreadClock clock, List<SlaStep> steps, @Nullable FirstResponse response);

  /** The calls of {@code tx}'s other repositories one after another, as the spec says. */
  static SlaClockKeepingRepository composed(StoreTransaction tx) {
    return new ComposedSlaClockKeeping(tx);
  }
}
