/** Extension points of the SLA engine for hosts: the {@link ai.omniflow.sla.spi.Notifier}. */
@NullMarked
package ai.omniflow.sla.spi;

import org.jspecify.annotations.NullMarked;
