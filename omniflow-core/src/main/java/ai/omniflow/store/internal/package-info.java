/**
 * The in-memory store's insides: its tables and one class per repository. Not API; use {@link
 * ai.omniflow.store.InMemoryStore}.
 */
@NullMarked
package ai.omniflow.store.internal;

import org.jspecify.annotations.NullMarked;
