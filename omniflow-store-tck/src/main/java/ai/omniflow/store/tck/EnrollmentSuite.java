package ai.omniflow.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.OmniFlowException;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.enrollment.Enrollment;
import ai.omniflow.enrollment.EnrollmentHistoryEntry;
import ai.omniflow.enrollment.StoredEnrollment;
import ai.omniflow.leads.Lead;
import ai.omniflow.tenancy.Actor;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The enrollment repository: enrollments read back as written and only in their org, at most one
 * active per lead, the scheduled run following the enrollment, and an append-only history. Not API:
 * {@link StoreCompatibilityKit} runs it as a nested suite.
 */
abstract class EnrollmentSuite extends StoreSuite {
  private static StoredEnrollment started(OrgLead e, Instant at) {
    return new StoredEnrollment(
        e.actor().orgId(),
        e.contact().id(),
        Enrollment.start(UUID.randomUUID(), e.lead().id(), "gentle-follow-up", at),
        true,
        at,
        at);
  }

  private static StoredEnrollment ended(StoredEnrollment s, String reason, Instant at) {
    Enrollment e = s.enrollment();
    return s.with(
        new Enrollment(
            e.id(),
            e.leadId(),
            e.playbookKey(),
            e.step(),
            Enrollment.Status.STOPPED,
            reason,
            at,
            e.lastSendAt()),
        at);
  }

  private boolean insert(Actor a, StoredEnrollment s) {
    return store().inTransaction(a, tx -> tx.enrollments().insert(s));
  }

  private Optional<StoredEnrollment> find(Actor a, UUID id) {
    return store().inTransaction(a, tx -> tx.enrollments().find(id));
  }

  private Optional<StoredEnrollment> lock(Actor a, UUID id) {
    return store().inTransaction(a, tx -> tx.enrollments().lock(id));
  }

  private Optional<StoredEnrollment> latest(Actor a, UUID leadId) {
    return store().inTransaction(a, tx -> tx.enrollments().latestOfLead(leadId));
  }

  private List<StoredEnrollment> active(Actor a, UUID contactId) {
    return store().inTransaction(a, tx -> tx.enrollments().activeOfContact(contactId));
  }

  private Optional<Instant> run(Actor a, UUID id) {
    return store().inTransaction(a, tx -> tx.enrollments().scheduledRun(id));
  }

  private List<EnrollmentHistoryEntry> history(Actor a, UUID id, int limit) {
    return store().inTransaction(a, tx -> tx.enrollments().history(id, limit));
  }

  @Test
  void anEnrollmentReadsBackAsWrittenWithItsRunAndOnlyInItsOrg() {
    OrgLead e = newPondLead();
    Actor other = newOrg();
    StoredEnrollment s = started(e, T0);
    assertThat(insert(e.actor(), s)).isTrue();

    assertThat(find(e.actor(), s.id())).contains(s);
    assertThat(lock(e.actor(), s.id())).contains(s);
    assertThat(latest(e.actor(), e.lead().id())).contains(s);
    assertThat(active(e.actor(), e.contact().id())).containsExactly(s);
    assertThat(run(e.actor(), s.id())).contains(T0);

    assertThat(find(other, s.id())).isEmpty();
    assertThat(latest(other, e.lead().id())).isEmpty();
    assertThat(active(other, e.contact().id())).isEmpty();
    assertThat(run(other, s.id())).isEmpty();
  }

  @Test
  void whetherAnEnrollmentInAPlaybookIsActiveIsAnsweredForTheOrgOnly() {
    OrgLead e = newPondLead();
    Actor other = newOrg();
    StoredEnrollment s = started(e, T0);
    assertThat(insert(e.actor(), s)).isTrue();

    assertThat(anyActive(e.actor(), "gentle-follow-up")).isTrue();
    assertThat(anyActive(e.actor(), "warm-lead-push")).isFalse();
    assertThat(anyActive(other, "gentle-follow-up")).isFalse();

    write(e.actor(), tx -> tx.enrollments().update(ended(s, "replied", T0.plusSeconds(30))));
    assertThat(anyActive(e.actor(), "gentle-follow-up")).isFalse();
  }

  @Test
  void whetherAnyEnrollmentIsActiveIsAnsweredForTheOrgOnly() {
    OrgLead e = newPondLead();
    Actor other = newOrg();
    assertThat(anyActive(e.actor())).isFalse();
    StoredEnrollment s = started(e, T0);
    assertThat(insert(e.actor(), s)).isTrue();

    assertThat(anyActive(e.actor())).isTrue();
    assertThat(anyActive(other)).isFalse();

    write(e.actor(), tx -> tx.enrollments().update(ended(s, "replied", T0.plusSeconds(30))));
    assertThat(anyActive(e.actor())).isFalse();
  }

  private boolean anyActive(Actor a) {
    return store().inTransaction(a, tx -> tx.enrollments().anyActive());
  }

  private boolean anyActive(Actor a, String playbookKey) {
    return store().inTransaction(a, tx -> tx.enrollments().anyActiveOfPlaybook(playbookKey));
  }

  @Test
  void theActiveEnrollmentsOfAPlaybookReadOldestFirstForTheOrgOnly() {
    OrgLead e = newPondLead();
    Actor other = newOrg();
    Lead second = newLead(e.actor(), T0, c -> openLead(e.actor(), c.id(), null, Channel.SMS, T0));
    Lead third = newLead(e.actor(), T0, c -> openLead(e.actor(), c.id(), null, Channel.SMS, T0));
    StoredEnrollment first = started(e, T0);
    StoredEnrollment later = startedFor(e.actor(), second, "gentle-follow-up", T0.plusSeconds(60));
    StoredEnrollment elsewhere = startedFor(e.actor(), third, "warm-lead-push", T0);
    assertThat(insert(e.actor(), later)).isTrue();
    assertThat(insert(e.actor(), first)).isTrue();
    assertThat(insert(e.actor(), elsewhere)).isTrue();

    assertThat(activeIn(e.actor(), "gentle-follow-up")).containsExactly(first, later);
    assertThat(activeIn(e.actor(), "warm-lead-push")).containsExactly(elsewhere);
    assertThat(activeIn(e.actor(), "no-such-playbook")).isEmpty();
    assertThat(activeIn(other, "gentle-follow-up")).isEmpty();

    write(e.actor(), tx -> tx.enrollments().update(ended(first, "replied", T0.plusSeconds(90))));
    assertThat(activeIn(e.actor(), "gentle-follow-up")).containsExactly(later);
  }

  private static StoredEnrollment startedFor(Actor a, Lead lead, String playbook, Instant at) {
    return new StoredEnrollment(
        a.orgId(),
        lead.contactId(),
        Enrollment.start(UUID.randomUUID(), lead.id(), playbook, at),
        true,
        at,
        at);
  }

  private List<StoredEnrollment> activeIn(Actor a, String playbookKey) {
    return store().inTransaction(a, tx -> tx.enrollments().activeOfPlaybook(playbookKey));
  }

  @Test
  void aLeadHasAtMostOneActiveEnrollmentAndMayStartAnotherOnceItEnded() {
    OrgLead e = newPondLead();
    StoredEnrollment first = started(e, T0);
    StoredEnrollment second = started(e, T0.plusSeconds(60));
    assertThat(insert(e.actor(), first)).isTrue();

    assertThat(insert(e.actor(), second)).isFalse();
    assertThat(find(e.actor(), second.id())).isEmpty();

    write(e.actor(), tx -> tx.enrollments().update(ended(first, "replied", T0.plusSeconds(30))));
    assertThat(insert(e.actor(), second)).isTrue();
    assertThat(latest(e.actor(), e.lead().id())).contains(second);
    assertThat(active(e.actor(), e.contact().id())).containsExactly(second);
  }

  @Test
  void anEnrollmentOfAnotherOrgsLeadOrAnotherContactIsNotFoundAndATakenIdConflicts() {
    OrgLead e = newPondLead();
    OrgLead other = newPondLead();
    StoredEnrollment forged =
        new StoredEnrollment(
            other.actor().orgId(),
            other.contact().id(),
            Enrollment.start(UUID.randomUUID(), e.lead().id(), "gentle-follow-up", T0),
            true,
            T0,
            T0);
    assertKind(() -> insert(other.actor(), forged), OmniFlowException.Kind.NOT_FOUND, "not_found");
    StoredEnrollment wrongContact =
        new StoredEnrollment(
            e.actor().orgId(),
            UUID.randomUUID(),
            Enrollment.start(UUID.randomUUID(), e.lead().id(), "gentle-follow-up", T0),
            true,
            T0,
            T0);
    assertKind(
        () -> insert(e.actor(), wrongContact), OmniFlowException.Kind.NOT_FOUND, "not_found");
    assertThatThrownBy(() -> insert(e.actor(), forged))
        .isInstanceOf(IllegalArgumentException.class);

    StoredEnrollment s = started(e, T0);
    write(e.actor(), tx -> tx.enrollments().insert(s));
    StoredEnrollment again = ended(s, "replied", T0);
    assertKind(
        () -> insert(e.actor(), again), OmniFlowException.Kind.CONFLICT, "enrollment_exists");
    assertKind(
        () -> write(other.actor(), tx -> tx.enrollments().update(forgedUpdate(other, s))),
        OmniFlowException.Kind.NOT_FOUND,
        "not_found");
    assertThat(find(e.actor(), s.id())).contains(s);
  }

  private static StoredEnrollment forgedUpdate(OrgLead other, StoredEnrollment s) {
    return new StoredEnrollment(
        other.actor().orgId(), other.contact().id(), s.enrollment(), true, T0, T0);
  }

  @Test
  void anUpdateMovesTheScheduledRunAndAnEndCancelsIt() {
    OrgLead e = newPondLead();
    StoredEnrollment s = started(e, T0);
    write(e.actor(), tx -> tx.enrollments().insert(s));
    Enrollment moved =
        new Enrollment(
            s.id(),
            e.lead().id(),
            "gentle-follow-up",
            2,
            Enrollment.Status.ACTIVE,
            null,
            T0.plusSeconds(3600),
            T0.plusSeconds(5));
    StoredEnrollment after = s.with(moved, T0.plusSeconds(5));
    write(e.actor(), tx -> tx.enrollments().update(after));
    assertThat(find(e.actor(), s.id())).contains(after);
    assertThat(run(e.actor(), s.id())).contains(T0.plusSeconds(3600));

    StoredEnrollment done = ended(after, "completed", T0.plusSeconds(3600));
    write(e.actor(), tx -> tx.enrollments().update(done));
    assertThat(run(e.actor(), s.id())).isEmpty();
    assertThat(active(e.actor(), e.contact().id())).isEmpty();
  }

  @Test
  void historyReadsBackOldestFirstWithTiesInTheOrderAppendedAndOnlyInItsOrg() {
    OrgLead e = newPondLead();
    Actor other = newOrg();
    StoredEnrollment s = started(e, T0);
    UUID org = e.actor().orgId();
    EnrollmentHistoryEntry start =
        new EnrollmentHistoryEntry(
            UUID.randomUUID(), org, s.id(), EnrollmentHistoryEntry.Kind.STARTED, null, null, T0);
    EnrollmentHistoryEntry sent =
        new EnrollmentHistoryEntry(
            UUID.randomUUID(),
            org,
            s.id(),
            EnrollmentHistoryEntry.Kind.SENT,
            "check_in",
            "sms",
            T0.plusSeconds(1));
    EnrollmentHistoryEntry waiting =
        new EnrollmentHistoryEntry(
            UUID.randomUUID(),
            org,
            s.id(),
            EnrollmentHistoryEntry.Kind.WAITING,
            "two_days",
            null,
            T0.plusSeconds(1));
    write(
        e.actor(),
        tx -> {
          tx.enrollments().insert(s);
          tx.enrollments().append(start);
          tx.enrollments().append(sent);
          tx.enrollments().append(waiting);
        });
    assertThat(history(e.actor(), s.id(), 10)).containsExactly(start, sent, waiting);
    assertThat(history(e.actor(), s.id(), 1)).containsExactly(start);
    assertThat(history(other, s.id(), 10)).isEmpty();

    EnrollmentHistoryEntry forged =
        new EnrollmentHistoryEntry(
            UUID.randomUUID(),
            other.orgId(),
            s.id(),
            EnrollmentHistoryEntry.Kind.STOPPED,
            null,
            "forged",
            T0.plusSeconds(2));
    assertKind(
        () -> write(other, tx -> tx.enrollments().append(forged)),
        OmniFlowException.Kind.NOT_FOUND,
        "not_found");
    assertThatThrownBy(() -> history(e.actor(), s.id(), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anInsertRolledBackLeavesNoEnrollmentNoRunAndNoHistory() {
    OrgLead e = newPondLead();
    StoredEnrollment s = started(e, T0);
    assertThatThrownBy(
            () ->
                write(
                    e.actor(),
                    tx -> {
                      tx.enrollments().insert(s);
                      tx.enrollments()
                          .append(
                              new EnrollmentHistoryEntry(
                                  UUID.randomUUID(),
                                  e.actor().orgId(),
                                  s.id(),
                                  EnrollmentHistoryEntry.Kind.STARTED,
                                  null,
                                  null,
                                  T0));
                      throw new Boom();
                    }))
        .isInstanceOf(Boom.class);
    Optional<StoredEnrollment> none = find(e.actor(), s.id());
    assertThat(none).isEmpty();
    assertThat(run(e.actor(), s.id())).isEmpty();
    List<EnrollmentHistoryEntry> history = history(e.actor(), s.id(), 10);
    assertThat(history).isEmpty();
    assertThat(insert(e.actor(), s)).isTrue();
  }
}
