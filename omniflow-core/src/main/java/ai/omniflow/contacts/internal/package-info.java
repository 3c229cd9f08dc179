/** How contacts work inside: normalizing handles and snapshots for events and audit. Not API. */
@NullMarked
package ai.omniflow.contacts.internal;

import org.jspecify.annotations.NullMarked;
