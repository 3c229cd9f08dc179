/**
 * The Store SPI: where OmniFlow keeps its rows. A host may back OmniFlow with its own tables by
 * implementing {@link ai.omniflow.store.spi.Store}; its test then extends the compatibility kit
 * {@code ai.omniflow.store.tck.StoreCompatibilityKit} from {@code omniflow-store-tck}, which the
 * in-memory and JDBC stores pass too.
 */
@NullMarked
package ai.omniflow.store.spi;

import org.jspecify.annotations.NullMarked;
