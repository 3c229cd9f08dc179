/**
 * OmniFlow's public entry point: {@link ai.omniflow.OmniFlow} wires a {@link
 * ai.omniflow.store.spi.Store}, the vertical packs and a clock into the services a host calls.
 *
 * <p>Every service call takes an explicit {@link ai.omniflow.tenancy.Actor}; every failure is an
 * {@link ai.omniflow.OmniFlowException} with a stable code.
 */
@NullMarked
package ai.omniflow;

import org.jspecify.annotations.NullMarked;
