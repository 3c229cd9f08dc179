package ai.omniflow.tenancy;

import ai.omniflow.OmniFlowException;
import java.util.EnumSet;
import java.util.Set;

/**
 * The permission matrix: every action a service guards, with the roles allowed to take it. This
 * enum is the only place that says who may do what; services call {@link #check(Actor)} so that a
 * host calling core directly gets the same rules as an HTTP client.
 *
 * <pre>{@code
 * Permission.PACK_SELECT.check(actor); // throws forbidden for a viewer
 * }</pre>
 */
public enum Permission {
  /** See the org, its pack and one's own actor. */
  ORG_READ(Role.OWNER, Role.ADMIN, Role.MANAGER, Role.AGENT, Role.VIEWER),
  /** List the available vertical packs. */
  PACKS_READ(Role.OWNER, Role.ADMIN, Role.MANAGER, Role.AGENT, Role.VIEWER),
  /** Choose the org's vertical pack. */
  PACK_SELECT(Role.OWNER, Role.ADMIN),
  /** Change the org's settings, such as its default phone region. */
  ORG_SETTINGS_MANAGE(Role.OWNER, Role.ADMIN),
  /** Read the event log. */
  EVENTS_READ(Role.OWNER, Role.ADMIN, Role.MANAGER, Role.AGENT, Role.VIEWER),
  /** Read the audit log, with its before and after values. */
  AUDIT_READ(Role.OWNER, Role.ADMIN),
  /** Add members or change their roles. */
  MEMBERS_MANAGE(Role.OWNER, Role.ADMIN),
  /** Issue and revoke API keys for members. */
  API_KEYS_MANAGE(Role.OWNER, Role.ADMIN),
  /** See the org's connector accounts and their health (never their tokens). */
  CONNECTORS_READ(Role.OWNER, Role.ADMIN, Role.MANAGER, Role.AGENT, Role.VIEWER),
  /** Connect, check, re-encrypt and disconnect connector accounts. */
  CONNECTORS_MANAGE(Role.OWNER, Role.ADMIN, Role.MANAGER),
  /** Send messages through a connector account. */
  MESSAGES_SEND(Role.OWNER, Role.ADMIN, Role.MANAGER, Role.AGENT),
  /** See contacts, their identities and merges. */
  CONTACTS_READ(Role.OWNER, Role.ADMIN, Role.MANAGER, Role.AGENT, Role.VIEWER),
  /** Resolve identities to contacts, creating contacts and identities (what ingestion does). */
  CONTACTS_WRITE(Role.OWNER, Role.ADMIN, Role.MANAGER, Role.AGENT),
  /** Merge two contacts into one, and undo a merge. */
  CONTACTS_MERGE(Role.OWNER, Role.ADMIN, Role.MANAGER, Role.AGENT),
  /** See inbox threads, their messages and contacts' touchpoints. */
  INBOX_READ(Role.OWNER, Role.ADMIN, Role.MANAGER, Role.AGENT, Role.VIEWER),
  /** Assign, close and mark threads read; ingest inbound events (what webhooks do, as system). */
  INBOX_MANAGE(Role.OWNER, Role.ADMIN, Role.MANAGER, Role.AGENT),
  /** See leads, their scores and score history, and the org's model reports. */
  LEADS_READ(Role.OWNER, Role.ADMIN, Role.MANAGER, Role.AGENT, Role.VIEWER),
  /** Make leads from threads, edit their fields and stage, score them and record outcomes. */
  LEADS_WRITE(Role.OWNER, Role.ADMIN, Role.MANAGER, Role.AGENT),
  /** Train the org's lead model and rescore all its open leads. */
  LEADS_MANAGE(Role.OWNER, Role.ADMIN, Role.MANAGER),
  /** See agents, their availability, routing groups and the routing configuration. */
  ROUTING_READ(Role.OWNER, Role.ADMIN, Role.MANAGER, Role.AGENT, Role.VIEWER),
  /**
   * Add and change agents and routing groups, set anyone's availability and the org's routing
   * configuration. An agent may set its own availability without it.
   */
  ROUTING_MANAGE(Role.OWNER, Role.ADMIN),
  /** See attribution reports: credit, revenue, spend, ROI and ROAS per channel and campaign. */
  ATTRIBUTION_READ(Role.OWNER, Role.ADMIN, Role.MANAGER, Role.AGENT, Role.VIEWER),
  /** Record touchpoints from outside the inbox (clicks, visits) and spend. */
  ATTRIBUTION_WRITE(Role.OWNER, Role.ADMIN, Role.MANAGER),
  /** See the SLA policy in force and the business calendars. */
  SLA_READ(Role.OWNER, Role.ADMIN, Role.MANAGER, Role.AGENT, Role.VIEWER),
  /** Replace the org's SLA policy and add, change or delete business calendars. */
  SLA_MANAGE(Role.OWNER, Role.ADMIN, Role.MANAGER),
  /**
   * Add, change or delete the org's own nurture playbooks (reading them is {@link #LEADS_READ}).
   */
  PLAYBOOKS_MANAGE(Role.OWNER, Role.ADMIN, Role.MANAGER);

  private final Set<Role> allowed;

  Permission(Role first, Role... rest) {
    this.allowed = EnumSet.of(first, rest);
  }

  /** Whether {@code role} may take this action. */
  public boolean allows(Role role) {
    return allowed.contains(role);
  }

  /** The roles that may take this action. */
  public Set<Role> allowedRoles() {
    return EnumSet.copyOf(allowed);
  }

  /**
   * @throws OmniFlowException {@code forbidden} if the actor's role may not take this action
   */
  public void check(Actor actor) {
    if (!allows(actor.role())) {
      throw OmniFlowException.forbidden(
          "The role '" + actor.role().wireName() + "' may not " + describe() + ".");
    }
  }

  private String describe() {
    return switch (this) {
      case ORG_READ -> "read the org";
      case PACKS_READ -> "list vertical packs";
      case PACK_SELECT -> "select the org's vertical pack";
      case ORG_SETTINGS_MANAGE -> "change the org's settings";
      case EVENTS_READ -> "read the event log";
      case AUDIT_READ -> "read the audit log";
      case MEMBERS_MANAGE -> "manage members";
      case API_KEYS_MANAGE -> "manage API keys";
      case CONNECTORS_READ -> "see connector accounts";
      case CONNECTORS_MANAGE -> "manage connector accounts";
      case MESSAGES_SEND -> "send messages";
      case CONTACTS_READ -> "see contacts";
      case CONTACTS_WRITE -> "create or update contacts";
      case CONTACTS_MERGE -> "merge or unmerge contacts";
      case INBOX_READ -> "see the inbox";
      case INBOX_MANAGE -> "manage inbox threads";
      case LEADS_READ -> "see leads";
      case LEADS_WRITE -> "create, edit, score or close leads";
      case LEADS_MANAGE -> "train the lead model or rescore all leads";
      case ROUTING_READ -> "see routing";
      case ROUTING_MANAGE -> "manage routing";
      case ATTRIBUTION_READ -> "see attribution reports";
      case ATTRIBUTION_WRITE -> "record touchpoints or spend";
      case SLA_READ -> "see the SLA configuration";
      case SLA_MANAGE -> "change the SLA configuration";
      case PLAYBOOKS_MANAGE -> "add, change or delete nurture playbooks";
    };
  }
}
