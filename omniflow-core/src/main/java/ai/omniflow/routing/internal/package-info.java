/**
 * The routing steps composed inside a caller's transaction (lock, engine in force, snapshot,
 * decide, record), shared by the routing facade and, through {@link
 * ai.omniflow.internal.RoutingWithin}, by the lead engine. Not API: it may change in any release.
 */
@NullMarked
package ai.omniflow.routing.internal;

import org.jspecify.annotations.NullMarked;
