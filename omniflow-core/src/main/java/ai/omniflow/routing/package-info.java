/**
 * Lead routing as a pure engine: {@link ai.omniflow.routing.RoutingEngine} takes a lead's facts, a
 * {@link ai.omniflow.routing.RoutingSnapshot} of the org's agents, groups, open-lead counts and
 * round-robin counters, and the time, and returns an explained {@link
 * ai.omniflow.routing.RoutingDecision}. No store, no clock of its own. See docs/routing.md.
 */
@NullMarked
package ai.omniflow.routing;

import org.jspecify.annotations.NullMarked;
