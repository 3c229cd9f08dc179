package ai.omniflow.store.internal;

import ai.omniflow.store.spi.ApiKeyRepository;
import ai.omniflow.store.spi.AuditRepository;
import ai.omniflow.store.spi.ConnectorAccountRepository;
import ai.omniflow.store.spi.ContactMergeRepository;
import ai.omniflow.store.spi.ContactRepository;
import ai.omniflow.store.spi.EventRepository;
import ai.omniflow.store.spi.ExternalTouchpointRepository;
import ai.omniflow.store.spi.InboxRepository;
import ai.omniflow.store.spi.JourneyRepository;
import ai.omniflow.store.spi.LeadRepository;
import ai.omniflow.store.spi.MembershipRepository;
import ai.omniflow.store.spi.OAuthStateRepository;
import ai.omniflow.store.spi.OrgRepository;
import ai.omniflow.store.spi.RoutingRepository;
import ai.omniflow.store.spi.SpendRepository;
import ai.omniflow.store.spi.StoreTransaction;
import ai.omniflow.store.spi.UserRepository;
import ai.omniflow.tenancy.Actor;

/**
 * One in-memory transaction: it hands out the repositories, one class each, over the store's tables
 * and one shared {@link InMemoryContext}. Not thread-safe: the store's lock guards it.
 */
public final class InMemoryTransaction implements StoreTransaction {
  private final Actor actor;
  private final InMemoryTables tables;
  private final InMemoryContext tx;

  /** A transaction of {@code actor}'s org over {@code tables}. */
  public InMemoryTransaction(InMemoryTables tables, Actor actor) {
    this.actor = actor;
    this.tables = tables;
    this.tx = new InMemoryContext(actor.orgId());
  }

  /** Ends the transaction: its repositories refuse further work. */
  public void close() {
    tx.close();
  }

  /** Undoes everything the transaction changed, newest change first. */
  public void rollback() {
    tx.rollback();
  }

  @Override
  public Actor actor() {
    return actor;
  }

  @Override
  public OrgRepository orgs() {
    return new InMemoryOrgs(tables, tx);
  }

  @Override
  public UserRepository users() {
    return new InMemoryUsers(tables, tx);
  }

  @Override
  public MembershipRepository memberships() {
    return new InMemoryMemberships(tables, tx);
  }

  @Override
  public ApiKeyRepository apiKeys() {
    return new InMemoryApiKeys(tables, tx);
  }

  @Override
  public EventRepository events() {
    return new InMemoryEvents(tables, tx);
  }

  @Override
  public AuditRepository audit() {
    return new InMemoryAudit(tables, tx);
  }

  @Override
  public ConnectorAccountRepository connectorAccounts() {
    return new InMemoryConnectorAccounts(tables, tx);
  }

  @Override
  public OAuthStateRepository oauthStates() {
    return new InMemoryOAuthStates(tables, tx);
  }

  @Override
  public ContactRepository contacts() {
    return new InMemoryContacts(tables, tx);
  }

  @Override
  public ContactMergeRepository contactMerges() {
    return new InMemoryContactMerges(tables, tx);
  }

  @Override
  public ai.omniflow.store.spi.ConsentRepository consents() {
    return new InMemoryConsents(tables, tx);
  }

  @Override
  public ai.omniflow.store.spi.EnrollmentRepository enrollments() {
    return new InMemoryEnrollments(tables, tx);
  }

  @Override
  public ai.omniflow.store.spi.PlaybookRepository playbooks() {
    return new InMemoryPlaybooks(tables, tx);
  }

  @Override
  public ai.omniflow.store.spi.AcceptedPackRepository acceptedPacks() {
    return new InMemoryAcceptedPacks(tables, tx);
  }

  @Override
  public ai.omniflow.store.spi.PackOverrideRepository packOverrides() {
    return new InMemoryPackOverrides(tables, tx);
  }

  @Override
  public ai.omniflow.store.spi.TaskRepository tasks() {
    return new InMemoryTasks(tables, tx);
  }

  @Override
  public InboxRepository inbox() {
    return new InMemoryInbox(tables, tx);
  }

  @Override
  public LeadRepository leads() {
    return new InMemoryLeads(tables, tx);
  }

  @Override
  public RoutingRepository routing() {
    return new InMemoryRouting(tables, tx);
  }

  @Override
  public ExternalTouchpointRepository externalTouchpoints() {
    return new InMemoryExternalTouchpoints(tables, tx);
  }

  @Override
  public SpendRepository spend() {
    return new InMemorySpend(tables, tx);
  }

  @Override
  public JourneyRepository journeys() {
    return new InMemoryJourneys(tables, tx);
  }

  @Override
  public ai.omniflow.store.spi.SlaRepository sla() {
    return new InMemorySla(tables, tx);
  }

  @Override
  public ai.omniflow.store.spi.SlaClockRepository slaClocks() {
    return new InMemorySlaClocks(tables, tx);
  }

  @Override
  public ai.omniflow.store.spi.SlaMetricsRepository slaMetrics() {
    return new InMemorySlaMetrics(tables, tx);
  }
}
