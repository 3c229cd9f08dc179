package ai.omniflow.store.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.enrollment.EnrollmentHistoryEntry;
import ai.omniflow.enrollment.StoredEnrollment;
import ai.omniflow.leads.Lead;
import ai.omniflow.nurture.NurtureErrors;
import ai.omniflow.store.spi.EnrollmentRepository;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@link EnrollmentRepository} of one in-memory transaction: enrollments by id, an append-only
 * history, and each active enrollment's pending run in a map. Not thread-safe: the store's lock
 * guards it.
 */
final class InMemoryEnrollments implements EnrollmentRepository {
  private final InMemoryTables tables;
  private final InMemoryContext tx;
  private final UUID org;

  InMemoryEnrollments(InMemoryTables tables, InMemoryContext tx) {
    this.tables = tables;
    this.tx = tx;
    this.org = tx.org();
  }

  @Override
  public boolean insert(StoredEnrollment e) {
    tx.requireOrg(e.orgId(), "the enrollment");
    Sequenced<Lead> lead = tables.leads.get(e.enrollment().leadId());
    if (lead == null
        || !lead.value().orgId().equals(org)
        || !lead.value().contactId().equals(e.contactId())) {
      throw OmniFlowException.notFound("The lead");
    }
    if (tables.enrollments.containsKey(e.id())) {
      throw OmniFlowException.conflict(
          NurtureErrors.ENROLLMENT_EXISTS, "The enrollment exists already.");
    }
    if (e.enrollment().active()
        && tables.enrollments.values().stream()
            .map(Sequenced::value)
            .anyMatch(
                s ->
                    s.enrollment().active()
                        && s.enrollment().leadId().equals(e.enrollment().leadId()))) {
      return false;
    }
    tx.put(tables.enrollments, e.id(), new Sequenced<>(tables.nextSequence(), e.createdAt(), e));
    schedule(e);
    return true;
  }

  @Override
  public Optional<StoredEnrollment> find(UUID enrollmentId) {
    tx.requireOpen();
    return Optional.ofNullable(tables.enrollments.get(enrollmentId))
        .map(Sequenced::value)
        .filter(s -> s.orgId().equals(org));
  }

  @Override
  public Optional<StoredEnrollment> lock(UUID enrollmentId) {
    return find(enrollmentId);
  }

  @Override
  public Optional<StoredEnrollment> latestOfLead(UUID leadId) {
    tx.requireOpen();
    return tables.enrollments.values().stream()
        .filter(
            s -> s.value().orgId().equals(org) && s.value().enrollment().leadId().equals(leadId))
        .max(
            Comparator.comparing(Sequenced<StoredEnrollment>::at).thenComparingLong(Sequenced::seq))
        .map(Sequenced::value);
  }

  @Override
  public boolean anyActiveOfPlaybook(String playbookKey) {
    Objects.requireNonNull(playbookKey, "playbookKey");
    tx.requireOpen();
    return tables.enrollments.values().stream()
        .map(Sequenced::value)
        .anyMatch(
            s ->
                s.orgId().equals(org)
                    && s.enrollment().active()
                    && s.enrollment().playbookKey().equals(playbookKey));
  }

  @Override
  public boolean anyActive() {
    tx.requireOpen();
    return tables.enrollments.values().stream()
        .map(Sequenced::value)
        .anyMatch(s -> s.orgId().equals(org) && s.enrollment().active());
  }

  @Override
  public List<StoredEnrollment> activeOfPlaybook(String playbookKey) {
    Objects.requireNonNull(playbookKey, "playbookKey");
    tx.requireOpen();
    return tables.enrollments.values().stream()
        .filter(
            s ->
                s.value().orgId().equals(org)
                    && s.value().enrollment().active()
                    && s.value().enrollment().playbookKey().equals(playbookKey))
        .sorted(
            Comparator.comparing(Sequenced<StoredEnrollment>::at).thenComparingLong(Sequenced::seq))
        .limit(MAX_ACTIVE_OF_PLAYBOOK)
        .map(Sequenced::value)
        .toList();
  }

  @Override
  public List<StoredEnrollment> activeOfContact(UUID contactId) {
    tx.requireOpen();
    return tables.enrollments.values().stream()
        .filter(
            s ->
                s.value().orgId().equals(org)
                    && s.value().contactId().equals(contactId)
                    && s.value().enrollment().active())
        .sorted(
            Comparator.comparing(Sequenced<StoredEnrollment>::at).thenComparingLong(Sequenced::seq))
        .limit(MAX_ACTIVE_OF_CONTACT)
        .map(Sequenced::value)
        .toList();
  }

  @Override
  public void update(StoredEnrollment e) {
    tx.requireOrg(e.orgId(), "the enrollment");
    Sequenced<StoredEnrollment> old = tables.enrollments.get(e.id());
    if (old == null || !old.value().orgId().equals(org)) {
      throw OmniFlowException.notFound("The enrollment");
    }
    tx.put(tables.enrollments, e.id(), new Sequenced<>(old.seq(), old.at(), e));
    schedule(e);
  }

  private void schedule(StoredEnrollment e) {
    if (e.enrollment().active()) {
      tx.put(tables.enrollmentRuns, e.id(), e.enrollment().nextRunAt());
    } else {
      tx.remove(tables.enrollmentRuns, e.id());
    }
  }

  @Override
  public void append(EnrollmentHistoryEntry entry) {
    tx.requireOrg(entry.orgId(), "the history entry");
    if (find(entry.enrollmentId()).isEmpty()) {
      throw OmniFlowException.notFound("The enrollment");
    }
    tx.append(tables.enrollmentHistory, new Sequenced<>(tables.nextSequence(), entry.at(), entry));
  }

  @Override
  public List<EnrollmentHistoryEntry> history(UUID enrollmentId, int limit) {
    Objects.requireNonNull(enrollmentId, "enrollmentId");
    if (limit < 1 || limit > MAX_HISTORY) {
      throw new IllegalArgumentException("limit must be 1 to " + MAX_HISTORY);
    }
    tx.requireOpen();
    return tables.enrollmentHistory.stream()
        .filter(s -> s.value().orgId().equals(org) && s.value().enrollmentId().equals(enrollmentId))
        .sorted(
            Comparator.<Sequenced<EnrollmentHistoryEntry>, Instant>comparing(Sequenced::at)
                .thenComparingLong(Sequenced::seq))
        .limit(limit)
        .map(Sequenced::value)
        .toList();
  }

  @Override
  public Optional<Instant> scheduledRun(UUID enrollmentId) {
    return find(enrollmentId).map(s -> tables.enrollmentRuns.get(s.id()));
  }
}
