/**
 * The business-time arithmetic behind {@link ai.omniflow.sla.BusinessCalendar}: a calendar compiled
 * into day tables in local nanoseconds and a zone's offset transitions as arrays. Not API; may
 * change. See docs/sla.md and docs/decisions/0037-business-time-arithmetic.md.
 */
@NullMarked
package ai.omniflow.sla.internal;

import org.jspecify.annotations.NullMarked;
