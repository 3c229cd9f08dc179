package ai.omniflow.store.spi;

import ai.omniflow.tenancy.Actor;

/**
 * One open transaction, scoped to one org. Valid only inside {@link Store#inTransaction}; not
 * thread-safe.
 */
public interface StoreTransaction {
  /** The actor this transaction runs for; its org scopes every repository. */
  Actor actor();

  OrgRepository orgs();

  UserRepository users();

  MembershipRepository memberships();

  ApiKeyRepository apiKeys();

  EventRepository events();

  AuditRepository audit();

  ConnectorAccountRepository connectorAccounts();

  OAuthStateRepository oauthStates();

  ContactRepository contacts();

  ContactMergeRepository contactMerges();

  /** The consent ledger: every grant and withdrawal of consent per contact and channel. */
  ConsentRepository consents();

  /** Threads, messages, touchpoints and ingest receipts. */
  InboxRepository inbox();

  /** Leads, their score history and the org's learned-model runs. */
  LeadRepository leads();

  /** Agents, routing groups, the org's routing configuration and round-robin counters. */
  RoutingRepository routing();

  /** Touchpoints recorded from outside the inbox: clicks and visits. */
  ExternalTouchpointRepository externalTouchpoints();

  /** Spend per day and channel or campaign. */
  SpendRepository spend();

  /** Journeys' raw activity, streamed per contact. */
  JourneyRepository journeys();

  /** The org's own SLA policy and its business calendars. */
  SlaRepository sla();

  /** The SLA clocks of the org's threads and the steps scheduled for them. */
  SlaClockRepository slaClocks();

  /** The org's first responses and speed-to-lead figures. */
  SlaMetricsRepository slaMetrics();

  /**
   * The clock keeping's lock-and-read and its write of one message, each as the other repositories'
   * calls would do them one after another; the default makes those calls ({@link
   * SlaClockKeepingRepository#composed}), a store may answer each in one round trip (decision
   * 0100).
   */
  default SlaClockKeepingRepository slaClockKeeping() {
    return SlaClockKeepingRepository.composed(this);
  }

  /** Leads' nurture enrollments, their history and their scheduled runs. */
  EnrollmentRepository enrollments();

  /** The org's own nurture playbooks, which override or add to its pack's. */
  PlaybookRepository playbooks();

  /** The pack version the org accepted, kept as text. */
  AcceptedPackRepository acceptedPacks();

  /** The org's own override of its pack. */
  PackOverrideRepository packOverrides();

  /** Tasks for people and their scheduled overdue checks. */
  TaskRepository tasks();
}
