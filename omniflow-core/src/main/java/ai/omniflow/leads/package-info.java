/**
 * Leads. {@link ai.omniflow.leads.LeadFieldExtractor} reads a pack's lead fields out of a lead's
 * inbound messages and lead-form answers (see docs/leads.md, "Lead field extraction").
 */
@NullMarked
package ai.omniflow.leads;

import org.jspecify.annotations.NullMarked;
