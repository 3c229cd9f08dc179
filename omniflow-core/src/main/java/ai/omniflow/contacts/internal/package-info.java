/**
 * The contact use cases behind {@link ai.omniflow.contacts.ContactService} (resolving, merging,
 * unmerging, reading) and the snapshots they write to events and audit. Not API.
 */
@NullMarked
package ai.omniflow.contacts.internal;

import org.jspecify.annotations.NullMarked;
