package ai.omniflow.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.OmniFlow;
import ai.omniflow.PageRequest;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.connector.spi.InboundEvent;
import ai.omniflow.connector.spi.Referral;
import ai.omniflow.connector.spi.Sender;
import ai.omniflow.events.DomainEvent;
import ai.omniflow.internal.SlaClocksWithin;
import ai.omniflow.sla.spi.Notifier;
import ai.omniflow.store.InMemoryStore;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import ai.omniflow.tenancy.User;
import ai.omniflow.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** An execution of SLA steps run with the org's other due executions (decision 0096). */
@DisplayName("SLA steps run in a batch")
class SlaStepBatchTest {
  private static final Instant T0 = Instant.parse("2026-03-06T14:00:00Z");
  private final MutableClock clock = new MutableClock(T0);
  private final InMemoryStore store = new InMemoryStore();
  private final List<Notifier.Escalation> notified = new CopyOnWriteArrayList<>();
  private final OmniFlow omniFlow =
      OmniFlow.builder().store(store).clock(clock).slaNotifier(notified::add).build();
  private final Actor owner = org();
  private final Actor other = org();

  private Actor org() {
    UUID org = UUID.randomUUID();
    User u = new User(UUID.randomUUID(), org + "@example.test", "Owner", Instant.EPOCH);
    omniFlow.tenancy().createOrg(org, "Org", u);
    Actor a = Actor.of(org, u.id(), Role.OWNER);
    policy(a, Duration.ofMinutes(30));
    return a;
  }

  /**
   * An hour around the clock, at risk at 75 %, the manager notified at the breach and the lead
   * moved to the pond {@code pond} after it.
   */
  private void policy(Actor a, Duration pond) {
    omniFlow
        .sla()
        .replaceConfig(
            a,
            new SlaPolicy(
                List.of(SlaTarget.everywhere(Duration.ofHours(1))),
                0.75,
                false,
                false,
                List.of(
                    EscalationStep.onBreach(Duration.ZERO, EscalationStep.Action.NOTIFY_MANAGER),
                    EscalationStep.onBreach(pond, EscalationStep.Action.MOVE_TO_POND))));
  }

  private UUID ingest(Actor a, String key, Instant at) {
    return omniFlow
        .inbox()
        .ingest(
            Actor.system(a.orgId()),
            null,
            new InboundEvent.Message(
                key,
                "page-1",
                Channel.INSTAGRAM_DM,
                "pm-" + key,
                Sender.ofHandle("ana-" + key),
                "hi",
                at,
                Referral.NONE))
        .threadId();
  }

  private List<SlaStep> steps(Actor a, UUID thread) {
    return store.inTransaction(a, tx -> tx.slaClocks().steps(thread));
  }

  /** The execution of the thread's clock that holds its breach. */
  private List<SlaStep> breach(Actor a, UUID thread) {
    return SlaStep.byInstant(steps(a, thread)).stream()
        .filter(e -> e.get(0).index() == SlaStep.BREACH)
        .findFirst()
        .orElseThrow();
  }

  private List<String> events(Actor a, UUID thread) {
    return omniFlow.events().list(a, PageRequest.of(PageRequest.MAX_LIMIT, 0)).items().stream()
        .filter(e -> e.type().startsWith("sla."))
        .filter(e -> thread.toString().equals(e.subjectId()))
        .map(DomainEvent::type)
        .toList();
  }

  @Test
  @DisplayName(
      "an execution runs with the org's other due executions in one call, each step once, and"
          + " leaves those not yet due and another org's to their time")
  void anExecutionTakesTheOrgsOtherDueExecutionsAlong() {
    UUID first = ingest(owner, "k1", T0);
    UUID second = ingest(owner, "k2", T0);
    UUID third = ingest(owner, "k3", T0);
    UUID elsewhere = ingest(other, "k5", T0);
    clock.set(T0.plus(Duration.ofMinutes(50)));
    UUID notYet = ingest(owner, "k4", clock.instant());
    List<SlaStep> own = breach(owner, first);
    clock.set(T0.plus(Duration.ofHours(1)));

    assertThat(omniFlow.sla().runStepsInBatch(own, 100)).isEqualTo(new SlaStepOutcome.Done(1));

    for (UUID t : List.of(first, second, third)) {
      assertThat(events(owner, t))
          .containsExactlyInAnyOrder("sla.clock_at_risk", "sla.clock_breached", "sla.escalated");
      // Only the move to the pond, half an hour after the breach, is left.
      assertThat(steps(owner, t)).extracting(SlaStep::index).containsExactly(3);
    }
    assertThat(notified).hasSize(3);
    assertThat(events(owner, notYet)).isEmpty();
    assertThat(steps(owner, notYet)).hasSize(4);
    assertThat(events(other, elsewhere)).isEmpty();
    assertThat(steps(other, elsewhere)).hasSize(4);

    assertThat(omniFlow.sla().runStepsInBatch(own, 100)).isEqualTo(new SlaStepOutcome.Nothing());
    assertThat(notified).hasSize(3);
  }

  @Test
  @DisplayName(
      "a due execution of a clock replied to since it was scheduled leaves with the batch and"
          + " records nothing")
  void anExecutionOfAStoppedClockLeavesWithoutAnEvent() {
    UUID first = ingest(owner, "k1", T0);
    UUID replied = ingest(owner, "k2", T0);
    List<SlaStep> stale = steps(owner, replied);
    store.useTransaction(
        Actor.system(owner.orgId()),
        tx ->
            omniFlow
                .sla()
                .clockKeeping()
                .message(
                    tx,
                    tx.inbox().findThread(replied).orElseThrow(),
                    T0.plusSeconds(60),
                    SlaClocksWithin.Kind.HUMAN_REPLY));
    // The reply cancelled the steps; put back as an execution a scheduler held at the reply.
    store.useTransaction(owner, tx -> tx.slaClocks().replaceSteps(replied, stale));
    clock.set(T0.plus(Duration.ofHours(1)));

    assertThat(omniFlow.sla().runStepsInBatch(breach(owner, first), 100))
        .isEqualTo(new SlaStepOutcome.Done(1));

    assertThat(events(owner, replied)).isEmpty();
    // Its due executions left the schedule; the pond's, not yet due, is left for its time.
    assertThat(steps(owner, replied)).extracting(SlaStep::index).containsExactly(3);
    assertThat(events(owner, first)).hasSize(3);
  }

  @Test
  @DisplayName(
      "a due execution whose step a policy change moved later is rescheduled to the new time, not"
          + " run")
  void anExecutionMovedLaterByThePolicyIsRescheduled() {
    UUID first = ingest(owner, "k1", T0);
    UUID second = ingest(owner, "k2", T0);
    policy(owner, Duration.ofHours(3));
    clock.set(T0.plus(Duration.ofMinutes(95)));

    assertThat(omniFlow.sla().runStepsInBatch(breach(owner, first), 100))
        .isEqualTo(new SlaStepOutcome.Done(1));

    Instant pond = T0.plus(Duration.ofHours(4));
    for (UUID t : List.of(first, second)) {
      assertThat(events(owner, t))
          .containsExactlyInAnyOrder("sla.clock_at_risk", "sla.clock_breached", "sla.escalated");
    }
    assertThat(steps(owner, second))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.index()).isEqualTo(3);
              assertThat(s.at()).isEqualTo(pond);
            });
    assertThat(steps(owner, first)).extracting(SlaStep::at).containsExactly(pond);
  }

  @Test
  @DisplayName(
      "a batch that fails rolls back as a whole, and its own execution then runs alone while the"
          + " executions it took along stay scheduled for their own run")
  void aFailedBatchRunsItsOwnExecutionAlone() {
    UUID first = ingest(owner, "k1", T0);
    UUID second = ingest(owner, "k2", T0);
    List<SlaStep> own = breach(owner, first);
    clock.set(T0.plus(Duration.ofHours(1)));
    FailingFirstStrictTransaction flaky = new FailingFirstStrictTransaction(store);
    OmniFlow failing =
        OmniFlow.builder().store(flaky).clock(clock).slaNotifier(notified::add).build();

    assertThat(failing.sla().runStepsInBatch(own, 100)).isEqualTo(new SlaStepOutcome.Done(1));

    assertThat(flaky.failed).isTrue();
    // Alone, the execution does its own steps only: the breach and the escalation on it, not the
    // warning, which is an execution of its own.
    assertThat(events(owner, first))
        .containsExactlyInAnyOrder("sla.clock_breached", "sla.escalated");
    assertThat(steps(owner, first)).extracting(SlaStep::index).doesNotContain(SlaStep.BREACH);
    // The batch's work on the other clock was rolled back: nothing recorded, its steps as they
    // were.
    assertThat(events(owner, second)).isEmpty();
    assertThat(steps(owner, second)).hasSize(4);
    assertThat(notified).hasSize(1);

    // Its own run later does each of its steps once.
    assertThat(omniFlow.sla().runStepsInBatch(breach(owner, second), 100))
        .isEqualTo(new SlaStepOutcome.Done(1));
    assertThat(events(owner, second))
        .containsExactlyInAnyOrder("sla.clock_at_risk", "sla.clock_breached", "sla.escalated");
    assertThat(events(owner, first)).hasSize(3);
    assertThat(notified).hasSize(2);
  }

  /**
   * The in-memory store, but its first strict transaction fails after its work has run, as a commit
   * refused by the database would: everything the work wrote is rolled back.
   */
  private static final class FailingFirstStrictTransaction implements Store {
    private final Store delegate;
    private boolean failed;

    FailingFirstStrictTransaction(Store delegate) {
      this.delegate = delegate;
    }

    @Override
    public <T> T inTransaction(Actor actor, TransactionWork<T> work) {
      return delegate.inTransaction(actor, work);
    }

    @Override
    public <T> T inStrictTransaction(Actor actor, TransactionWork<T> work) {
      return delegate.inStrictTransaction(
          actor,
          tx -> {
            T result = work.run(tx);
            if (!failed) {
              failed = true;
              throw new IllegalStateException("the commit was refused");
            }
            return result;
          });
    }

    @Override
    public List<UUID> orgIds() {
      return delegate.orgIds();
    }
  }

  @Test
  @DisplayName("a batch of one runs the execution alone, and a batch over 100 is refused")
  void aBatchOfOneRunsAlone() {
    UUID first = ingest(owner, "k1", T0);
    UUID second = ingest(owner, "k2", T0);
    clock.set(T0.plus(Duration.ofHours(1)));

    assertThat(omniFlow.sla().runStepsInBatch(breach(owner, first), 1))
        .isEqualTo(new SlaStepOutcome.Done(1));

    assertThat(events(owner, first))
        .containsExactlyInAnyOrder("sla.clock_breached", "sla.escalated");
    assertThat(events(owner, second)).isEmpty();
    assertThatThrownBy(() -> omniFlow.sla().runStepsInBatch(breach(owner, second), 101))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
