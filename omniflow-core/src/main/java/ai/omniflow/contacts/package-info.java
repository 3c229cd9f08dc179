/**
 * Contacts (one person each) and their identities (one handle on one channel each): resolving
 * handles to contacts, merging two contacts into one and undoing a merge. Start at {@link
 * ai.omniflow.contacts.ContactService}.
 */
@NullMarked
package ai.omniflow.contacts;

import org.jspecify.annotations.NullMarked;
