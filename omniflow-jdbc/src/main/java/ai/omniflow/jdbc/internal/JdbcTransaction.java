package ai.omniflow.jdbc.internal;

import ai.omniflow.store.spi.ApiKeyRepository;
import ai.omniflow.store.spi.AuditRepository;
import ai.omniflow.store.spi.ConnectorAccountRepository;
import ai.omniflow.store.spi.ContactMergeRepository;
import ai.omniflow.store.spi.ContactRepository;
import ai.omniflow.store.spi.EventRepository;
import ai.omniflow.store.spi.InboxRepository;
import ai.omniflow.store.spi.LeadRepository;
import ai.omniflow.store.spi.MembershipRepository;
import ai.omniflow.store.spi.OAuthStateRepository;
import ai.omniflow.store.spi.OrgRepository;
import ai.omniflow.store.spi.RoutingRepository;
import ai.omniflow.store.spi.StoreTransaction;
import ai.omniflow.store.spi.UserRepository;
import ai.omniflow.tenancy.Actor;
import org.jdbi.v3.core.Handle;

/**
 * One open store transaction on one Jdbi handle, already scoped to the actor's org. It only hands
 * out the repositories, one class each, which share one {@link JdbcContext}. Not thread-safe.
 */
public final class JdbcTransaction implements StoreTransaction {
  private final Actor actor;
  private final JdbcContext tx;

  JdbcTransaction(Handle handle, String schema, Actor actor, JsonCodec json, boolean savepoints) {
    this.actor = actor;
    this.tx = new JdbcContext(handle, schema, actor.orgId(), json, savepoints);
  }

  /** Writes the rows a strict transaction kept back for one round trip each, before the commit. */
  void flush() {
    tx.flush();
  }

  void close() {
    tx.close();
  }

  @Override
  public Actor actor() {
    return actor;
  }

  @Override
  public OrgRepository orgs() {
    return new JdbcOrgs(tx);
  }

  @Override
  public UserRepository users() {
    return new JdbcUsers(tx);
  }

  @Override
  public MembershipRepository memberships() {
    return new JdbcMemberships(tx);
  }

  @Override
  public ApiKeyRepository apiKeys() {
    return new JdbcApiKeys(tx);
  }

  @Override
  public EventRepository events() {
    return new JdbcEvents(tx);
  }

  @Override
  public AuditRepository audit() {
    return new JdbcAudit(tx);
  }

  @Override
  public ConnectorAccountRepository connectorAccounts() {
    return new JdbcConnectorAccounts(tx);
  }

  @Override
  public OAuthStateRepository oauthStates() {
    return new JdbcOAuthStates(tx);
  }

  @Override
  public ContactRepository contacts() {
    return new JdbcContacts(tx);
  }

  @Override
  public ContactMergeRepository contactMerges() {
    return new JdbcContactMerges(tx);
  }

  @Override
  public ai.omniflow.store.spi.ConsentRepository consents() {
    return new JdbcConsents(tx);
  }

  @Override
  public ai.omniflow.store.spi.EnrollmentRepository enrollments() {
    return new JdbcEnrollments(tx);
  }

  @Override
  public ai.omniflow.store.spi.PlaybookRepository playbooks() {
    return new JdbcPlaybooks(tx);
  }

  @Override
  public ai.omniflow.store.spi.AcceptedPackRepository acceptedPacks() {
    return new JdbcAcceptedPacks(tx);
  }

  @Override
  public ai.omniflow.store.spi.PackOverrideRepository packOverrides() {
    return new JdbcPackOverrides(tx);
  }

  @Override
  public ai.omniflow.store.spi.TaskRepository tasks() {
    return new JdbcTasks(tx);
  }

  @Override
  public InboxRepository inbox() {
    return new JdbcInbox(tx);
  }

  @Override
  public LeadRepository leads() {
    return new JdbcLeads(tx);
  }

  @Override
  public RoutingRepository routing() {
    return new JdbcRouting(tx);
  }

  @Override
  public ai.omniflow.store.spi.ExternalTouchpointRepository externalTouchpoints() {
    return new JdbcExternalTouchpoints(tx);
  }

  @Override
  public ai.omniflow.store.spi.SpendRepository spend() {
    return new JdbcSpend(tx);
  }

  @Override
  public ai.omniflow.store.spi.JourneyRepository journeys() {
    return new JdbcJourneys(tx);
  }

  @Override
  public ai.omniflow.store.spi.SlaRepository sla() {
    return new JdbcSla(tx);
  }

  @Override
  public ai.omniflow.store.spi.SlaClockRepository slaClocks() {
    return new JdbcSlaClocks(tx);
  }

  @Override
  public ai.omniflow.store.spi.SlaClockKeepingRepository slaClockKeeping() {
    return new JdbcSlaClockKeeping(tx);
  }

  @Override
  public ai.omniflow.store.spi.SlaMetricsRepository slaMetrics() {
    return new JdbcSlaMetrics(tx);
  }
}
