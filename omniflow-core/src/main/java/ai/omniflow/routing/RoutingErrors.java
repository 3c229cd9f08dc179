package ai.omniflow.routing;

/**
 * The stable error codes OmniFlow raises for agents, routing groups and routing configs, as {@link
 * ai.omniflow.OmniFlowException#code()} carries them on the wire. Clients may branch on them;
 * docs/routing.md and the other docs say when each is raised. Codes built from a field name, {@code
 * invalid_<field>}, are not listed here (see {@link ai.omniflow.Limits}).
 *
 * <pre>{@code
 * catch (OmniFlowException e) {
 *   if (e.code().equals(RoutingErrors.AGENT_EXISTS)) { … }
 * }
 * }</pre>
 *
 * <p>Constants only; decision 0038 says why these are strings and not an enum.
 */
public final class RoutingErrors {
  /** {@code agent_exists}. */
  public static final String AGENT_EXISTS = "agent_exists";

  /** {@code claim_refused}. */
  public static final String CLAIM_REFUSED = "claim_refused";

  /** {@code group_exists}. */
  public static final String GROUP_EXISTS = "group_exists";

  /** {@code invalid_routing}. */
  public static final String INVALID_ROUTING = "invalid_routing";

  /** {@code unknown_agent}. */
  public static final String UNKNOWN_AGENT = "unknown_agent";

  /** {@code unknown_group}. */
  public static final String UNKNOWN_GROUP = "unknown_group";

  /** {@code unknown_user}. */
  public static final String UNKNOWN_USER = "unknown_user";

  private RoutingErrors() {}
}
