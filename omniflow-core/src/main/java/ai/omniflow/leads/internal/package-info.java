/** The lead use cases and what they share; not API. */
@NullMarked
package ai.omniflow.leads.internal;

import org.jspecify.annotations.NullMarked;
