package ai.omniflow.routing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Where one lead goes and why. The {@link #explanation} lines read like {@code rule 'zip_941' →
 * group sf}, {@code skipped Bo: paused}, {@code least-loaded: Ana 3/10 open} or {@code no agent
 * available → pond}; they are built when first asked for, by replaying the same pure decision.
 *
 * <pre>{@code
 * RoutingDecision d = engine.decide(request, snapshot, now);
 * if (d.outcome() == RoutingDecision.Outcome.ASSIGNED) {
 *   assign(lead, d.agent());
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class RoutingDecision {

  /** What routing did with the lead. */
  public enum Outcome {
    /** Assigned to {@link #agent()}. */
    ASSIGNED,
    /** Offered to {@link #offeredTo()} until {@link #offerExpiresAt()}; first to claim wins. */
    OFFERED,
    /** Left in the unassigned pond. */
    POND,
    /** Given to the account owner {@link #accountOwner()}. */
    ACCOUNT_OWNER
  }

  private final Outcome outcome;
  private final @Nullable UUID agent;
  private final @Nullable String group;
  private final @Nullable RoutingPolicy policy;
  private final @Nullable String rule;
  private final boolean sticky;
  private final List<UUID> offeredTo;
  private final @Nullable Instant offerExpiresAt;
  private final @Nullable UUID accountOwner;
  private final @Nullable String language;
  // what the explanation is replayed from
  private final @Nullable Replay replay;
  private volatile @Nullable List<String> explanation;

  RoutingDecision(
      Outcome outcome,
      @Nullable UUID agent,
      @Nullable String group,
      @Nullable RoutingPolicy policy,
      @Nullable String rule,
      boolean sticky,
      List<UUID> offeredTo,
      @Nullable Instant offerExpiresAt,
      @Nullable UUID accountOwner,
      @Nullable String language,
      @Nullable Replay replay,
      @Nullable List<String> explanation) {
    this.outcome = outcome;
    this.agent = agent;
    this.group = group;
    this.policy = policy;
    this.rule = rule;
    this.sticky = sticky;
    this.offeredTo = offeredTo;
    this.offerExpiresAt = offerExpiresAt;
    this.accountOwner = accountOwner;
    this.language = language;
    this.replay = replay;
    this.explanation = explanation == null ? null : List.copyOf(explanation);
  }

  record Replay(
      RoutingEngine engine, RoutingRequest request, RoutingSnapshot snapshot, Instant now) {}

  public Outcome outcome() {
    return outcome;
  }

  /** The assigned agent when {@link Outcome#ASSIGNED}, else {@code null}. */
  public @Nullable UUID agent() {
    return agent;
  }

  /** The group that assigned or offered the lead, or {@code null} (sticky, pond, owner). */
  public @Nullable String group() {
    return group;
  }

  /** The policy of {@link #group()}, or {@code null}. */
  public @Nullable RoutingPolicy policy() {
    return policy;
  }

  /** The key of the rule that chose the first group, or {@code null} if none matched. */
  public @Nullable String rule() {
    return rule;
  }

  /** Whether the lead went back to the contact's previous owner. */
  public boolean sticky() {
    return sticky;
  }

  /** The agents offered the lead when {@link Outcome#OFFERED}, else empty. */
  public List<UUID> offeredTo() {
    return offeredTo;
  }

  /** When an offer expires unclaimed, or {@code null} if this is no offer. */
  public @Nullable Instant offerExpiresAt() {
    return offerExpiresAt;
  }

  /** The account owner (a user id) when {@link Outcome#ACCOUNT_OWNER}, else {@code null}. */
  public @Nullable UUID accountOwner() {
    return accountOwner;
  }

  /**
   * The lead's language when the assigned or offered agents were picked because they speak it
   * ({@link RoutingRequest#withLanguage}); {@code null} when the request had no language, when
   * nobody who speaks it was available and routing fell back to everyone, and for sticky, pond and
   * account-owner outcomes.
   */
  public @Nullable String language() {
    return language;
  }

  /**
   * The group whose round-robin counter for {@link #agent()} a store should increment with this
   * assignment, or {@code null} (no group assignment: sticky, offer, pond, owner).
   */
  public @Nullable String counterGroup() {
    return outcome == Outcome.ASSIGNED && !sticky ? group : null;
  }

  /** Why, one human-readable line per step, in order. */
  public List<String> explanation() {
    List<String> e = explanation;
    if (e == null) {
      Replay r = java.util.Objects.requireNonNull(replay);
      e = List.copyOf(r.engine().explain(r.request(), r.snapshot(), r.now()));
      explanation = e;
    }
    return e;
  }

  @Override
  public String toString() {
    return "RoutingDecision["
        + outcome
        + (agent == null ? "" : " " + agent)
        + ", group="
        + group
        + "]";
  }
}
