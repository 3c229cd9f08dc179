/**
 * Stores that ship with core: {@link ai.omniflow.store.InMemoryStore}, for tests, demos and hosts
 * that keep nothing. The JDBC store lives in {@code omniflow-jdbc}.
 */
@NullMarked
package ai.omniflow.store;

import org.jspecify.annotations.NullMarked;
