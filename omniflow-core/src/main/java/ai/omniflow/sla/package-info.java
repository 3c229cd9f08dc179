/**
 * Service-level agreements as pure values and functions: {@link ai.omniflow.sla.BusinessCalendar}
 * (business hours in an IANA time zone, holidays and special days, and the business-time arithmetic
 * on them), {@link ai.omniflow.sla.SlaPolicy} (response targets per channel and score band, warning
 * threshold, escalation steps) and {@link ai.omniflow.sla.SlaClock} (the state of a thread's clock
 * from its timeline). No store, no scheduler, no clock of its own: time is passed in. See
 * docs/sla.md.
 */
@NullMarked
package ai.omniflow.sla;

import org.jspecify.annotations.NullMarked;
