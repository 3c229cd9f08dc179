package ai.omniflow.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.OmniFlowException;
import ai.omniflow.enrollment.Enrollment;
import ai.omniflow.enrollment.StoredEnrollment;
import ai.omniflow.nurture.TaskKind;
import ai.omniflow.tasks.Task;
import ai.omniflow.tasks.TaskQuery;
import ai.omniflow.tenancy.Actor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The task repository: tasks read back as written and only in their org, at most one per nurture
 * step, the scheduled overdue check following the task, and lists filtered and paged by cursor in
 * the same order in every store. Not API: {@link StoreCompatibilityKit} runs it as a nested suite.
 */
abstract class TaskSuite extends StoreSuite {
  private static Task task(
      OrgLead o, @Nullable UUID assignee, Instant due, @Nullable UUID enrollment, String step) {
    return Task.open(
        UUID.randomUUID(),
        o.actor().orgId(),
        o.lead().id(),
        assignee,
        TaskKind.CALL,
        "Call the lead",
        due,
        enrollment,
        enrollment == null ? null : step,
        T0);
  }

  private boolean insert(Actor a, Task t) {
    return store().inTransaction(a, tx -> tx.tasks().insert(t));
  }

  private Optional<Task> find(Actor a, UUID id) {
    return store().inTransaction(a, tx -> tx.tasks().find(id));
  }

  private Optional<Task> lock(Actor a, UUID id) {
    return store().inTransaction(a, tx -> tx.tasks().lock(id));
  }

  private List<Task> ofLead(Actor a, UUID leadId) {
    return store().inTransaction(a, tx -> tx.tasks().ofLead(leadId, 10));
  }

  private Optional<Instant> check(Actor a, UUID id) {
    return store().inTransaction(a, tx -> tx.tasks().scheduledCheck(id));
  }

  private List<Task> list(Actor a, TaskQuery q) {
    return store().inTransaction(a, tx -> tx.tasks().list(q));
  }

  @Test
  void aTaskReadsBackAsWrittenWithItsCheckAndOnlyInItsOrg() {
    OrgLead o = newOwnedLead();
    Actor other = newOrg();
    Task t = task(o, o.actor().userId(), T0.plus(Duration.ofHours(4)), null, "call");
    assertThat(insert(o.actor(), t)).isTrue();

    assertThat(find(o.actor(), t.id())).contains(t);
    assertThat(lock(o.actor(), t.id())).contains(t);
    assertThat(ofLead(o.actor(), o.lead().id())).containsExactly(t);
    assertThat(check(o.actor(), t.id())).contains(t.dueAt());

    assertThat(find(other, t.id())).isEmpty();
    assertThat(check(other, t.id())).isEmpty();
    assertThat(list(other, TaskQuery.all())).isEmpty();
    assertThat(ofLead(other, o.lead().id())).isEmpty();
  }

  @Test
  void aTaskDueAtANanosecondJustBeforeAMillisecondReadsBackWithTheMillisecondItsCheckIsNamedFor() {
    OrgLead o = newOwnedLead();
    // 500 ns before a millisecond ends: a store rounding to microseconds would move it to the next
    // millisecond, and the check, named after the due millisecond, would find another due time.
    Instant due = T0.plus(Duration.ofHours(4)).plusNanos(999_999_700L);
    Task t = task(o, null, due, null, "call");
    assertThat(t.dueAt()).isEqualTo(T0.plus(Duration.ofHours(4)).plusNanos(999_999_000L));
    assertThat(insert(o.actor(), t)).isTrue();

    Task back = find(o.actor(), t.id()).orElseThrow();
    assertThat(back).isEqualTo(t);
    assertThat(back.dueAt().toEpochMilli()).isEqualTo(due.toEpochMilli());
    assertThat(check(o.actor(), t.id()).map(Instant::toEpochMilli)).contains(due.toEpochMilli());
  }

  @Test
  void aTaskOfAnotherOrgsLeadIsNotFoundATakenIdConflictsAndAStepMakesOneTask() {
    OrgLead o = newOwnedLead();
    OrgLead other = newOwnedLead();
    Task forged =
        Task.open(
            UUID.randomUUID(),
            other.actor().orgId(),
            o.lead().id(),
            null,
            TaskKind.EMAIL,
            "Write",
            T0,
            null,
            null,
            T0);
    assertKind(() -> insert(other.actor(), forged), OmniFlowException.Kind.NOT_FOUND, "not_found");
    assertThatThrownBy(() -> insert(o.actor(), forged))
        .isInstanceOf(IllegalArgumentException.class);

    StoredEnrollment e =
        new StoredEnrollment(
            o.actor().orgId(),
            o.lead().contactId(),
            Enrollment.start(UUID.randomUUID(), o.lead().id(), "gentle-follow-up", T0),
            true,
            T0,
            T0);
    write(o.actor(), tx -> tx.enrollments().insert(e));
    Task first = task(o, null, T0, e.id(), "call");
    Task again = task(o, null, T0, e.id(), "call");
    assertThat(insert(o.actor(), first)).isTrue();
    assertThat(insert(o.actor(), again)).isFalse();
    assertThat(find(o.actor(), again.id())).isEmpty();
    assertThat(insert(o.actor(), task(o, null, T0, e.id(), "visit"))).isTrue();
    Task unsourced = task(o, null, T0, null, "call");
    assertThat(insert(o.actor(), unsourced)).isTrue();
    assertKind(() -> insert(o.actor(), unsourced), OmniFlowException.Kind.CONFLICT, "task_exists");
    assertKind(
        () ->
            write(
                other.actor(),
                tx ->
                    tx.tasks()
                        .update(
                            Task.open(
                                first.id(),
                                other.actor().orgId(),
                                other.lead().id(),
                                null,
                                TaskKind.CALL,
                                "Call",
                                T0,
                                null,
                                null,
                                T0))),
        OmniFlowException.Kind.NOT_FOUND,
        "not_found");
    assertThat(find(o.actor(), first.id())).contains(first);
  }

  @Test
  void anUpdateMovesTheCheckToTheNewDueTimeAndDoneOrNotedCancelsIt() {
    OrgLead o = newOwnedLead();
    Task t = task(o, null, T0.plusSeconds(60), null, "call");
    write(o.actor(), tx -> tx.tasks().insert(t));
    Instant until = T0.plus(Duration.ofDays(1));

    Task snoozed = t.snooze(until, T0.plusSeconds(1));
    write(o.actor(), tx -> tx.tasks().update(snoozed));
    assertThat(find(o.actor(), t.id())).contains(snoozed);
    assertThat(check(o.actor(), t.id())).contains(until);

    Task noted = snoozed.overdue(until.plusSeconds(1));
    write(o.actor(), tx -> tx.tasks().update(noted));
    assertThat(find(o.actor(), t.id())).contains(noted);
    assertThat(noted.status()).isEqualTo(Task.Status.OPEN);
    assertThat(check(o.actor(), t.id())).isEmpty();

    Task later = noted.snooze(until.plusSeconds(3600), until.plusSeconds(2));
    write(o.actor(), tx -> tx.tasks().update(later));
    assertThat(check(o.actor(), t.id())).contains(until.plusSeconds(3600));

    Task done = later.complete(until.plusSeconds(3));
    write(o.actor(), tx -> tx.tasks().update(done));
    assertThat(find(o.actor(), t.id())).contains(done);
    assertThat(check(o.actor(), t.id())).isEmpty();
  }

  @Test
  void aListFiltersByAssigneeStatusAndDueTimeAndPagesByCursorInDueThenIdOrder() {
    OrgLead o = newOwnedLead();
    UUID owner = o.actor().userId();
    List<Task> all = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      // Pairs share a due time, so the id breaks ties the same way in every store.
      Instant due = T0.plus(Duration.ofHours(i / 2));
      Task t = task(o, i % 3 == 0 ? null : owner, due, null, "call");
      write(o.actor(), tx -> tx.tasks().insert(t));
      all.add(t);
    }
    Task done = all.get(1).complete(T0.plusSeconds(5));
    write(o.actor(), tx -> tx.tasks().update(done));
    all.set(1, done);
    List<Task> ordered =
        all.stream()
            .sorted(
                java.util.Comparator.comparing(Task::dueAt).thenComparing(t -> t.id().toString()))
            .toList();

    assertThat(list(o.actor(), TaskQuery.all())).containsExactlyElementsOf(ordered);
    assertThat(list(o.actor(), new TaskQuery(owner, null, null, null, 50)))
        .containsExactlyElementsOf(
            ordered.stream().filter(t -> owner.equals(t.assigneeUserId())).toList());
    assertThat(list(o.actor(), new TaskQuery(null, Task.Status.DONE, null, null, 50)))
        .containsExactly(done);
    assertThat(list(o.actor(), new TaskQuery(null, null, T0.plus(Duration.ofHours(1)), null, 50)))
        .containsExactlyElementsOf(ordered.subList(0, 2));

    List<Task> paged = new ArrayList<>();
    TaskQuery.Cursor after = null;
    for (int page = 0; page < 4; page++) {
      List<Task> items = list(o.actor(), new TaskQuery(null, null, null, after, 4));
      paged.addAll(items);
      if (items.size() < 4) {
        break;
      }
      after = TaskQuery.Cursor.after(items.get(items.size() - 1));
    }
    assertThat(paged).containsExactlyElementsOf(ordered);
  }
}
