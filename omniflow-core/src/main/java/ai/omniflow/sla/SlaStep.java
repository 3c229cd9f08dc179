package ai.omniflow.sla;

import ai.omniflow.OmniFlowException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One scheduled step of a running SLA clock: its warning, its breach, or one escalation step of the
 * policy. A scheduler runs it at {@code at}; its {@link #instanceId()} is derived from the org, the
 * thread, the clock's start and the step, so that scheduling the same step again replaces it and a
 * new clock of the thread gets ids of its own (decision 0046).
 *
 * <pre>{@code
 * List<SlaStep> steps = SlaStep.of(orgId, clock, policy);   // empty unless the clock runs
 * SlaStep back = SlaStep.parse(steps.get(0).instanceId(), steps.get(0).at());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param index {@link #WARNING}, {@link #BREACH}, or {@link #FIRST_ESCALATION} plus the escalation
 *     step's position in the policy
 */
public record SlaStep(UUID orgId, UUID threadId, Instant clockStart, int index, Instant at) {
  /** The warning step's index. */
  public static final int WARNING = 0;

  /** The breach step's index. */
  public static final int BREACH = 1;

  /** The first escalation step's index. */
  public static final int FIRST_ESCALATION = 2;

  /** How many steps a clock has at most: warning, breach and eight escalation steps. */
  public static final int MAX_STEPS = FIRST_ESCALATION + SlaPolicy.MAX_ESCALATION_STEPS;

  /**
   * The longest instance id: two UUIDs, a count of microseconds and up to {@link #MAX_STEPS}
   * indices.
   */
  public static final int MAX_INSTANCE_ID = 120;

  public SlaStep {
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(threadId, "threadId");
    clockStart = Objects.requireNonNull(clockStart, "clockStart").truncatedTo(ChronoUnit.MICROS);
    Objects.requireNonNull(at, "at");
    if (index < 0 || index >= MAX_STEPS) {
      throw SlaProblems.invalid("step", "step index out of range.");
    }
  }

  /** {@code <org>/<thread>/<clock start in epoch microseconds>/<index>}. */
  public String instanceId() {
    return prefix(orgId, threadId)
        + ChronoUnit.MICROS.between(Instant.EPOCH, clockStart)
        + "/"
        + index;
  }

  /**
   * The id of one execution that runs {@code steps} together ({@link #byInstant}): {@code
   * <org>/<thread>/<clock start in epoch microseconds>/<index>+<index>…}, the indices ascending;
   * for one step its {@link #instanceId()} (decision 0082).
   *
   * @throws IllegalArgumentException if {@code steps} is empty, or its steps are not of one clock
   *     or repeat an index
   */
  public static String instanceId(List<SlaStep> steps) {
    SlaStep first = sameClock(steps).get(0);
    StringBuilder id =
        new StringBuilder(prefix(first.orgId(), first.threadId()))
            .append(ChronoUnit.MICROS.between(Instant.EPOCH, first.clockStart()))
            .append('/');
    int[] indices = steps.stream().mapToInt(SlaStep::index).sorted().toArray();
    for (int i = 0; i < indices.length; i++) {
      if (i > 0 && indices[i] == indices[i - 1]) {
        throw new IllegalArgumentException("a step index repeats");
      }
      id.append(i == 0 ? "" : "+").append(indices[i]);
    }
    return id.toString();
  }

  /**
   * {@code steps} in groups that one execution each runs: the steps of one clock due at the same
   * instant (a breach and the escalation on it without delay), each group by index, the groups in
   * the order of their first step in {@code steps}. The JDBC store schedules each group as one
   * execution ({@link #instanceId(List)}), so that a breach and its escalation commit in one
   * transaction (decision 0082).
   */
  public static List<List<SlaStep>> byInstant(List<SlaStep> steps) {
    Map<String, List<SlaStep>> groups = new LinkedHashMap<>();
    for (SlaStep s : steps) {
      groups
          .computeIfAbsent(
              s.orgId() + "/" + s.threadId() + "/" + s.clockStart() + "/" + s.at(),
              k -> new ArrayList<>())
          .add(s);
    }
    List<List<SlaStep>> out = new ArrayList<>(groups.size());
    for (List<SlaStep> g : groups.values()) {
      g.sort(Comparator.comparingInt(SlaStep::index));
      out.add(List.copyOf(g));
    }
    return out;
  }

  /**
   * The steps an id of {@link #instanceId(List)} (or {@link #instanceId()}) names, due at {@code
   * at}, by index.
   *
   * @throws OmniFlowException {@code invalid_step} (invalid input) if {@code id} is not such an id
   */
  public static List<SlaStep> parseAll(String id, Instant at) {
    Objects.requireNonNull(id, "id");
    int slash = id.lastIndexOf('/');
    if (id.length() > MAX_INSTANCE_ID || slash < 0) {
      throw SlaProblems.invalid("step", "not an SLA step id.");
    }
    String clock = id.substring(0, slash + 1);
    String[] indices = id.substring(slash + 1).split("\\+", -1);
    List<SlaStep> out = new ArrayList<>(indices.length);
    for (String index : indices) {
      out.add(parse(clock + index, at));
    }
    try {
      // Only the one spelling the store writes: ascending indices, no signs or leading zeros.
      if (!instanceId(out).equals(id)) {
        throw new IllegalArgumentException("not canonical");
      }
    } catch (IllegalArgumentException e) {
      throw SlaProblems.invalid("step", "not an SLA step id.");
    }
    out.sort(Comparator.comparingInt(SlaStep::index));
    return List.copyOf(out);
  }

  /**
   * {@code steps}, checked to be one or more steps of one clock.
   *
   * @throws IllegalArgumentException if not
   */
  public static List<SlaStep> sameClock(List<SlaStep> steps) {
    if (steps.isEmpty() || steps.size() > MAX_STEPS) {
      throw new IllegalArgumentException("from 1 to " + MAX_STEPS + " steps");
    }
    SlaStep first = steps.get(0);
    for (SlaStep s : steps) {
      if (!s.orgId().equals(first.orgId())
          || !s.threadId().equals(first.threadId())
          || !s.clockStart().equals(first.clockStart())) {
        throw new IllegalArgumentException("steps of more than one clock");
      }
    }
    return steps;
  }

  /** What every step id of the thread starts with: {@code <org>/<thread>/}. */
  public static String prefix(UUID orgId, UUID threadId) {
    return orgId + "/" + threadId + "/";
  }

  /**
   * The step an {@link #instanceId()} names, due at {@code at}.
   *
   * @throws OmniFlowException {@code invalid_step} (invalid input) if {@code id} is not such an id
   */
  public static SlaStep parse(String id, Instant at) {
    Objects.requireNonNull(id, "id");
    String[] parts = id.length() > MAX_INSTANCE_ID ? new String[0] : id.split("/", -1);
    if (parts.length != 4) {
      throw SlaProblems.invalid("step", "not an SLA step id.");
    }
    try {
      return new SlaStep(
          UUID.fromString(parts[0]),
          UUID.fromString(parts[1]),
          Instant.EPOCH.plus(Long.parseLong(parts[2]), ChronoUnit.MICROS),
          Integer.parseInt(parts[3]),
          at);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw SlaProblems.invalid("step", "not an SLA step id.");
    }
  }

  /**
   * The steps still to do of {@code clock} under {@code policy}: none unless it runs; else its
   * warning (at {@link ThreadClock#warnAt()}), its breach (at {@link ThreadClock#dueAt()}) and each
   * escalation step at its trigger's time plus its delay, leaving out steps done already and steps
   * whose time is unknown.
   */
  public static List<SlaStep> of(UUID orgId, ThreadClock clock, SlaPolicy policy) {
    List<SlaStep> out = new ArrayList<>();
    if (clock.phase() != ThreadClock.Phase.RUNNING) {
      return out;
    }
    for (int i = 0; i < FIRST_ESCALATION + policy.escalation().size(); i++) {
      Instant at = timeOf(clock, policy, i);
      if (at != null && !clock.hasFired(i)) {
        out.add(new SlaStep(orgId, clock.threadId(), clock.startedAt(), i, at));
      }
    }
    return out;
  }

  /**
   * When step {@code index} of {@code clock} is due under {@code policy}, or {@code null} if it has
   * no time (no warning or due time, or the policy has no such escalation step).
   */
  public static @org.jspecify.annotations.Nullable Instant timeOf(
      ThreadClock clock, SlaPolicy policy, int index) {
    if (index == WARNING) {
      return clock.warnAt();
    }
    if (index == BREACH) {
      return clock.dueAt();
    }
    int e = index - FIRST_ESCALATION;
    if (e < 0 || e >= policy.escalation().size()) {
      return null;
    }
    EscalationStep step = policy.escalation().get(e);
    Instant trigger =
        step.trigger() == EscalationStep.Trigger.WARNING ? clock.warnAt() : clock.dueAt();
    return trigger == null ? null : trigger.plus(step.delay());
  }
}
