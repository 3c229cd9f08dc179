package ai.omniflow.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.connector.spi.Channel;
import ai.omniflow.inbox.InboxThread;
import ai.omniflow.inbox.ThreadStatus;
import ai.omniflow.sla.SlaReading;
import ai.omniflow.sla.SlaStep;
import ai.omniflow.sla.ThreadClock;
import ai.omniflow.tenancy.Actor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The SLA clock repository: one clock per thread, read back equal and only in its org, and the
 * clock's scheduled steps replaced as a whole, committed or rolled back with the transaction. Not
 * API: {@link StoreCompatibilityKit} runs it as a nested suite.
 */
abstract class SlaClockSuite extends StoreSuite {
  private UUID thread(Actor a) {
    UUID contactId = contact(a);
    UUID id = UUID.randomUUID();
    store()
        .inTransaction(
            a,
            tx -> {
              tx.inbox()
                  .insertThread(
                      new InboxThread(
                          id,
                          a.orgId(),
                          contactId,
                          Channel.INSTAGRAM_DM,
                          null,
                          "dm:ig:" + id,
                          ThreadStatus.OPEN,
                          null,
                          T0,
                          null,
                          T0,
                          1,
                          T0,
                          T0));
              return null;
            });
    return id;
  }

  private UUID contact(Actor a) {
    ai.omniflow.contacts.Contact c = contact(a, T0);
    store()
        .inTransaction(
            a,
            tx -> {
              tx.contacts().insert(c);
              return null;
            });
    return c.id();
  }

  private static ThreadClock running(UUID thread) {
    return new ThreadClock(
        thread,
        SlaReading.Clock.FIRST_RESPONSE,
        ThreadClock.Phase.RUNNING,
        T0,
        T0,
        Duration.ofHours(1),
        Duration.ZERO,
        false,
        T0.plus(Duration.ofMinutes(45)),
        T0.plus(Duration.ofHours(1)),
        null,
        false,
        0);
  }

  private Optional<ThreadClock> find(Actor a, UUID thread) {
    return store().inTransaction(a, tx -> tx.slaClocks().find(thread));
  }

  private List<SlaStep> steps(Actor a, UUID thread) {
    return store().inTransaction(a, tx -> tx.slaClocks().steps(thread));
  }

  @Test
  void aThreadsClockReadsBackAsSavedIsReplacedAndStaysInItsOrg() {
    Actor a = newOrg();
    Actor b = newOrg();
    UUID t = thread(a);
    ThreadClock first = running(t);
    store()
        .inTransaction(
            a,
            tx -> {
              tx.slaClocks().save(first);
              return null;
            });
    assertThat(find(a, t)).contains(first);
    Optional<ThreadClock> locked = store().inTransaction(a, tx -> tx.slaClocks().lock(t));
    assertThat(locked).contains(first);
    assertThat(find(b, t)).isEmpty();

    ThreadClock stopped =
        new ThreadClock(
            t,
            SlaReading.Clock.FIRST_RESPONSE,
            ThreadClock.Phase.STOPPED,
            T0,
            T0,
            Duration.ofHours(1),
            Duration.ZERO,
            false,
            null,
            T0.plus(Duration.ofHours(1)),
            T0.plus(Duration.ofMinutes(20)),
            false,
            1);
    store()
        .inTransaction(
            a,
            tx -> {
              tx.slaClocks().save(stopped);
              return null;
            });
    assertThat(find(a, t)).contains(stopped);
    Map<UUID, ThreadClock> many =
        store().inTransaction(a, tx -> tx.slaClocks().find(List.of(t, UUID.randomUUID())));
    assertThat(many).containsExactly(Map.entry(t, stopped));
    Map<UUID, ThreadClock> elsewhere =
        store().inTransaction(b, tx -> tx.slaClocks().find(List.of(t)));
    assertThat(elsewhere).isEmpty();
  }

  @Test
  void aClocksStepsAreReplacedAsAWholeAndStayInTheirThread() {
    Actor a = newOrg();
    UUID t = thread(a);
    UUID other = thread(a);
    Instant start = T0;
    SlaStep warn = new SlaStep(a.orgId(), t, start, SlaStep.WARNING, T0.plusSeconds(2700));
    SlaStep breach = new SlaStep(a.orgId(), t, start, SlaStep.BREACH, T0.plusSeconds(3600));
    SlaStep elsewhere = new SlaStep(a.orgId(), other, start, SlaStep.BREACH, T0.plusSeconds(60));
    store()
        .inTransaction(
            a,
            tx -> {
              tx.slaClocks().replaceSteps(t, List.of(breach, warn));
              tx.slaClocks().replaceSteps(other, List.of(elsewhere));
              return null;
            });
    assertThat(steps(a, t)).containsExactly(warn, breach);

    SlaStep later =
        new SlaStep(a.orgId(), t, T0.plusSeconds(10), SlaStep.BREACH, T0.plusSeconds(99));
    store()
        .inTransaction(
            a,
            tx -> {
              tx.slaClocks().replaceSteps(t, List.of(later));
              return null;
            });
    assertThat(steps(a, t)).containsExactly(later);
    assertThat(steps(a, other)).containsExactly(elsewhere);

    store()
        .inTransaction(
            a,
            tx -> {
              tx.slaClocks().replaceSteps(t, List.of());
              return null;
            });
    assertThat(steps(a, t)).isEmpty();
    assertThatThrownBy(
            () ->
                store()
                    .inTransaction(
                        a,
                        tx -> {
                          tx.slaClocks().replaceSteps(t, List.of(elsewhere));
                          return null;
                        }))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aClockAndItsStepsRollBackWithTheTransaction() {
    Actor a = newOrg();
    UUID t = thread(a);
    SlaStep breach = new SlaStep(a.orgId(), t, T0, SlaStep.BREACH, T0.plusSeconds(3600));
    assertThatThrownBy(
            () ->
                store()
                    .inTransaction(
                        a,
                        tx -> {
                          tx.slaClocks().save(running(t));
                          tx.slaClocks().replaceSteps(t, List.of(breach));
                          throw new Boom();
                        }))
        .isInstanceOf(Boom.class);
    assertThat(find(a, t)).isEmpty();
    assertThat(steps(a, t)).isEmpty();
  }
}
