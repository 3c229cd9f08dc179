package ai.omniflow.sla;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a thread list asks of the threads' SLA clocks ({@link SlaService#threads}): keep the threads
 * whose clock is in one of {@code states} now, and list them in {@code sort} order.
 *
 * <pre>{@code
 * SlaThreadQuery urgent =
 *     new SlaThreadQuery(Set.of(SlaState.AT_RISK, SlaState.BREACHED), SlaThreadQuery.Sort.SLA_DUE);
 * }</pre>
 *
 * <p>A thread's state is its stored clock's {@link ThreadClock#state} at the time of the query
 * under the policy in force, and {@link SlaState#NONE} for a thread without a stored clock: what
 * the thread's {@code sla} shows in a list (decision 0071). Immutable and thread-safe.
 *
 * @param states the states to keep; empty keeps every thread
 * @param sort the order of the list
 */
public record SlaThreadQuery(Set<SlaState> states, Sort sort) {
  /** Every thread, latest activity first. */
  public static final SlaThreadQuery ANY = new SlaThreadQuery(Set.of(), Sort.LATEST_ACTIVITY);

  /** The order of a thread list. */
  public enum Sort {
    /** Latest activity first (ties: the newest thread first), as the inbox lists threads. */
    LATEST_ACTIVITY,
    /**
     * Most urgent first: by the due time of the thread's open (running or paused) clock, soonest
     * first, so an overdue clock comes before any still to come; threads without an open clock with
     * a due time (no clock, a stopped one, a paused one not breached) last; ties, and the threads
     * at the end, by thread id as PostgreSQL orders uuids (their lower-case text).
     */
    SLA_DUE;

    /** The wire name, e.g. {@code sla_due}. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The sort with that wire name, or empty. */
    public static Optional<Sort> ofWireName(String wireName) {
      for (Sort s : values()) {
        if (s.wireName().equals(wireName)) {
          return Optional.of(s);
        }
      }
      return Optional.empty();
    }
  }

  public SlaThreadQuery {
    Objects.requireNonNull(states, "states");
    Objects.requireNonNull(sort, "sort");
    states = states.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(states));
  }

  /** Whether a thread whose clock is in {@code state} passes. */
  public boolean keeps(SlaState state) {
    return states.isEmpty() || states.contains(state);
  }
}
