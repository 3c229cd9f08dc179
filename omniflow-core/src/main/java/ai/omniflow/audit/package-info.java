/** The audit log: who changed what, with the values before and after. Append-only. */
@NullMarked
package ai.omniflow.audit;

import org.jspecify.annotations.NullMarked;
