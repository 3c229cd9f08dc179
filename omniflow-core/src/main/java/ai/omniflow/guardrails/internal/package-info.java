/** The guardrails' internals: recipient zones from phone numbers and regions. Not API. */
@NullMarked
package ai.omniflow.guardrails.internal;

import org.jspecify.annotations.NullMarked;
