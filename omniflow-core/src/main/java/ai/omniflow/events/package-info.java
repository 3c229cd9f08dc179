/** The event log: append-only domain events, each a fact that happened in an org. */
@NullMarked
package ai.omniflow.events;

import org.jspecify.annotations.NullMarked;
