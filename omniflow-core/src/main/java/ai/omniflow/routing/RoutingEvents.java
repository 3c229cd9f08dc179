package ai.omniflow.routing;

/**
 * The types of the {@link ai.omniflow.events.DomainEvent}s OmniFlow appends for agents, routing
 * groups and routing configs, and the actions of the {@link ai.omniflow.audit.AuditEntry audit
 * entries} it keeps beside them ({@code AUDIT_…}), as they are stored and sent. docs/routing.md and
 * docs/security.md list them.
 *
 * <pre>{@code
 * boolean match = event.type().equals(RoutingEvents.AGENT_AVAILABILITY_CHANGED);
 * }</pre>
 *
 * <p>Constants only; decision 0038 says why these are strings and not an enum.
 */
public final class RoutingEvents {
  /** Event {@code agent.availability_changed}. */
  public static final String AGENT_AVAILABILITY_CHANGED = "agent.availability_changed";

  /** Event {@code agent.created}. */
  public static final String AGENT_CREATED = "agent.created";

  /** Event {@code agent.updated}. */
  public static final String AGENT_UPDATED = "agent.updated";

  /** Event {@code lead.routed}. */
  public static final String LEAD_ROUTED = "lead.routed";

  /** Event {@code routing.config_changed}. */
  public static final String ROUTING_CONFIG_CHANGED = "routing.config_changed";

  /** Event {@code routing_group.created}. */
  public static final String ROUTING_GROUP_CREATED = "routing_group.created";

  /** Event {@code routing_group.updated}. */
  public static final String ROUTING_GROUP_UPDATED = "routing_group.updated";

  /** Audit action {@code agent.create}. */
  public static final String AUDIT_AGENT_CREATE = "agent.create";

  /** Audit action {@code agent.set_availability}. */
  public static final String AUDIT_AGENT_SET_AVAILABILITY = "agent.set_availability";

  /** Audit action {@code agent.update}. */
  public static final String AUDIT_AGENT_UPDATE = "agent.update";

  /** Audit action {@code lead.route}. */
  public static final String AUDIT_LEAD_ROUTE = "lead.route";

  /** Audit action {@code routing.set_config}. */
  public static final String AUDIT_ROUTING_SET_CONFIG = "routing.set_config";

  /** Audit action {@code routing_group.create}. */
  public static final String AUDIT_ROUTING_GROUP_CREATE = "routing_group.create";

  /** Audit action {@code routing_group.update}. */
  public static final String AUDIT_ROUTING_GROUP_UPDATE = "routing_group.update";

  private RoutingEvents() {}
}
