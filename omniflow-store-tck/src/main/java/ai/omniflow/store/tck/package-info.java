/**
 * The Store compatibility kit: {@link ai.omniflow.store.tck.StoreCompatibilityKit}, the abstract
 * JUnit test that every {@link ai.omniflow.store.spi.Store} implementation's test extends, with one
 * nested suite per repository.
 *
 * <pre>{@code
 * class MyStoreTest extends StoreCompatibilityKit {
 *   @Override
 *   protected Store store() { return myStore; }
 * }
 * }</pre>
 *
 * <p>Depend on {@code ai.omniflow:omniflow-store-tck} in test scope. The kit brings JUnit Jupiter's
 * API and AssertJ; the host's build supplies the JUnit engine as for any other test. See
 * docs/persistence.md.
 */
@NullMarked
package ai.omniflow.store.tck;

import org.jspecify.annotations.NullMarked;
